# What every reader (YAML, ArchiMate, Archi's CSV) does with a file before
# its parser sees it: another kind of file is told as what it is (a
# workbook, a PDF, a compressed file), an empty file as empty, nothing is
# decompressed, a run of comments is not held in memory, and names come
# in without the white space around them, so that whatever one reader
# takes, konkordat's own YAML gives back. Every file is made here.
. "$(dirname "$0")/lib.sh"

GOALS="$KK_SRCDIR/tests/cli/data/archimate/goals-under-strategy.xml"
db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import of the example"

# refused WHAT WANT ARGS...: konkordat ARGS exits 1, says WANT (a whole
# line) and leaves the database as it was.
refused() {
	what=$1
	want=$2
	shift 2
	dump "$db" >"$KK_TMP/before.sql"
	kk --db "$db" "$@" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "$what"
	grep -qxF -- "$want" "$KK_TMP/err" && pass ||
		fail "$what said: $(cat "$KK_TMP/err"), expected: $want"
	dump "$db" >"$KK_TMP/after.sql"
	cmp -s "$KK_TMP/before.sql" "$KK_TMP/after.sql" && pass ||
		fail "$what changed the database"
}

# 1. Other kinds of file, known by their first bytes, for each reader.
d="$KK_TMP/kinds"
mkdir -p "$d"
kk --db "$db" export xlsx -o "$d/portfolio.xlsx" >/dev/null
expect_rc 0 $? "export xlsx"
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n<<>>\nendobj\n' >"$d/strategie.pdf"
gzip -c "$GOALS" >"$d/model.xml.gz"
gzip -c "$EXAMPLE/vlg.yaml" >"$d/vlg.yaml.gz"
printf '\375\067zXZ\000\000\004' >"$d/model.xml.xz"
printf 'BZh91AY&SY\001\002' >"$d/model.xml.bz2"
printf '\050\265\057\375\044' >"$d/model.xml.zst"
printf '\320\317\021\340\241\261\032\341\000\000' >"$d/old.xls"
printf '\377\376p\000a\000r\000t\000y\000:\000\n\000' >"$d/utf16.yaml"
cp "$db" "$d/copy.db"
if need python3 python3; then
	python3 - "$d" <<'EOF'
import sys, zipfile
d = sys.argv[1]
# an OpenDocument spreadsheet names its type first, stored
with zipfile.ZipFile(d + "/portfolio.ods", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"),
               "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", "<office:document-content/>")
