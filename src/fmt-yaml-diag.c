/* fmt-yaml-diag.c: libfyaml's messages about a YAML file's syntax in the user's language. */
#include "konkordat.h"

/*
 * libfyaml writes its messages in English, formatted: "mismatched flow
 * sequence end", "plain scalar cannot start with '%' followed by blank".
 * konkordat receives them as text (fmt-yaml-read.c, take_diagnostic())
 * and looks them up in the table below: libfyaml's formats as its library
 * holds them (libfyaml 0.7, `strings libfyaml.so.0`), each argument written
 * %s whatever its type. A message that matches one is written again from
 * the translated format, each argument that is one of libfyaml's own
 * words (below) translated too, every other (a piece of the file, a
 * number) as it came. A message of another libfyaml that is in no table
 * passes unchanged, in English.
 */
static const char *const messages[] = {
	/* TRANSLATORS: libfyaml's messages about YAML syntax; each %s is one
	   of the words of the context "libfyaml" or a piece of the file */
	N_("%s not supported in JSON mode"),
	N_("%s scalar is malformed UTF8"),
	N_("%s scalar without closing quote"),
	N_("%s: expected ALIAS|SCALAR|SEQUENCE_START|MAPPING_START"),
	N_("%s: expected FYET_DOCUMENT_END"),
	N_("%s: expected FYET_DOCUMENT_START|FYET_STREAM_END"),
	N_("%s: expected FYET_STREAM_START"),
	N_("%s: expected "
	    "MAPPING_END|ALIAS|SCALAR|SEQUENCE_START|MAPPING_START"),
	N_("%s: expected "
	    "SEQUENCE_END|ALIAS|SCALAR|SEQUENCE_START|MAPPING_START"),
	N_("DOCUMENT_END while not in stream error"),
	N_("DOCUMENT_END without a document"),
	N_("DOCUMENT_START while not in stream error"),
	N_("Did not find expected stream end"),
	N_("Illegal NULL source node"),
	N_("Illegal mapping node found"),
	N_("Illegal non 1 byte utf8 tag handle character"),
	N_("Illegal placement of ':' indicator"),
	N_("Illegal scalar parent node type"),
	N_("Indentation used tabs for ':' indicator"),
	N_("Invalid JSON plain scalar"),
	N_("Invalid JSON unescaped character"),
	N_("Invalid low surrogate value"),
	N_("JSON considers keys when not in mapping context invalid"),
	N_("JSON disallows '\\0' in the input stream"),
	N_("JSON disallows trailing comma before closing %s"),
	N_("JSON does not allow empty keys"),
	N_("JSON does not allow empty keys of a mapping"),
	N_("JSON does not allow empty root content"),
	N_("JSON does not allow empty values in a mapping"),
	N_("JSON does not allow mappings as keys"),
	N_("JSON does not allow sequences as keys"),
	N_("JSON only allows double quoted scalar keys"),
	N_("Max depth (%s) exceeded"),
	N_("Mismatched right parentheses"),
	N_("Missing tag directive with handle=%s"),
	N_("Multi line double quoted scalars not supported in JSON mode"),
	N_("Multi line plain scalars not supported in JSON mode"),
	N_("NULL value with len > 0, illegal SCALAR"),
	N_("NULL value, illegal ALIAS"),
	N_("No FILE* nor fd available?"),
	N_("No operands left on operand stack"),
	N_("Non scalar keys are not allowed in JSON emit mode"),
	N_("Operand stack contains more than 1 value at end"),
	N_("STREAM_END while not in stream error"),
	N_("STREAM_START while in stream error"),
	N_("Unable to grow the context stack"),
	N_("Unexpected MAPPING_END (not in mapping)"),
	N_("Unexpected MAPPING_END (unexpected end of mapping)"),
	N_("Unexpected MAPPING_SEQUENCE (not in sequence)"),
	N_("Unexpected SEQUENCE_END (unexpected end of sequence)"),
	N_("Unexpected event %s in build mode"),
	N_("Unexpected event %s in non-build mode"),
	N_("Unknown expression %s"),
	N_("Unsupported directive"),
	N_("alias is not first in the path expresion"),
	N_("aliases not allowed in JSON emit mode"),
	N_("bad event"),
	N_("bad file.fd %s"),
	N_("bad inputs to %s"),
	N_("bad node tag"),
	N_("bad number"),
	N_("bad path expression starts here c=%s"),
	N_("bad start of block scalar ('%s')"),
	N_("bad start of flow scalar ('%s')"),
	N_("bad tag directive token"),
	N_("bad tag directive token (handle)"),
	N_("bad tag directive token (prefix)"),
	N_("bad utf8 URI escape"),
	N_("bad width for hex URI escape"),
	N_("block entries not supported in JSON mode"),
	N_("block scalar is malformed UTF8"),
	N_("block scalar no linebreak found"),
	N_("block scalar with wrongly indented line after spaces only"),
	N_("block scalars not supported in JSON mode"),
	N_("block sequence entries not allowed in this context"),
	N_("block sequence on the same line as a mapping key"),
	N_("block sequence on the same line as a previous item"),
	N_("cannot change composer state at state '%s'"),
	N_("cannot save simple key, top is required"),
	N_("cannot set anchor %s (anchor %s already exists)"),
	N_("cannot use tab for indentation of block entry"),
	N_("comma in the beginning"),
	N_("complex keys not supported in JSON mode"),
	N_("composer configuration does not support complex keys"),
	N_("could not find expected ':'"),
	N_("cyclic reference detected"),
	N_("depth limit exceeded"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected key"),
	N_("did not find expected node content"),
	N_("directive(s) without a document"),
	N_("directives not supported in JSON mode"),
	N_("document %s indicator not supported in JSON mode"),
	N_("double-quoted scalar has invalid UTF8 escape"),
	N_("double-quoted scalar has invalid hex escape"),
	N_("duplicate key"),
	N_("duplicate key after resolving"),
	N_("duplicate mapping key"),
	N_("duplicate tag directive"),
	N_("duplicate version directive"),
	N_("empty block scalar with wrongly indented comment line after "
	    "spaces only"),
	N_("empty expression in parentheses"),
	N_("expr_lr_to_token_mark() failed"),
	N_("expr_to_token_mark() failed"),
	N_("extra comma"),
	N_("failed to create ypath input from %s"),
	N_("failed to fstat %s"),
	N_("failed to fy_parse_state_push()"),
	N_("failed to fy_parse_tag_directive()"),
	N_("failed to fy_parse_version_directive()"),
	N_("failed to get valid stream start token"),
	N_("failed to open %s"),
	N_("failed to open input"),
	N_("failed to open path parser input from %s"),
	N_("failed to parse path expression %s"),
	N_("failed to peek token"),
	N_("failed to push state"),
	N_("filter operator without argument"),
	N_("flow %s with invalid extra closing %s"),
	N_("flow sequence with invalid %s"),
	N_("flow sequence without a closing bracket"),
	N_("garbage after %s directive"),
	N_("garbage after version number"),
	N_("illegal anchor mark (not '*' or '&')"),
	N_("illegal arguments to fy_save_simple_key"),
	N_("illegal block entry"),
	N_("illegal block entry or key mark"),
	N_("illegal block sequence on the same line as anchor"),
	N_("illegal block sequence on the same line as the tag"),
	N_("illegal major version number (%s)"),
	N_("illegal minor version number"),
	N_("illegal sequence index (overflow)"),
	N_("illegal style for %s_START"),
	N_("illegal tag mark (not '!')"),
	N_("illegal token (or missing) version directive token"),
	N_("illegal unicode control character in %s"),
	N_("illegal unicode space character in %s"),
	N_("illegal value mark"),
	N_("illegal version separator"),
	N_("indentation indicator 0"),
	N_("input was not valid as anchor"),
	N_("invalid %s detected"),
	N_("invalid %s indent for mapping"),
	N_("invalid %s indent for sequence"),
	N_("invalid alias"),
	N_("invalid block mapping key on same line as previous key"),
	N_("invalid character in %s"),
	N_("invalid combination of anchor plus alias"),
	N_("invalid comment after %s start"),
	N_("invalid comment after comma"),
	N_("invalid comment after end of flow %s"),
	N_("invalid comment without whitespace after %s scalar"),
	N_("invalid comment without whitespace after block scalar indicator"),
	N_("invalid content after document end marker"),
	N_("invalid directive in bare document mode"),
	N_("invalid document %s indicator in a flow sequence"),
	N_("invalid document %s indicator in bare document mode"),
	N_("invalid document-%s marker in %s scalar"),
	N_("invalid escape '%s' in %s string"),
	N_("invalid indentation in mapping"),
	N_("invalid mapping in plain multiline"),
	N_("invalid mapping key (not allowed in this context)"),
	N_("invalid mapping starting at --- line"),
	N_("invalid merge key sequence item (not an alias)"),
	N_("invalid merge key value"),
	N_("invalid method %s"),
	N_("invalid multiline %s scalar used as key"),
	N_("invalid multiline flow %s key "),
	N_("invalid multiline plain key"),
	N_("invalid nested block mapping on the same line"),
	N_("invalid node type to use for merge key"),
	N_("invalid scalar at the end of block sequence"),
	N_("invalid start of event stream"),
	N_("invalid tab as indendation in a mapping"),
	N_("invalid tab character as indent instead of space"),
	N_("invalid tab used as indentation"),
	N_("invalid tag %s (lookup tag directive)"),
	N_("invalid tag %s (tag_scan)"),
	N_("invalid tag handle start"),
	N_("invalid tag terminator"),
	N_("invalid trailing content after %s scalar"),
	N_("invalid value after mapping"),
	N_("malloc() failed"),
	N_("max recursion depth exceeded (%s)"),
	N_("mismatched flow %s end"),
	N_("missing ':'"),
	N_("missing '>' uri terminator"),
	N_("missing URI escape"),
	N_("missing comma in flow %s"),
	N_("missing document start"),
	N_("missing explicit document end marker before directive(s)"),
	N_("missing mapping value"),
	N_("missing matching left parentheses"),
	N_("missing whitespace after TAG"),
	N_("more events after stream end"),
	N_("no current document state error"),
	N_("no event to process"),
	N_("no flow to pop"),
	N_("no tokens available or start without stream start"),
	N_("non hex URI escape"),
	N_("out of tokens and failed to produce anymore"),
	N_("overflow for the flow level counter"),
	N_("parser cannot be reset at state '%s'"),
	N_("parser_setup() failed"),
	N_("partial character in %s"),
	N_("plain scalar cannot start with '%s'"),
	N_("plain scalar cannot start with '%s' followed by ,[]{} (in "
	    "flow context)"),
	N_("plain scalar cannot start with '%s' followed by blank"),
	N_("plain scalar cannot start with '%s' followed by blank (in "
	    "block context)"),
	N_("plain scalar cannot start with blank or zero"),
	N_("plain scalar is malformed UTF8"),
	N_("pop_operator() failed to find token operator to evaluate"),
	N_("premature end of event stream"),
	N_("push_operand() failed"),
	N_("push_operand_lr() failed"),
	N_("push_operator() failed"),
	N_("read() failed: %s"),
	N_("realloc() failed"),
	N_("recursive reference detected at %s"),
	N_("register anchor %s is multiple"),
	N_("short URI escape"),
	N_("single quoted scalars not supported in JSON mode"),
	N_("strdup() failed"),
	N_("stream end failed"),
	N_("stream ended without STREAM_END"),
	N_("stream start failed"),
	N_("stream with directives without content"),
	N_("tab character may not be used as indentation"),
	N_("tag URI is invalid"),
	N_("tag not supported in JSON mode"),
	N_("too %s argument for method %s, expected %s, got %s"),
	N_("trailing events after the last"),
	N_("two anchors for a single value while in mapping"),
	N_("undefined tag prefix"),
	N_("undefined tag prefix '%s'"),
	N_("unexpected alias"),
	N_("unsupport version number %s.%s"),
	N_("version directive missing dot separator"),
	N_("version directive missing major number"),
	N_("version directive missing minor number"),
	N_("vsnprintf() failed"),
	N_("wrong indendation in sequence while in mapping"),
	N_("wrongly indented %s end in flow mode"),
	N_("wrongly indented %s in flow mode"),
	N_("wrongly indented %s scalar"),
	N_("wrongly indented %s scalar in flow mode"),
	N_("wrongly indented %s start in flow mode"),
	N_("wrongly indented block scalar in block mode"),
	N_("wrongly indented block scalar in flow mode"),
	N_("wrongly indented block sequence in flow mode"),
	N_("wrongly indented entry seperator in flow mode"),
	N_("wrongly indented flow %s"),
	N_("wrongly indented mapping key in flow mode"),
	N_("wrongly indented mapping value in flow mode"),
	N_("wrongly indented sequence item"),
	N_("wrongly indented tag in flow mode"),
};

/* The words libfyaml puts into its messages through %s. */
static const char *const words[] = {
	NC_("libfyaml", "sequence"), NC_("libfyaml", "mapping"),
	NC_("libfyaml", "single-quoted"), NC_("libfyaml", "double-quoted"),
	NC_("libfyaml", "alias"), NC_("libfyaml", "anchor"),
	NC_("libfyaml", "tag"), NC_("libfyaml", "version"),
	NC_("libfyaml", "start"), NC_("libfyaml", "end"),
	NC_("libfyaml", "bracket"), NC_("libfyaml", "brace"),
};

#define MAX_ARGS 4

struct span {
	const char *s;
	size_t len;
};

/*
 * If TEXT is FORMAT with its %s filled in, the number of them, ARGS[N...]
 * holding what filled each (never empty); else -1. Every %s is tried from
 * the shortest fill up, so that the literal text after it decides.
 */
static int
match(const char *format, const char *text, struct span *args, int n)
{
	size_t len;
	int got;

	for (; *format && strncmp(format, "%s", 2); format++, text++)
		if (*format != *text)
			return -1;
	if (!*format)
		return *text ? -1 : n;
	if (n == MAX_ARGS)
		return -1;
	for (len = 1; text[len - 1]; len++) {
		args[n].s = text;
		args[n].len = len;
		got = match(format + 2, text + len, args, n + 1);
		if (got >= 0)
			return got;
	}
	return -1;
}

/* ARG in the user's language if it is one of libfyaml's words. */
static void
add_arg(struct buf *out, const struct span *arg)
{
	char id[64];
	const char *s;
	size_t i;
	int n;

	for (i = 0; i < KK_ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == arg->len &&
		    !memcmp(words[i], arg->s, arg->len))
			break;
	if (i == KK_ARRAY_SIZE(words)) {
		buf_add(out, arg->s, arg->len);
		return;
	}
	n = snprintf(id, sizeof(id), "libfyaml\004%s", words[i]);
	s = n > 0 && (size_t)n < sizeof(id) ? dgettext(KK_DOMAIN, id) : id;
	buf_adds(out, s == id ? words[i] : s);
}

/*
 * FORMAT (a translation) with ARGS (NARGS of them) in place of its %s and
 * %N$s, written by hand rather than by printf(): a translation's %d or a
 * missing argument is then text, never undefined behaviour.
 */
static void
fill(struct buf *out, const char *format, const struct span *args, int nargs)
{
	int next = 0;

	while (*format) {
		const char *p = format;
		int pos = 0;

		if (*p != '%') {
			buf_add(out, p, 1);
			format++;
			continue;
		}
		p++;
		if (*p == '%') {
			buf_add(out, "%", 1);
			format = p + 1;
			continue;
		}
		if (*p >= '1' && *p <= '9' && p[1] == '$') {
			pos = *p - '0';
			p += 2;
		}
		if (*p != 's' || (pos ? pos : next + 1) > nargs) {
			buf_add(out, format, 1);
			format++;
			continue;
		}
		add_arg(out, &args[pos ? pos - 1 : next++]);
		format = p + 1;
	}
}

/*
 * MESSAGE, one of libfyaml's (one line, without the "FILE:LINE:COLUMN:
 * error: " that libfyaml puts before it), in the user's language; MESSAGE
 * itself where there is no translation. The caller frees the result.
 */
char *
yaml_diag_translate(const char *message)
{
	struct span args[MAX_ARGS];
	struct buf out = BUF_INIT;
	const char *tr;
	size_t i;
	int n;

	for (i = 0; i < KK_ARRAY_SIZE(messages); i++) {
		n = match(messages[i], message, args, 0);
		if (n < 0)
			continue;
		tr = _(messages[i]);
		if (tr == messages[i])
			break;
		fill(&out, tr, args, n);
		return buf_detach(&out, NULL);
	}
	return xstrdup(message);
}
