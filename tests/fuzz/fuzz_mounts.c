/*
 * A running container's mount table (/proc/PID/mountinfo), which the
 * container can shape (with CAP_SYS_ADMIN it names its own mount points):
 * sc_mounts_parse, sc_mounts_classify against a fixed host table (and with
 * --include-mounts, for one input in two), and sc_mount_describe of every
 * listed mount.  Properties: every entry kept has a mount point starting
 * with '/' and an option list (linux:partition's items).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target/mounts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char mounts_host[] =
    "25 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
    "26 25 0:20 / /proc rw,relatime - proc proc rw\n"
    "29 25 254:0 /var/lib/docker /var/lib/docker rw - ext4 /dev/vda rw\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_mounts ms, host;

	memset(&ms, 0, sizeof(ms));
	memset(&host, 0, sizeof(host));
	if (sc_mounts_parse(mounts_host, strlen(mounts_host), &host, NULL) < 0)
		abort();
	if (sc_mounts_parse((const char *)data, size, &ms, NULL) == 0) {
		sc_mounts_classify(&ms, &host, size % 2);
		for (size_t i = 0; i < ms.n; i++) {
			char *d;

			if (ms.m[i].point[0] != '/' || ms.m[i].opts == NULL)
				abort();
			if (!ms.m[i].top)
				continue;
			d = sc_mount_describe(&ms.m[i]);
			if (d == NULL)
				abort();
			free(d);
		}
	}
	sc_mounts_free(&ms);
	sc_mounts_free(&host);
	return 0;
}