with zipfile.ZipFile(d + "/files.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("vlg.yaml", "party:\n  id: vlg\n")
with zipfile.ZipFile(d + "/strategie.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document/>")
EOF
	expect_rc 0 $? "making the zip files"
fi

yaml_do="export it as CSV for 'konkordat import csv' or write YAML, see doc/formats.md"
csv_do="save each sheet as CSV (UTF-8) with Archi's columns, see doc/interop.md"
am_do="export the model from its tool as an ArchiMate exchange file (XML), see doc/interop.md"
f="$d/portfolio.xlsx"
refused "import of an xlsx" \
    "$f: an Excel workbook, not a YAML file: $yaml_do" import "$f"
refused "check of an xlsx" \
    "$f: an Excel workbook, not a YAML file: $yaml_do" check "$f"
refused "import archimate of an xlsx" \
    "$f: an Excel workbook, not an ArchiMate exchange file: $am_do" \
    import archimate "$f"
refused "import csv of an xlsx" \
    "$f: an Excel workbook, not a CSV file: $csv_do" import csv "$f"
mkdir -p "$d/csv"
cp "$f" "$d/csv/elements.csv"
refused "import csv of an xlsx named elements.csv" \
    "$d/csv/elements.csv: an Excel workbook, not a CSV file: $csv_do" \
    import csv "$d/csv"
if [ -f "$d/portfolio.ods" ]; then
	f="$d/portfolio.ods"
	refused "import of an ods" \
	    "$f: an OpenDocument spreadsheet, not a YAML file: $yaml_do" \
	    import "$f"
	refused "import archimate of an ods" \
	    "$f: an OpenDocument spreadsheet, not an ArchiMate exchange file: $am_do" \
	    import archimate "$f"
	f="$d/strategie.docx"
	refused "import of a docx" \
	    "$f: a Word document, not a YAML file: write its content as YAML, see doc/formats.md" \
	    import "$f"
	f="$d/files.zip"
	refused "import of a zip" \
	    "$f: a zip archive, not a YAML file: unpack it first (unzip) and give konkordat the files it holds, see doc/formats.md" \
	    import "$f"
fi
f="$d/strategie.pdf"
refused "import of a pdf" \
    "$f: a PDF document, not a YAML file: write its content as YAML, see doc/formats.md" \
    import "$f"
refused "import archimate of a pdf" \
    "$f: a PDF document, not an ArchiMate exchange file: $am_do" \
    import archimate "$f"
cp "$f" "$d/csv/elements.csv"
refused "import csv of a pdf" \
    "$d/csv/elements.csv: a PDF document, not a CSV file: write its content as CSV with Archi's columns, see doc/interop.md" \
    import csv "$d/csv"
f="$d/old.xls"
refused "import of an xls" \
    "$f: an Office 97-2003 file (such as an Excel .xls workbook), not a YAML file: $yaml_do" \
    import "$f"
f="$d/copy.db"
refused "import of a database" \
    "$f: an SQLite database, not a YAML file: name a database with --db, not as a file to read" \
    import "$f"
f="$d/utf16.yaml"
refused "import of UTF-16" \
    "$f: a UTF-16 text file, not a YAML file: save it as UTF-8" import "$f"

# 2. Compressed files: never decompressed, whatever reader, whatever size.
gz="decompress it with gunzip first, see doc/interop.md"
f="$d/model.xml.gz"
refused "import archimate of a gzip file" \
    "$f: a gzip-compressed file: konkordat does not decompress; $gz" \
    import archimate "$f"
f="$d/vlg.yaml.gz"
refused "import of a gzip file" \
    "$f: a gzip-compressed file: konkordat does not decompress; $gz" \
    import "$f"
gzip -c "$KK_SRCDIR/tests/cli/data/archimate/goals-under-strategy.xml" \
    >"$d/csv/elements.csv"
refused "import csv of a gzip file" \
    "$d/csv/elements.csv: a gzip-compressed file: konkordat does not decompress; $gz" \
    import csv "$d/csv"
for z in "xz:unxz:an xz" "bz2:bunzip2:a bzip2" "zst:unzstd:a Zstandard"; do
	ext=${z%%:*}
	tool=${z#*:}
	name=${tool#*:}
	tool=${tool%%:*}
	f="$d/model.xml.$ext"
	refused "import archimate of a $ext file" \
	    "$f: $name-compressed file: konkordat does not decompress; decompress it with $tool first, see doc/interop.md" \
	    import archimate "$f"
done
# a bomb: 64 MB of comments in 64 KB, refused by its first bytes alone
f="$d/bomb.xml.gz"
{
	echo '<?xml version="1.0"?>'
	yes '<!-- konkordat -->' | head -c 67108864
} | gzip -9 >"$f"
refused "import archimate of a gzip bomb" \
    "$f: a gzip-compressed file: konkordat does not decompress; $gz" \
    import archimate "$f"

# 3. A run of comments is not held in memory: refused past 10000 in a
# row; as many in a row as allowed, between elements, are read.
comments() {
	yes '<!-- c -->' | head -n "$1"
}
f="$KK_TMP/comments.xml"
{
	echo '<?xml version="1.0"?>'
	comments 10001
	echo '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="id-m"><name>M</name></model>'
} >"$f"
refused "a run of comments before the model" \
    "$f:10002:11: more than 10000 comments or processing instructions, or 16 MiB, with no element between: refused, so that they need not all be held in memory" \
    import archimate "$f"
f="$KK_TMP/comments-in.xml"
{
	echo '<?xml version="1.0"?>'
	echo '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="id-m"><name>M</name><documentation>'
	comments 20000
	echo '</documentation></model>'
} >"$f"
kk --db "$KK_TMP/c.db" import archimate "$f" >"$KK_TMP/out" 2>&1
expect_rc 1 $? "a run of comments in a documentation"
grep -q ': more than 10000 comments' "$KK_TMP/out" && pass ||
	fail "a run of comments in a documentation: $(cat "$KK_TMP/out")"
f="$KK_TMP/comments-long.xml"
long=$(head -c 20000 /dev/zero | tr '\0' x)
{
	echo '<?xml version="1.0"?>'
	i=0
	while [ $i -lt 900 ]; do
		echo "<!-- $long -->"
		i=$((i + 1))
	done
	echo '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="id-m"><name>M</name></model>'
} >"$f"
kk --db "$KK_TMP/c.db" import archimate "$f" >"$KK_TMP/out" 2>&1
expect_rc 1 $? "18 MB of long comments"
grep -q ': more than 10000 comments or processing instructions, or 16 MiB' \
    "$KK_TMP/out" && pass || fail "18 MB of long comments: $(cat "$KK_TMP/out")"
f="$KK_TMP/comments-ok.xml"
{
	echo '<?xml version="1.0"?>'
	comments 4999
	echo '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="id-m">'
	comments 4999
	echo '<name>M</name>'
	comments 4999
	echo '</model>'
	comments 4999
} >"$f"
kk --db "$KK_TMP/c.db" import archimate "$f" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "runs of comments under the limit: $(cat "$KK_TMP/out")"

# 4. Empty files, and files of nothing but white space or comments.
e="$KK_TMP/empty"
mkdir -p "$e/csv"
: >"$e/empty.yaml"
printf ' \n\t\n' >"$e/blank.yaml"
printf '# only a comment\n' >"$e/comment.yaml"
for f in empty blank comment; do
	refused "import of $f.yaml" \
	    "$e/$f.yaml: empty file: expected 'party' (a party file) or 'organisation' (an organisation file)" \
	    import "$e/$f.yaml"
done
: >"$e/empty.xml"
printf '\r\n  \n' >"$e/blank.xml"
printf '\357\273\277' >"$e/bom.xml"
for f in empty blank bom; do
	refused "import archimate of $f.xml" \
	    "$e/$f.xml: empty file: expected an ArchiMate exchange file (<model>)" \
	    import archimate "$e/$f.xml"
done
printf '<?xml version="1.0" encoding="UTF-8"?>\n' >"$e/decl.xml"
printf '<!-- a model, one day -->\n<?archi x?>\n' >"$e/comment.xml"
for f in decl comment; do
	refused "import archimate of $f.xml" \
	    "$e/$f.xml: no element, only comments, processing instructions or an XML declaration: expected an ArchiMate exchange file (<model>)" \
	    import archimate "$e/$f.xml"
done
: >"$e/csv/elements.csv"
refused "import csv of an empty elements.csv" \
    "$e/csv/elements.csv: empty file: expected the header \"ID\"..." \
    import csv "$e/csv"
printf '\r\n\r\n' >"$e/csv/elements.csv"
refused "import csv of a blank elements.csv" \
    "$e/csv/elements.csv: empty file: expected the header \"ID\"..." \
    import csv "$e/csv"

# 5. Names without the white space around them, in every reader: a model
# named "   " (Visual Paradigm's) imports, its YAML export imports into a
# fresh database, and the exchange file goes back out as it came.
n="$KK_TMP/names"
mkdir -p "$n"
cat >"$n/vp.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-vp-model">
  <name xml:lang="en">   </name>
  <elements>
    <element identifier="id-goal-1" xsi:type="Goal">
      <name xml:lang="en"> Shared platform&#xA0;&#x2003;</name>
    </element>
  </elements>
</model>
EOF
kk --db "$n/a.db" import archimate "$n/vp.xml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of a model named '   ': $(cat "$KK_TMP/out")"
kk --db "$n/a.db" export yaml -o "$n/yaml" >/dev/null 2>&1
expect_rc 0 $? "export yaml of it"
grep -qx '  name: archimate-model' "$n/yaml/archimate-model.yaml" && pass ||
	fail "party name of a model named '   ': $(cat "$n/yaml/archimate-model.yaml")"
grep -qx '      title: Shared platform' "$n/yaml/archimate-model.yaml" && pass ||
	fail "goal title not trimmed: $(grep title "$n/yaml/archimate-model.yaml")"
kk --db "$n/b.db" import "$n/yaml"/*.yaml >"$KK_TMP/out" 2>&1
expect_rc 0 $? "its YAML into a fresh database: $(cat "$KK_TMP/out")"
kk --db "$n/a.db" export archimate -o "$n/back.xml" >/dev/null 2>&1
expect_rc 0 $? "export archimate of it"
grep -qF '<name xml:lang="en">   </name>' "$n/back.xml" && pass ||
	fail "the model's own name did not go back out as it came"
grep -qF "<name xml:lang=\"en\"> Shared platform$(printf '\302\240\342\200\203')</name>" \
    "$n/back.xml" && pass || fail "the goal's name did not go back out as it came"

# Archi's CSV, with a model row named "   "
mkdir -p "$n/csv"
cat >"$n/csv/elements.csv" <<'EOF'
"ID","Type","Name","Documentation"
"id-csv-model","ArchimateModel","   ",""
"id-g1","Goal","  Open data  ",""
EOF
kk --db "$n/c.db" import csv "$n/csv" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import csv of a model named '   ': $(cat "$KK_TMP/out")"
kk --db "$n/c.db" export yaml -o "$n/yaml-csv" >/dev/null 2>&1
expect_rc 0 $? "export yaml of the CSV model"
grep -qx '      title: Open data' "$n/yaml-csv/archimate-model.yaml" && pass ||
	fail "CSV goal title not trimmed: $(cat "$n/yaml-csv/archimate-model.yaml")"
kk --db "$n/d.db" import "$n/yaml-csv"/*.yaml >"$KK_TMP/out" 2>&1
expect_rc 0 $? "the CSV model's YAML into a fresh database: $(cat "$KK_TMP/out")"

# YAML: trimmed as well, and a name of Unicode white space alone is empty
cat >"$n/trim.yaml" <<'EOF'
party:
  id: testland
  name: "  Kanton Testland "
  kind: canton
EOF
kk --db "$n/e.db" import "$n/trim.yaml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of a name with spaces around it"
kk --db "$n/e.db" export yaml --party testland >"$KK_TMP/out" 2>&1
grep -qx '  name: Kanton Testland' "$KK_TMP/out" && pass ||
	fail "YAML name not trimmed: $(cat "$KK_TMP/out")"
printf 'party:\n  id: testland\n  name: "\302\240\342\200\203\343\200\200"\n  kind: canton\n' \
    >"$n/blank-name.yaml"
refused "a name of Unicode white space" \
    "$n/blank-name.yaml:3:10: 'name' is empty" import "$n/blank-name.yaml"

finish
