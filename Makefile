# konkordat: the two commands a newcomer needs, and the few around them.
#   make demo   install what is missing, build, load the Lucerne example, show it
#   make test   install what is missing, build, run every test (ASan+UBSan, valgrind)
# The real build is CMake's; this file only drives it.

PREFIX ?= /usr/local
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
TSAN_BUILD ?= build-tsan
FUZZ_SECONDS ?= 300
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB ?= demo.db

.PHONY: all deps build pot test test-asan test-valgrind test-tsan lexicon-cache demo install clean fuzz bench

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKK_WERROR=ON

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKK_SANITIZE=ON -DKK_WERROR=ON

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The message templates from the sources, merged into po/ (scripts/update-po).
pot:
	scripts/update-po

# Everything under ASan and UBSan, then the CLI tests under valgrind. A
# test that cannot run here exits 77 and ctest shows it as skipped; then
# scripts/check-skips fails on every skip that KK_ALLOWED_SKIPS (names
# separated by spaces, empty by default) does not name.
KK_ALLOWED_SKIPS ?=
export KK_ALLOWED_SKIPS

test: deps
	@$(MAKE) --no-print-directory test-asan test-valgrind test-tsan

# The lexicon cache the alignment tests read is built once by the plain
# binary: built from the raw thesauri under ASan it takes minutes. The
# cache is keyed by its sources, not by the binary that wrote it.
lexicon-cache: build $(ASAN_BUILD)/CMakeCache.txt
	mkdir -p $(ASAN_BUILD)/tests/lexicon-cache $(BUILD)/tests/lexicon-cache
	XDG_CACHE_HOME=$(CURDIR)/$(ASAN_BUILD)/tests/lexicon-cache $(BUILD)/konkordat \
		align --from-tsv examples/luzern/align-items.tsv --groups-tsv - >/dev/null
	XDG_CACHE_HOME=$(CURDIR)/$(BUILD)/tests/lexicon-cache $(BUILD)/konkordat \
		align --from-tsv examples/luzern/align-items.tsv --groups-tsv - >/dev/null

test-asan: $(ASAN_BUILD)/CMakeCache.txt lexicon-cache
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS) -LE valgrind --output-junit ctest-asan.xml
	scripts/check-skips $(ASAN_BUILD)/ctest-asan.xml

test-valgrind: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L valgrind --output-junit ctest-valgrind.xml
	scripts/check-skips $(BUILD)/ctest-valgrind.xml

# The core as a threaded server calls it: alignment, the report in four
# languages and the store from eight threads at once under ThreadSanitizer
# (clang), which must find no data race (tests/unit/test-threads.c).
$(TSAN_BUILD)/CMakeCache.txt:
	CC=clang cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKK_TSAN=ON -DKK_WERROR=ON

test-tsan: deps $(TSAN_BUILD)/CMakeCache.txt
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target test-threads translations
	cd $(TSAN_BUILD) && ctest --output-on-failure -R '^unit/test-threads$$'

demo: build
	@scripts/demo $(BUILD)/konkordat $(DEMO_DB)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# libFuzzer: each target runs FUZZ_SECONDS (default 300) on its corpus.
fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKK_FUZZ=ON -DKK_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@for t in $(FUZZ_BUILD)/tests/fuzz/fuzz-*; do \
		name=$$(basename $$t); \
		mkdir -p $(FUZZ_BUILD)/corpus/$$name; \
		echo "fuzzing $$name for $(FUZZ_SECONDS)s"; \
		dict=; [ -f tests/fuzz/$$name.dict ] && \
			dict=-dict=tests/fuzz/$$name.dict; \
		$$t -max_total_time=$(FUZZ_SECONDS) $$dict \
			$(FUZZ_BUILD)/corpus/$$name tests/fuzz/corpus/$$name || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

# Benchmarks, each against a named peer in the same run: the alignment
# engine on real strategies (bench/align-eval) and on a synthetic national
# corpus of 94,184 items (bench/align-national), the ArchiMate import and
# export (bench/archimate-scale), the cost engine (bench/cost-scale), the
# planning report (bench/report-national), concurrent writers on one
# database (bench/concurrent-writers, against one writer alone).
bench: build
	bench/align-eval $(BUILD)/konkordat
	bench/align-national --scale 1 $(BUILD)/konkordat
	bench/archimate-scale $(BUILD)/konkordat
	bench/cost-scale $(BUILD)/konkordat
	bench/report-national $(BUILD)/konkordat
	bench/concurrent-writers $(BUILD)
