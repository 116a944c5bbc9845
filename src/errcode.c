/* errcode.c: what each KK_E* code means to a front end: the CLI's exit status, the API's HTTP status, a name. */
#include "konkordat.h"

/*
 * One table, so that a locked database or a full disk ends every verb
 * alike (doc/konkordat.1, EXIT STATUS) and every request alike, and a new
 * code cannot be given one status and forgotten in the other. NAME is
 * what a problem document's type says of it.
 */
static const struct kk_code_status statuses[] = {
	{ KK_OK, KK_EXIT_OK, 200, "ok" },
	{ KK_EINPUT, KK_EXIT_REFUSED, 422, "input" },
	{ KK_ENOTFOUND, KK_EXIT_REFUSED, 404, "not-found" },
	/* a write against a version that is no longer stored; a request
	   whose If-Match names an old one gets 412 before it gets here */
	{ KK_ECONFLICT, KK_EXIT_REFUSED, 409, "conflict" },
	{ KK_EIO, KK_EXIT_INTERNAL, 500, "internal" },
	{ KK_EBUSY, KK_EXIT_BUSY, 503, "busy" },
	{ KK_EDISK, KK_EXIT_DISK, 507, "disk" },
	/* a file konkordat cannot read is the user's to replace; behind
	   a server it is the operator's */
	{ KK_EDAMAGED, KK_EXIT_REFUSED, 500, "damaged" },
	{ KK_EFORBIDDEN, KK_EXIT_REFUSED, 403, "forbidden" },
	/* a state the data is not in yet */
	{ KK_ENEED_ORG, KK_EXIT_REFUSED, 409, "need-org" },
	{ KK_ENEED_ALIGN, KK_EXIT_REFUSED, 409, "need-align" },
	{ KK_ENEED_DRAFT, KK_EXIT_REFUSED, 409, "need-draft" },
	{ KK_ENEED_ITEM, KK_EXIT_REFUSED, 409, "need-item" },
	{ KK_ENEED_CHECK, KK_EXIT_REFUSED, 409, "need-check" },
	{ KK_ENEED_PARTY, KK_EXIT_REFUSED, 422, "need-party" },
	{ KK_ENEED_SAME_PARTY, KK_EXIT_REFUSED, 422, "need-same-party" },
	{ KK_ENEED_TEXT, KK_EXIT_REFUSED, 422, "need-text" },
	{ KK_ENEED_DB, KK_EXIT_REFUSED, 422, "need-db" },
};

static const struct kk_code_status unknown = {
	0, KK_EXIT_INTERNAL, 500, "internal"
};

const struct kk_code_status *
kk_code_status(int code)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(statuses); i++)
		if (statuses[i].code == code)
			return &statuses[i];
	return &unknown;
}
