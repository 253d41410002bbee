/*
 * text.c - line helpers (text.h).
 */
#include "util/text.h"

#include <string.h>
#include <sys/stat.h>

int
sc_next_line(const char **pos, const char *end, const char **line,
    size_t *len)
{
	const char *nl;

	if (*pos >= end)
		return 0;
	nl = memchr(*pos, '\n', (size_t)(end - *pos));
	*line = *pos;
	*len = nl ? (size_t)(nl - *pos) : (size_t)(end - *pos);
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	*pos = nl ? nl + 1 : end;
	return 1;
}

const char *
sc_skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	return s;
}

const char *
sc_trim_end(const char *s, const char *end)
{
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	return end;
}

const char *
sc_mode_type_word(unsigned mode)
{
	if (S_ISREG(mode))
		return "regular file";
	if (S_ISDIR(mode))
		return "directory";
	if (S_ISLNK(mode))
		return "symbolic link";
	if (S_ISFIFO(mode))
		return "FIFO";
	if (S_ISSOCK(mode))
		return "socket";
	if (S_ISCHR(mode))
		return "character device";
	if (S_ISBLK(mode))
		return "block device";
	return "special file";
}
