/* fuzz-text.c: libFuzzer target for the alignment engine's tokeniser and text pipeline. */
#include "align-impl.h"

#include <hunspell.h>
#include <unistd.h>
#include <utf8proc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct textproc tp;
static bool ready;

/*
 * The first byte picks the language; the rest is text. Everything the
 * pipeline does with a token is done: fold, mark stop words, stem, split
 * compounds (with hunspell when de_CH is installed), make keys, guess the
 * language; and the invariants are checked: no empty token, every norm
 * valid UTF-8 without NUL.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a;
	struct tokens t = { 0 };
	struct buf b = BUF_INIT;
	const char *text;
	size_t i, len;
	int lang;

	if (!ready) {
		void *hun = NULL;

		if (!access("/usr/share/hunspell/de_CH.dic", R_OK))
			hun = Hunspell_create("/usr/share/hunspell/de_CH.aff",
			    "/usr/share/hunspell/de_CH.dic");
		textproc_init(&tp, hun);	/* lives as long as the process */
		ready = true;
	}
	if (size == 0)
		return 0;
	lang = data[0] % (LANG_COUNT + 1) == LANG_COUNT ? LANG_NONE :
	    data[0] % (LANG_COUNT + 1);
	text = (const char *)data + 1;
	len = size - 1;
	a = arena_new();
	text_tokenise(a, text, len, &t);
	text_mark_stop(&tp, lang, &t);
	for (i = 0; i < t.n; i++) {
		const char *n = t.v[i].norm;

		if (!n[0] ||
		    utf8proc_decompose((const utf8proc_uint8_t *)n, 0, NULL, 0,
		    UTF8PROC_NULLTERM) < 0)
			BUG("bad token norm '%s'", n);
		buf_reset(&b);
		text_stem(&tp, lang, n, &b);
		if (lang == LANG_DE)
			text_split_compound(&tp, n);
	}
	buf_reset(&b);
	text_key(&tp, lang < 0 ? LANG_DE : lang, text, len, &b);
	text_detect_lang(&tp, text, len);
	buf_reset(&b);
	text_fold(text, len, &b);
	buf_release(&b);
	tokens_release(&t);
	arena_free(a);
	return 0;
}
