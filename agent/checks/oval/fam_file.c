/*
 * fam_file.c - unix:file_test: files and directories with their type,
 * owner, group, size, modification time and permission bits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "probes/file.h"

static const char *const file_obj[] = { "filepath", "path", "filename", NULL };
static const char *const file_ste[] = { "filepath", "path", "filename", "type",
	"group_id", "user_id", "m_time", "size", "suid", "sgid", "sticky",
	"uread", "uwrite", "uexec", "gread", "gwrite", "gexec", "oread",
	"owrite", "oexec", NULL };

static const struct {
	const char *name;
	mode_t bit;
} mode_bits[] = {
	{ "suid", S_ISUID }, { "sgid", S_ISGID }, { "sticky", S_ISVTX },
	{ "uread", S_IRUSR }, { "uwrite", S_IWUSR }, { "uexec", S_IXUSR },
	{ "gread", S_IRGRP }, { "gwrite", S_IWGRP }, { "gexec", S_IXGRP },
	{ "oread", S_IROTH }, { "owrite", S_IWOTH }, { "oexec", S_IXOTH },
};

#define N_MODE_BITS (sizeof(mode_bits) / sizeof(mode_bits[0]))

static void
located(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name, const struct stat *lst)
{
	struct sc_oval_item *it;

	o->n_located++;
	it = sc_oval_item_new(SC_OVAL_KIND_FILE);
	it->path = sc_xstrdup(dir);
	it->name = name ? sc_xstrdup(name) : NULL;
	it->mode = lst->st_mode;
	it->uid = (unsigned long)lst->st_uid;
	it->gid = (unsigned long)lst->st_gid;
	it->size = (long long)lst->st_size;
	it->mtime = (long long)lst->st_mtime;
	sc_oval_collect_emit(d, o, it);
}

static int
field(const struct sc_oval_item *it, const char *name, size_t idx,
    struct sc_buf *out)
{
	if (idx > 0)
		return 0;
	if (strcmp(name, "type") == 0)
		return sc_oval_item_str(out, sc_probe_file_type(it->mode));
	if (strcmp(name, "user_id") == 0) {
		sc_buf_addf(out, "%lu", it->uid);
		return 1;
	}
	if (strcmp(name, "group_id") == 0) {
		sc_buf_addf(out, "%lu", it->gid);
		return 1;
	}
	if (strcmp(name, "size") == 0) {
		sc_buf_addf(out, "%lld", it->size);
		return 1;
	}
	if (strcmp(name, "m_time") == 0) {
		sc_buf_addf(out, "%lld", it->mtime);
		return 1;
	}
	for (size_t i = 0; i < N_MODE_BITS; i++)
		if (strcmp(name, mode_bits[i].name) == 0)
			return sc_oval_item_str(out, (it->mode & mode_bits[i].bit) ?
			    "true" : "false");
	return 0;
}

static int
states_name(struct sc_oval_state *const *states, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (sc_oval_entity_find(states[i]->ents, states[i]->n_ents, name))
			return 1;
	return 0;
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n, struct sc_buf *out)
{
	int all = n == 0, mode = all, owner = all, group = all;

	for (size_t i = 0; i < N_MODE_BITS; i++)
		if (states_name(states, n, mode_bits[i].name))
			mode = 1;
	if (states_name(states, n, "type"))
		mode = 1;
	if (states_name(states, n, "user_id"))
		owner = 1;
	if (states_name(states, n, "group_id"))
		group = 1;
	sc_oval_item_filepath(it, out);
	if (mode)
		sc_buf_addf(out, " (%s, mode %04o)", sc_probe_file_type(it->mode),
		    (unsigned)(it->mode & 07777));
	if (owner) {
		sc_buf_adds(out, " owned by ");
		sc_probe_file_describe_id(t, 0, it->uid, out);
	}
	if (group) {
		sc_buf_adds(out, owner ? ", group " : " group ");
		sc_probe_file_describe_id(t, 1, it->gid, out);
	}
	if (states_name(states, n, "size"))
		sc_buf_addf(out, ", %lld bytes", it->size);
	if (states_name(states, n, "m_time"))
		sc_buf_addf(out, ", modified at %lld", it->mtime);
}

static void
describe_none(const struct sc_oval_object *o, struct sc_buf *out)
{
	const struct sc_oval_entity *f = sc_oval_collect_ent(o, "filename");
	struct sc_buf where = SC_BUF_INIT;

	sc_buf_reset(&where);
	if (sc_oval_collect_describe_where(o, &where))
		sc_buf_addf(out, "%s does not exist", where.data);
	else
		sc_buf_addf(out, "no %s %s exists", f && f->nil ?
		    "directory" : "file", where.data);
	sc_buf_free(&where);
}

static void
to_xml(const struct sc_oval_item *it, xmlNodePtr n, xmlNsPtr ns)
{
	char num[64];

	sc_oval_item_xml_child(n, ns, "type", sc_probe_file_type(it->mode), NULL);
	snprintf(num, sizeof(num), "%lu", it->gid);
	sc_oval_item_xml_child(n, ns, "group_id", num, "int");
	snprintf(num, sizeof(num), "%lu", it->uid);
	sc_oval_item_xml_child(n, ns, "user_id", num, "int");
	snprintf(num, sizeof(num), "%lld", it->mtime);
	sc_oval_item_xml_child(n, ns, "m_time", num, "int");
	snprintf(num, sizeof(num), "%lld", it->size);
	sc_oval_item_xml_child(n, ns, "size", num, "int");
	for (size_t i = 0; i < N_MODE_BITS; i++)
		sc_oval_item_xml_child(n, ns, mode_bits[i].name,
		    (it->mode & mode_bits[i].bit) ? "true" : "false", "boolean");
}

const struct sc_oval_family sc_fam_file = {
	.ns = SC_OVAL_UNIX_NS,
	.prefix = "file",
	.ns_short = "unix",
	.sc_ns = SC_OVAL_SC_UNIX_NS,
	.item = "file_item",
	.obj_ents = file_obj,
	.ste_ents = file_ste,
	.item_ents = file_ste,
	.flags = SC_OVAL_FAM_FILES,
	.located = located,
	.field = field,
	.describe = describe,
	.describe_none = describe_none,
	.to_xml = to_xml,
};
