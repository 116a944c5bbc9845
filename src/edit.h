/* edit.h: one record at a time, as a form or a request of the API changes it. */
#ifndef KK_EDIT_H
#define KK_EDIT_H

#include "konkordat.h"
#include "store.h"

/*
 * Each function changes one record in the caller's write transaction
 * (store_begin(), whose actor the audit log names), against the version
 * the caller read: the record's row_version (konkordat.h) or VERSION, 0
 * for a record the caller adds. The stored document the record belongs
 * to is loaded, the record changed in it, and the document checked and
 * written as a file holding it would be (import.c): the same checks, the
 * same audit, and only the changed record written (and the version of an
 * adopted strategy raised, as a file that changes one raises it).
 *
 * Returns KK_OK, or with diagnostics in D (the loc's FILE names the field
 * at fault: "id", "title", "parent", "goals", "version"; NULL for what
 * concerns the record whole):
 *   KK_EINPUT     the record is wrong, or refers to what is not there;
 *   KK_ENOTFOUND  no such strategy, organisation or record;
 *   KK_ECONFLICT  someone else changed or removed the record since the
 *                 caller read it, or added one with its id: nothing was
 *                 written, and the message names both versions;
 *   or the store's failure (KK_EIO, KK_EBUSY, KK_EDISK).
 * On a failure the caller rolls the transaction back.
 */

/*
 * An item (field of action, goal, principle, measure) of strategy
 * STRATEGY. A new item goes after the others; a changed one keeps its
 * place. A goal's parent is a field of the same strategy, a measure's
 * goals are goals of it. An item others depend on (a field with goals, a
 * goal a measure realises) is not removed, nor made another kind.
 */
int edit_put_item(struct store *st, const char *strategy,
    const struct kk_item *it, struct kk_diags *d);
int edit_del_item(struct store *st, const char *strategy, const char *id,
    int version, struct kk_diags *d);

/*
 * A record of the joint organisation ORG: ROW points to the model struct
 * of KIND (struct kk_body for EDIT_BODY, ...; KK_EINPUT for a KIND that
 * is none). A new record goes after the others; removing one renumbers
 * the positions of those after it, which raises their versions.
 */
enum edit_kind {
	EDIT_BODY,
	EDIT_MILESTONE,
	EDIT_AGREEMENT,
	EDIT_PROJECT,
	EDIT_COST_KEY,
	EDIT_COMPONENT,
	EDIT_DECISION,
	EDIT_KIND_COUNT
};
int edit_put_record(struct store *st, const char *org, enum edit_kind kind,
    const void *row, struct kk_diags *d);
int edit_del_record(struct store *st, const char *org, enum edit_kind kind,
    const char *id, int version, struct kk_diags *d);

#endif
