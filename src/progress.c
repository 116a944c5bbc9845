/* progress.c: how far a long step is, as a bar on a terminal, and its time. */
#include "konkordat.h"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/*
 * The bar is drawn on standard error only when that is a terminal, so
 * that logs and pipes get no carriage returns; it is redrawn when the
 * percentage changes, not at every call. With TIMES, each step's wall
 * time, and the peak memory so far, are printed when the next one begins
 * or at progress_end().
 */

static double
seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

void
progress_init(struct progress *p, bool times)
{
	memset(p, 0, sizeof(*p));
	p->bar = isatty(STDERR_FILENO);
	p->times = times;
	p->percent = -1;
}

static void
step_done(struct progress *p)
{
	if (!p->step)
		return;
	if (p->bar)
		fputs("\r\033[K", stderr);
	if (p->times) {
		struct rusage ru;
		long peak = getrusage(RUSAGE_SELF, &ru) ? 0 : ru.ru_maxrss;

		fprintf(stderr, _("konkordat: %s: %.2f s, peak memory so far "
		    "%ld MiB\n"), _(p->step), seconds_since(&p->start),
		    peak / 1024);
	}
	p->step = NULL;
}

void
progress_update(void *ctx, const char *step, size_t done, size_t total)
{
	struct progress *p = ctx;
	int percent, width = 30, filled;

	if (!p->step || strcmp(p->step, step)) {
		step_done(p);
		p->step = step;
		p->percent = -1;
		clock_gettime(CLOCK_MONOTONIC, &p->start);
	}
	if (!p->bar)
		return;
	percent = total ? (int)(100.0 * (double)done / (double)total) : 100;
	if (percent > 100)
		percent = 100;
	if (percent == p->percent)
		return;
	p->percent = percent;
	filled = percent * width / 100;
	fprintf(stderr, "\r%-12s [%.*s%*s] %3d%%", _(step), filled,
	    "##############################", width - filled, "", percent);
	fflush(stderr);
}

void
progress_end(struct progress *p)
{
	step_done(p);
}
