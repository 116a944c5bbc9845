/* outfile.c: an output file written whole or not at all, through a private temporary file. */
#include "konkordat.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Every file konkordat writes goes through here. The data go to a file
 * that mkstemp() creates in the target's folder (O_EXCL: nothing planted
 * there is followed), are flushed to the disk, and only then does rename()
 * put the file in the target's place, so that a reader sees the old file
 * or the new one, never half of one, and a failure at any point leaves the
 * old file as it was.
 *
 * A target that exists and is no regular file (/dev/null, /dev/stdout, a
 * named pipe) cannot be replaced: a rename would put a file in the place
 * of the device. Its temporary file is made in $TMPDIR, and copied into
 * the target once it is whole.
 */

/* The folder of PATH ("." when it names none); the caller frees it. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static mode_t
umask_now(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

int
outfile_open(struct outfile *o, const char *path, char **errmsg)
{
	const char *base;
	struct stat sb;
	char *dir;
	int fd;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	*errmsg = NULL;
	if (!strcmp(path, "-")) {
		o->fp = stdout;
		return KK_OK;
	}
	/* a size limit (ulimit -f) makes a write fail with EFBIG, which is
	   reported and cleaned up, instead of killing the process */
	signal(SIGXFSZ, SIG_IGN);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dir = folder_of(path);
	if (!*base) {
		*errmsg = xasprintf(_("cannot write '%s': it names a folder, "
		    "not a file"), path);
		free(dir);
		return KK_EINPUT;
	}
	if (stat(dir, &sb)) {
		*errmsg = errno == ENOENT ?
		    xasprintf(_("cannot write '%s': there is no folder '%s'"),
		    path, dir) : xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
		free(dir);
		return KK_EINPUT;
	}
	if (!S_ISDIR(sb.st_mode)) {
		*errmsg = xasprintf(_("cannot write '%s': '%s' is not a "
		    "folder"), path, dir);
		free(dir);
		return KK_EINPUT;
	}
	if (!stat(path, &sb) && S_ISDIR(sb.st_mode)) {
		*errmsg = xasprintf(_("cannot write '%s': it is a folder"),
		    path);
		free(dir);
		return KK_EINPUT;
	}
	o->path = xstrdup(path);
	if (!stat(path, &sb) && !S_ISREG(sb.st_mode)) {
		const char *tmpdir = getenv("TMPDIR");

		o->copy = true;
		free(dir);
		dir = xstrdup(tmpdir && *tmpdir ? tmpdir : "/tmp");
	}
	o->tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		*errmsg = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		outfile_abort(o);
		return KK_EINPUT;
	}
	/* mkstemp() makes it 0600; the file gets the mode a new file
	   would have had */
	if (fchmod(fd, 0666 & ~umask_now()) || !(o->fp = fdopen(fd, "w+b"))) {
		*errmsg = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
		close(fd);
		outfile_abort(o);
		return KK_EINPUT;
	}
	o->fd = fd;
	return KK_OK;
}

/* fsync() the folder of PATH, so that the rename itself is on the disk. */
static int
sync_folder(const char *path)
{
	char *dir = folder_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc = 0;

	free(dir);
	if (fd < 0)
		return -1;
	/* some file systems cannot sync a folder: that is not a failure */
	if (fsync(fd) && errno != EINVAL && errno != EROFS)
		rc = -1;
	close(fd);
	return rc;
}

/* Copy the whole of O's temporary file into its target. */
static int
copy_to_target(struct outfile *o)
{
	char chunk[65536];
	size_t n;
	int fd, failed = 0;

	if (fseek(o->fp, 0, SEEK_SET))
		return -1;
	fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (!failed && (n = fread(chunk, 1, sizeof(chunk), o->fp)) > 0) {
		size_t off = 0;

		while (off < n) {
			ssize_t w = write(fd, chunk + off, n - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				failed = 1;
				break;
			}
			off += (size_t)w;
		}
	}
	failed = failed || ferror(o->fp);
	if (close(fd))
		failed = 1;
	return failed ? -1 : 0;
}

int
outfile_commit(struct outfile *o, char **errmsg)
{
	int failed;

	*errmsg = NULL;
	if (o->fp == stdout) {
		if (fflush(stdout) || ferror(stdout)) {
			*errmsg = xasprintf(_("cannot write to standard "
			    "output: %s"), strerror(errno));
			return KK_EINPUT;
		}
		return KK_OK;
	}
	if (!o->fp) {
		*errmsg = xasprintf(_("cannot write '%s'"), o->path ? o->path :
		    "");
		return KK_EINPUT;
	}
	if (o->copy) {
		errno = 0;
		failed = fflush(o->fp) || ferror(o->fp) || copy_to_target(o);
		if (failed)
			*errmsg = xasprintf(_("cannot write '%s': %s"),
			    o->path, errno ? strerror(errno) :
			    _("write error"));
		outfile_abort(o);
		return failed ? KK_EINPUT : KK_OK;
	}
	failed = fflush(o->fp) || ferror(o->fp) || fsync(o->fd);
	if (failed) {
		*errmsg = xasprintf(_("cannot write '%s': %s"), o->path,
		    errno ? strerror(errno) : _("write error"));
		outfile_abort(o);
		return KK_EINPUT;
	}
	failed = fclose(o->fp);
	o->fp = NULL;
	o->fd = -1;
	if (failed || rename(o->tmp, o->path)) {
		*errmsg = xasprintf(_("cannot write '%s': %s"), o->path,
		    strerror(errno));
		outfile_abort(o);
		return KK_EINPUT;
	}
	free(o->tmp);
	o->tmp = NULL;
	if (sync_folder(o->path)) {
		*errmsg = xasprintf(_("cannot write '%s': %s"), o->path,
		    strerror(errno));
		outfile_abort(o);
		return KK_EINPUT;
	}
	outfile_abort(o);
	return KK_OK;
}

void
outfile_abort(struct outfile *o)
{
	if (!o)
		return;
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	else if (!o->fp && o->tmp && o->fd >= 0)
		close(o->fd);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}

int
outfile_write(const char *path, int (*write)(FILE *fp, void *ctx),
    void *ctx, char **errmsg)
{
	struct outfile o;
	int rc = outfile_open(&o, path, errmsg);

	if (rc)
		return rc;
	rc = write(o.fp, ctx);
	if (rc) {
		if (!*errmsg)
			*errmsg = xasprintf(_("cannot write '%s': %s"), path,
			    errno ? strerror(errno) : _("write error"));
		outfile_abort(&o);
		return rc;
	}
	return outfile_commit(&o, errmsg);
}

int
outfile_mkdir(const char *dir, char **errmsg)
{
	struct stat sb;

	*errmsg = NULL;
	if (!mkdir(dir, 0777))
		return KK_OK;
	if (errno == EEXIST && !stat(dir, &sb) && S_ISDIR(sb.st_mode))
		return KK_OK;
	if (errno == EEXIST)
		*errmsg = xasprintf(_("cannot create the folder '%s': a file "
		    "of that name is in the way"), dir);
	else if (errno == ENOENT) {
		char *parent = folder_of(dir);

		*errmsg = xasprintf(_("cannot create the folder '%s': there "
		    "is no folder '%s'"), dir, parent);
		free(parent);
	} else
		*errmsg = xasprintf(_("cannot create the folder '%s': %s"), dir,
		    strerror(errno));
	return KK_EINPUT;
}
