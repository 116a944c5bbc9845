/* report-pdf.c: the planning report as PDF: the HTML report printed by headless Chromium, an optional program. */
#define _XOPEN_SOURCE 700	/* nftw() */
#include "konkordat.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * One route to PDF, the one that prints what the reader sees in a
 * browser: the HTML report's print stylesheet (A4, a chapter per page,
 * figures and rows kept whole) laid out by Chromium. Chromium runs in a
 * directory of its own, made for the run and removed after: the HTML,
 * a fresh profile (nothing of the user's), its log and the PDF. It is
 * started with posix_spawn() and an argument vector, never through a
 * shell, and in a process group of its own, so that a hung browser and
 * its helpers are stopped together.
 */

extern char **environ;

/* A run that takes longer has hung: the report prints in seconds. */
#define CHROMIUM_SECONDS 300

/* The program to run: $KONKORDAT_CHROMIUM, else chromium on the PATH. */
static const char *
chromium(void)
{
	const char *c = getenv("KONKORDAT_CHROMIUM");

	return c && *c ? c : "chromium";
}

/*
 * PROG as a path to run: itself if it names a path, else the first
 * executable of that name on $PATH; NULL if there is none. Looked up
 * here rather than left to posix_spawnp(), so that a missing browser is
 * told apart from one that fails, whatever runs konkordat (under
 * valgrind the exec fails in a child, not in the call). The caller frees.
 */
static char *
find_program(const char *prog)
{
	const char *path = getenv("PATH"), *p;

	if (strchr(prog, '/'))
		return access(prog, X_OK) ? NULL : xstrdup(prog);
	for (p = path && *path ? path : "/usr/bin:/bin"; ; p++) {
		size_t n = strcspn(p, ":");
		char *full = xasprintf("%.*s%s%s", (int)n, p, n ? "/" : "",
		    prog);

		if (!access(full, X_OK))
			return full;
		free(full);
		p += n;
		if (!*p)
			return NULL;
	}
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) ? -1 : 0;
}

/* DIR and all under it, without following links. */
static void
remove_tree(const char *dir)
{
	if (nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS))
		warning("cannot remove '%s': %s", dir, strerror(errno));
}

/* PATH as a file: URL, every byte but the unreserved ones and '/'
   percent-encoded. */
static char *
file_url(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;

	buf_adds(&b, "file://");
	for (; *path; path++) {
		unsigned char c = (unsigned char)*path;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("/-._~", c)) {
			buf_addc(&b, (char)c);
			continue;
		}
		buf_addc(&b, '%');
		buf_addc(&b, hex[c >> 4]);
		buf_addc(&b, hex[c & 15]);
	}
	return buf_detach(&b, NULL);
}

static int
write_html(const struct report *r, const char *path, char **errmsg)
{
	FILE *fp = fopen(path, "w");
	int rc;

	if (!fp) {
		*errmsg = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
		return KK_EIO;
	}
	rc = report_html(r, fp);
	if (fclose(fp) || rc) {
		*errmsg = xasprintf(_("cannot write '%s'"), path);
		return KK_EIO;
	}
	return KK_OK;
}

/* The last line of Chromium's log, to say why it failed; the caller
   frees it. */
