/* fmt-ics.c: the timetable, the projects' milestones and the decisions as iCalendar (RFC 5545), through libical. */
#include "konkordat.h"

#include <libical/ical.h>
#include <time.h>

/* An all-day event on DATE (YYYY-MM-DD). */
static icalcomponent *
event(const char *org, const char *uid, const char *date, const char *summary,
    const char *description, const char *category, time_t stamp)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	struct icaltimetype day = icaltime_null_date();
	char *full_uid = xasprintf("%s@%s.konkordat", uid, org);
	struct buf s = BUF_INIT, d = BUF_INIT;

	day.year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
	day.month = (date[5] - '0') * 10 + (date[6] - '0');
	day.day = (date[8] - '0') * 10 + (date[9] - '0');
	icalcomponent_add_property(ev, icalproperty_new_uid(full_uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
	    icaltime_from_timet_with_zone(stamp, 0,
	    icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(day));
	icaltime_adjust(&day, 1, 0, 0, 0);
	icalcomponent_add_property(ev, icalproperty_new_dtend(day));
	/* RFC 5545's TEXT holds no control character: what a database
	   older than the import's check may hold is left out */
	textguard_xml(&s, summary);
	icalcomponent_add_property(ev, icalproperty_new_summary(s.s));
	if (description) {
		textguard_xml(&d, description);
		icalcomponent_add_property(ev,
		    icalproperty_new_description(d.s));
	}
	buf_release(&s);
	buf_release(&d);
	icalcomponent_add_property(ev, icalproperty_new_categories(category));
	icalcomponent_add_property(ev, icalproperty_new_transp(
	    ICAL_TRANSP_TRANSPARENT));
	free(full_uid);
	return ev;
}

/*
 * Write the dated things of O as one calendar to FP: the timetable's
 * milestones, each project's milestones and the decisions of the bodies.
 * Summaries and categories are in the user's language (the calendar is
 * read by people; its UIDs are what programs match on). The time stamp
 * of the events is now (SOURCE_DATE_EPOCH fixes it).
 * Returns 0 or KK_EIO.
 */
int
ics_write(const struct kk_org *o, FILE *fp)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t stamp = sde && *sde ? (time_t)strtoll(sde, NULL, 10) :
	    time(NULL);
	char *text, *summary, *uid;
	size_t i, j, len;
	int rc = KK_OK;

	icalcomponent_add_property(cal, icalproperty_new_prodid(
	    "-//konkordat//konkordat " KK_VERSION "//DE"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_x(o->party.name));
	icalproperty_set_x_name(icalcomponent_get_first_property(cal,
	    ICAL_X_PROPERTY), "X-WR-CALNAME");

	for (i = 0; i < o->nmilestones; i++) {
		const struct kk_milestone *m = &o->milestones[i];

		/* TRANSLATORS: an iCalendar event's summary, a milestone's
		   title; the categories are those of a calendar program */
		summary = m->done ? xasprintf(_("%s (done)"), m->title) :
		    xstrdup(m->title);
		icalcomponent_add_component(cal, event(o->party.id, m->id,
		    m->date, summary, m->text, _("Milestone"), stamp));
		free(summary);
	}
	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];

		for (j = 0; j < p->nmilestones; j++) {
			const struct kk_milestone *m = &p->milestones[j];

			uid = xasprintf("%s.%s", p->id, m->id);
			summary = m->done ? xasprintf(_("%s: %s (done)"),
			    p->title, m->title) : xasprintf("%s: %s",
			    p->title, m->title);
			icalcomponent_add_component(cal, event(o->party.id,
			    uid, m->date, summary, m->text,
			    _("Project milestone"), stamp));
			free(uid);
			free(summary);
		}
	}
	for (i = 0; i < o->ndecisions; i++) {
		const struct kk_decision *d = &o->decisions[i];

		uid = xasprintf("decision.%s", d->id);
		summary = xasprintf(_("Decision: %s"), d->subject);
		icalcomponent_add_component(cal, event(o->party.id, uid,
		    d->date, summary, d->outcome, _("Decision"), stamp));
		free(uid);
		free(summary);
	}
	text = icalcomponent_as_ical_string_r(cal);
	len = strlen(text);
	if (fwrite(text, 1, len, fp) != len || fflush(fp))
		rc = KK_EIO;
	free(text);
	icalcomponent_free(cal);
	return rc;
}
