/* strset.c: a set of strings, compact enough for the millions of identifiers of one import. */
#include "konkordat.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Open addressing with linear probing over slots of eight bytes: a 32-bit
 * hash of the member (so that a probe compares strings only when the
 * hashes agree) and the member's number. The members are packed one after
 * the other in blocks of 1 MiB, each a byte of flags and the string with
 * its NUL, found by their number in an array of pointers. A million
 * identifiers of a dozen characters take 14 MiB, 8 MiB of pointers and 16
 * to 32 MiB of slots (at least half of the slots stay free).
 */

#define STRSET_BLOCK (1 << 20)

struct slot {
	uint32_t hash;
	uint32_t member;	/* its number + 1; 0: the slot is free */
};

struct strset {
	struct slot *slots;
	size_t cap;		/* of slots: a power of two, or 0 */
	unsigned char **members;	/* each: flags, then the string */
	size_t n, mcap;
	unsigned char **blocks;
	size_t nblocks, bcap;
	unsigned char *free_at;	/* in the last block */
	size_t left;		/* bytes there */
};

/* FNV-1a, folded to 32 bits. */
static uint32_t
strset_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (uint32_t)(h ^ (h >> 32));
}

struct strset *
strset_new(void)
{
	return xcalloc(1, sizeof(struct strset));
}

void
strset_free(struct strset *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->nblocks; i++)
		free(set->blocks[i]);
	free(set->blocks);
	free(set->members);
	free(set->slots);
	free(set);
}

size_t
strset_count(const struct strset *set)
{
	return set->n;
}

/* The slot of S (hash H): its member's, or the free one it would take. */
static struct slot *
find(const struct strset *set, const char *s, uint32_t h)
{
	size_t mask = set->cap - 1, i;

	for (i = h & mask; set->slots[i].member; i = (i + 1) & mask) {
		const struct slot *sl = &set->slots[i];

		if (sl->hash == h &&
		    !strcmp((const char *)set->members[sl->member - 1] + 1, s))
			break;
	}
	return &set->slots[i];
}

unsigned char *
strset_get(const struct strset *set, const char *s)
{
	const struct slot *sl;

	if (!set->n)
		return NULL;
	sl = find(set, s, strset_hash(s));
	return sl->member ? set->members[sl->member - 1] : NULL;
}

/* Room for N more bytes of members. */
static unsigned char *
room(struct strset *set, size_t n)
{
	unsigned char *p;

	if (n > set->left) {
		size_t size = n > STRSET_BLOCK ? n : STRSET_BLOCK;

		if (set->nblocks == set->bcap) {
			set->bcap = set->bcap ? 2 * set->bcap : 16;
			set->blocks = xrealloc(set->blocks,
			    set->bcap * sizeof(*set->blocks));
		}
		set->free_at = set->blocks[set->nblocks++] = xmalloc(size);
		set->left = size;
	}
	p = set->free_at;
	set->free_at += n;
	set->left -= n;
	return p;
}

/* Twice the slots, each member in its place among them. */
static void
grow(struct strset *set)
{
	size_t cap = set->cap ? 2 * set->cap : 1024, i, j;
	struct slot *slots = xcalloc(cap, sizeof(*slots));

	for (i = 0; i < set->cap; i++) {
		if (!set->slots[i].member)
			continue;
		for (j = set->slots[i].hash & (cap - 1); slots[j].member;
		    j = (j + 1) & (cap - 1))
			;
		slots[j] = set->slots[i];
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
}

unsigned char *
strset_add(struct strset *set, const char *s, bool *added)
{
	uint32_t h = strset_hash(s);
	struct slot *sl;
	unsigned char *m;
	size_t len;

	if (set->n && (sl = find(set, s, h))->member) {
		if (added)
			*added = false;
		return set->members[sl->member - 1];
	}
	if (set->n == UINT32_MAX - 1)
		die("more than %lu identifiers in one import",
		    (unsigned long)UINT32_MAX - 1);
	if (2 * (set->n + 1) > set->cap)
		grow(set);
	if (set->n == set->mcap) {
		set->mcap = set->mcap ? 2 * set->mcap : 1024;
		set->members = xrealloc(set->members,
		    set->mcap * sizeof(*set->members));
	}
	len = strlen(s);
	m = room(set, len + 2);
	m[0] = 0;
	memcpy(m + 1, s, len + 1);
	set->members[set->n++] = m;
	sl = find(set, s, h);
	sl->hash = h;
	sl->member = (uint32_t)set->n;
	if (added)
		*added = true;
	return m;
}

/*
 * Start fetching the slot where S would be, for a strset_get() soon after:
 * on millions of members nearly every look-up waits for memory, and a
 * caller with many strings at hand (a folder of a thousand references)
 * can have the next ones come while it looks up the present one.
 */
void
strset_prefetch(const struct strset *set, const char *s)
{
#if defined(__GNUC__)
	if (set->cap)
		__builtin_prefetch(&set->slots[strset_hash(s) & (set->cap - 1)]);
#else
	(void)set;
	(void)s;
#endif
}