static char *
last_line(const char *log)
{
	char *data, *end, *start, *out;
	size_t len;

	if (read_file(log, &data, &len))
		return xstrdup(_("it said nothing"));
	end = data + len;
	while (end > data && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	for (start = end; start > data && start[-1] != '\n'; start--)
		;
	out = end > start ? xstrndup(start, (size_t)(end - start)) :
	    xstrdup(_("it said nothing"));
	free(data);
	return out;
}

/* Wait for PID; stop its group if it runs too long. Returns its wait
   status, or -1 if it had to be stopped. */
static int
wait_chromium(pid_t pid)
{
	struct timespec tick = { 0, 100 * 1000 * 1000 };
	int status, ticks;

	for (ticks = 0; ticks < CHROMIUM_SECONDS * 10; ticks++) {
		pid_t got = waitpid(pid, &status, WNOHANG);

		if (got == pid)
			return status;
		if (got < 0 && errno != EINTR)
			return -1;
		nanosleep(&tick, NULL);
	}
	kill(-pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static int
run_chromium(const char *dir, char **errmsg)
{
	char *html = xasprintf("%s/report.html", dir);
	char *url = file_url(html);
	char *profile = xasprintf("--user-data-dir=%s/profile", dir);
	char *pdf = xasprintf("--print-to-pdf=%s/report.pdf", dir);
	char *log = xasprintf("%s/chromium.log", dir);
	const char *prog = chromium();
	char *exe = find_program(prog);
	char *argv[] = {
		(char *)prog, "--headless", "--no-sandbox", "--disable-gpu",
		"--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--no-pdf-header-footer", profile, pdf, url, NULL,
	};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	pid_t pid;
	int rc = KK_OK, err = ENOENT, status;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log,
	    O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawnattr_init(&at);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	if (exe)
		err = posix_spawn(&pid, exe, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (err == ENOENT) {
		*errmsg = xasprintf(_("'%s' not found: --format pdf prints the "
		    "HTML report with headless Chromium; install it (on "
		    "Debian: apt-get install chromium) or name it in "
		    "KONKORDAT_CHROMIUM, or write --format odt or html"),
		    prog);
		rc = KK_EINPUT;
	} else if (err) {
		*errmsg = xasprintf(_("cannot run '%s': %s"), prog,
		    strerror(err));
		rc = KK_EINPUT;
	} else if ((status = wait_chromium(pid)) < 0) {
		*errmsg = xasprintf(_("'%s' did not finish in %d seconds; "
		    "stopped"), prog, CHROMIUM_SECONDS);
		rc = KK_EIO;
	} else if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		char *why = last_line(log);

		if (WIFEXITED(status))
			*errmsg = xasprintf(_("'%s' failed with exit status %d: "
			    "%s"), prog, WEXITSTATUS(status), why);
		else
			*errmsg = xasprintf(_("'%s' died of signal %d: %s"),
			    prog, WTERMSIG(status), why);
		free(why);
		rc = KK_EIO;
	}
	free(exe);
	free(html);
	free(url);
	free(profile);
	free(pdf);
	free(log);
	return rc;
}

/* The PDF Chromium wrote, copied to FP. */
static int
copy_pdf(const char *dir, FILE *fp, char **errmsg)
{
	char *path = xasprintf("%s/report.pdf", dir);
	char *data = NULL;
	size_t len = 0;
	int rc = KK_OK;

	if (read_file(path, &data, &len) || len < 5 ||
	    memcmp(data, "%PDF-", 5)) {
		char *why = xasprintf("%s/chromium.log", dir);
		char *line = last_line(why);

		*errmsg = xasprintf(_("'%s' wrote no PDF: %s"), chromium(), line);
		free(line);
		free(why);
		rc = KK_EIO;
	} else if (fwrite(data, 1, len, fp) != len) {
		*errmsg = xasprintf(_("cannot write the PDF: %s"),
		    strerror(errno));
		rc = KK_EIO;
	}
	free(data);
	free(path);
	return rc;
}

/*
 * Write report R to FP as PDF, printed by headless Chromium from the HTML
 * report. Returns 0; KK_EINPUT when Chromium cannot be run (the message
 * says what to install); KK_EIO when it fails. *ERRMSG (the caller frees)
 * says why.
 */
int
report_pdf(const struct report *r, FILE *fp, char **errmsg)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/konkordat-pdf-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	char *html;
	int rc;

	*errmsg = NULL;
	if (!mkdtemp(dir)) {
		*errmsg = xasprintf(_("cannot make a directory '%s': %s"), dir,
		    strerror(errno));
		free(dir);
		return KK_EIO;
	}
	html = xasprintf("%s/report.html", dir);
	rc = write_html(r, html, errmsg);
	if (!rc)
		rc = run_chromium(dir, errmsg);
	if (!rc)
		rc = copy_pdf(dir, fp, errmsg);
	remove_tree(dir);
	free(html);
	free(dir);
	return rc;
}
