/* test-store-image.c: a database kept as an image and opened afresh, as the fuzz targets do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store.h"
#include "tempdb.h"

static void
put(struct store *st, const char *id, const char *name)
{
	struct kk_party p = { .id = id, .name = name, .kind = KK_CITY,
	    .population = -1, .standalone = true };

	tempdb_begin(st);
	assert_int_equal(store_put_party(st, &p), KK_OK);
	tempdb_commit(st);
}

/* NAME of party ID in ST, or NULL when there is none. */
static char *
name_of(struct store *st, const char *id)
{
	struct arena *a = arena_new();
	struct kk_party p;
	char *name = NULL;

	if (store_get_party(st, a, id, &p) == KK_OK)
		name = xstrdup(p.name);
	arena_free(a);
	return name;
}

static struct store *
open_image(const struct store_image *img)
{
	struct store *st = NULL;
	char *msg = NULL;

	assert_int_equal(store_open_image(img, &st, &msg), KK_OK);
	assert_null(msg);
	return st;
}

/* Each copy starts from the image, whatever other copies wrote. */
static void
test_copies_do_not_share(void **state)
{
	struct store *st, *one, *two, *three;
	struct store_image *img;
	char *msg, *s;

	assert_int_equal(store_open(":memory:", STORE_CREATE, &st, &msg),
	    KK_OK);
	put(st, "luzern", "Luzern");
	assert_int_equal(store_image_take(st, &img, &msg), KK_OK);
	put(st, "later", "Later");	/* after the image: not in it */
	one = open_image(img);
	two = open_image(img);
	put(one, "luzern", "Luzern (one)");
	put(one, "kriens", "Kriens");
	s = name_of(two, "luzern");
	assert_string_equal(s, "Luzern");
	free(s);
	assert_null(name_of(two, "kriens"));
	assert_null(name_of(two, "later"));
	store_close(one);
	three = open_image(img);
	s = name_of(three, "luzern");
	assert_string_equal(s, "Luzern");
	free(s);
	assert_null(name_of(three, "kriens"));
	assert_int_equal(store_audit_count(three), store_audit_count(two));
	store_close(two);
	store_close(three);
	store_close(st);
	store_image_free(img);
	store_image_free(NULL);
	(void)state;
}

/* The image of a database file in WAL mode opens in memory, which has
   no WAL. */
static void
test_image_of_wal_file(void **state)
{
	char path[64];
	struct store *st = tempdb_open(path, "image"), *copy;
	struct store_image *img;
	char *msg, *s;

	put(st, "vlg", "VLG");
	assert_int_equal(store_image_take(st, &img, &msg), KK_OK);
	copy = open_image(img);
	s = name_of(copy, "vlg");
	assert_string_equal(s, "VLG");
	free(s);
	put(copy, "iggi", "IGGI");
	assert_null(name_of(st, "iggi"));
	store_close(copy);
	store_image_free(img);
	tempdb_remove(st, path);
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies_do_not_share),
		cmocka_unit_test(test_image_of_wal_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
