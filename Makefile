# SPDX-License-Identifier: MIT
# mlroi: plan and justify an MLOps investment. Plain Makefile; flags from pkg-config.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/mlroi
# The document writers' module (see "The document module" below).
MODULEDIR ?= $(PREFIX)/lib/mlroi
MANDIR  ?= $(PREFIX)/share/man

CC      ?= cc
BUILD   ?= build
# libpng and libjpeg check report logos before libharu reads them (src/logo.c).
PKGS    := libcjson xlsxwriter libpng libjpeg
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wmissing-prototypes \
           -Wwrite-strings -Wstrict-prototypes -Wvla
ifdef CI
WARN    += -Werror
endif
ifdef WERROR
WARN    += -Werror
endif
OPT     ?= -O2 -g
CFLAGS  ?= $(OPT)
ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude -I$(BUILD) \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS) $(EXTRA_CFLAGS)
# libharu ships no .pc file on Debian: link it by name. LIBS link the whole library (unit
# tests, benchmarks, fuzz targets); the mlroi binary links only BIN_LIBS and opens the document
# writers' libraries (DOC_LIBS) through its module when it writes a document.
LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lpthread -lm
BIN_LIBS = $(shell pkg-config --libs libcjson 2>/dev/null) -lpthread -lm -ldl
DOC_LIBS = $(shell pkg-config --libs xlsxwriter libpng libjpeg libcjson 2>/dev/null) -lhpdf -lm
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
LDFLAGS ?=

# Debian packages the build and the tests need; `make deps` installs the missing ones.
BUILD_DEBS := gcc make pkg-config libcjson-dev libhpdf-dev libxlsxwriter-dev libcmocka-dev \
              libpng-dev libjpeg-dev \
              fonts-dejavu-core
TEST_DEBS  := poppler-utils qpdf gnumeric python3-openpyxl python3-jsonschema valgrind \
              libreoffice-calc-nogui
# /usr/bin/time measures the batch's peak memory (tests/batch_memory.sh).
TEST_DEBS  += time
# The what-if page: its engine is built with clang for WebAssembly ("The page engine" below);
# node runs the engine's test, npm installs puppeteer-core, which drives chromium (tests/page/).
BUILD_DEBS += clang lld wasi-libc libclang-rt-14-dev-wasm32 dpkg-dev
TEST_DEBS  += nodejs npm chromium

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRCS  := $(filter-out src/main.c src/cli_%.c src/fuzz_%.c,$(wildcard src/*.c))
CLI_SRCS  := src/main.c $(wildcard src/cli_*.c)
LIB_OBJS  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) $(BUILD)/obj/benchmarks_data.o \
             $(BUILD)/obj/benchmarks_builtin.o
# Report templates are compiled in like the benchmarks, so `--template board` works anywhere.
TEMPLATE_JSON := templates/board.json templates/consultant.json
# The documents' languages beside English (src/lang.c), compiled in with the templates.
LANG_JSON     := templates/lang/fr.json templates/lang/de.json
LIB_OBJS  += $(BUILD)/obj/templates_data.o
# The what-if page's template and the engine compiled to WebAssembly (see "The page engine").
LIB_OBJS  += $(BUILD)/obj/page_data.o
CLI_OBJS  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CLI_SRCS)) $(BUILD)/obj/profiles_data.o
# Shipped scenarios that `mlroi init --profile NAME` prints.
PROFILES  := startup:scenarios/startup.json midmarket:scenarios/midmarket-fraud.json \
             enterprise:scenarios/enterprise-coe.json quick:scenarios/seed-quick-estimate.json
TEST_SRCS := $(wildcard tests/test_*.c)
TEST_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
LIB       := $(BUILD)/libmlroi.a
BIN       := $(BUILD)/mlroi
# ---- The document module ----
# The PDF and workbook writers, and the logo check that only the PDF needs, are built into a
# shared module that mlroi opens (dlopen) only when it writes a PDF or a workbook, so that every
# other run maps none of libharu, libxlsxwriter (and the libcrypto it pulls in), libpng and
# libjpeg. The module takes the engine's functions from the binary (linked -rdynamic); it is
# looked up beside the binary (the build tree), then in MODULEDIR seen from the binary's folder
# (src/cli_documents.c). The library $(LIB) keeps the writers for the tests.
DOC_SRCS  := src/report_pdf.c src/report_xlsx.c src/logo.c \
             $(wildcard src/pdf_*.c) $(wildcard src/xlsx_*.c)
DOC_OBJS  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(DOC_SRCS))
ENGINE_OBJS := $(filter-out $(DOC_OBJS),$(LIB_OBJS))
MODULE    := $(BUILD)/mlroi-documents.so

.PHONY: all test unit cli-test lanes-test page-test demo deps test-deps install uninstall clean asan \
        valgrind bench bench-run page-bench fuzz examples examples-pdf check-examples
.DEFAULT_GOAL := all

all: $(BIN) $(MODULE)

$(BUILD)/obj/%.o: src/%.c $(wildcard include/mlroi/*.h) $(wildcard src/*.h) | $(BUILD)/obj
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The sampling engine at -O3: the draws (dist.c), the business case and the IRR in lanes
# (roi.c), and the statistics (montecarlo.c). Their hot loops run over a few lanes, years or
# polynomial terms, which -O3 unrolls and -O2 keeps as loops: a million samples take 13 % fewer
# instructions. Every figure stays the same to the bit: ISO C mode contracts no multiply-add,
# and no option here reorders a floating-point sum. HOT_OPT= leaves them at $(OPT).
HOT_OPT ?= -O3
HOT_OBJS := $(patsubst %,$(BUILD)/obj/%.o,dist roi montecarlo)
$(HOT_OBJS): ALL_CFLAGS += $(HOT_OPT)

# The benchmark data file is compiled into the binary so the engine always has it;
# a file under $(DATADIR) or $$MLROI_DATADIR can still replace it at run time.
$(BUILD)/benchmarks_data.c: src/data/benchmarks.json tests/embed.sh | $(BUILD)/obj
	$(Q)sh tests/embed.sh mlroi_benchmarks_json $< > $@

$(BUILD)/obj/benchmarks_data.o: $(BUILD)/benchmarks_data.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The engine's figures come parsed: tests/gen_benchmarks.c loads the data file at build time
# with the engine's own loader (the checks of a run-time file) and writes it out as a static
# struct with mlroi_benchmarks_default(), so that no run parses it; the text above stays for
# the tests and for telling an installed copy of it from another file (src/cli_common.c).
# The tool links an archive of the engine without that object (nor the page, whose engine
# holds it), from which the linker takes only what the loader needs.
GEN_BENCH := $(BUILD)/gen/gen_benchmarks
GEN_OBJS  := $(filter-out $(BUILD)/obj/benchmarks_builtin.o $(BUILD)/obj/page_data.o,$(LIB_OBJS))

$(BUILD)/gen/libloader.a: $(GEN_OBJS) | $(BUILD)/gen
	$(Q)rm -f $@ && ar rcs $@ $^

$(GEN_BENCH): tests/gen_benchmarks.c $(BUILD)/gen/libloader.a
	@$(if $(Q),echo "  GEN-CC  $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/gen/libloader.a $(BIN_LIBS)

$(BUILD)/benchmarks_builtin.c: src/data/benchmarks.json $(GEN_BENCH)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(GEN_BENCH) $< > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/benchmarks_builtin.o: $(BUILD)/benchmarks_builtin.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/profiles_data.c: $(foreach p,$(PROFILES),$(lastword $(subst :, ,$(p)))) tests/embed.sh | $(BUILD)/obj
	$(Q)for p in $(PROFILES); do sh tests/embed.sh mlroi_profile_$${p%%:*} $${p#*:}; done > $@

$(BUILD)/obj/profiles_data.o: $(BUILD)/profiles_data.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/templates_data.c: $(TEMPLATE_JSON) $(LANG_JSON) tests/embed.sh | $(BUILD)/obj
	$(Q){ sh tests/embed.sh mlroi_template_board_json templates/board.json && \
	  sh tests/embed.sh mlroi_template_consultant_json templates/consultant.json && \
	  sh tests/embed.sh mlroi_lang_fr_json templates/lang/fr.json && \
	  sh tests/embed.sh mlroi_lang_de_json templates/lang/de.json; } > $@

$(BUILD)/obj/templates_data.o: $(BUILD)/templates_data.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# ---- The page engine: `report --html` embeds the engine compiled to WebAssembly ----
# The library without its document writers, built with -DMLROI_NO_THREADS (wasi-libc has no
# threads; the figures never depend on the thread count), plus src/wasm/page_engine.c (the
# page's calls) and cJSON compiled from Debian's source package (tests/page/cjson_source.sh,
# nothing copied into the repository). Linked as a reactor module; gzip-compressed (the page's
# script opens it with the browser's own DecompressionStream: a page of half the size, which
# the browser reads twice as fast), its base64 text goes into mlroi with the page template. Without clang's WebAssembly target and wasi-libc, mlroi is
# built without it and `--html` says so; PAGE_ENGINE=no builds without it on purpose.
WASM_CC     ?= clang
PAGE_ENGINE ?= $(shell printf 'int main(void){return 0;}\n' | \
                 $(WASM_CC) --target=wasm32-wasi -x c - -o /dev/null >/dev/null 2>&1 \
                 && echo yes || echo no)
WASM_TARGET := --target=wasm32-wasi -O2
WASM_CFLAGS := $(WASM_TARGET) -std=c11 -D_POSIX_C_SOURCE=200809L -DMLROI_NO_THREADS $(WARN) \
               -I$(BUILD)/wasm/cjson -Iinclude -Isrc
WASM_LIB_SRCS := $(filter-out src/report_%.c src/xlsx_%.c src/pdf_%.c src/logo.c src/datadir.c \
                   src/template.c src/render_text.c src/render_csv.c,$(LIB_SRCS))
WASM_OBJS := $(patsubst src/%.c,$(BUILD)/wasm/%.o,$(WASM_LIB_SRCS) src/wasm/page_engine.c) \
             $(BUILD)/wasm/cJSON.o $(BUILD)/wasm/benchmarks_builtin.o
WASM      := $(BUILD)/mlroi.wasm
PAGE_TPL  := templates/whatif.html templates/whatif.css templates/whatif-engine.js \
             templates/whatif.js

$(BUILD)/wasm/cjson/cJSON.c: tests/page/cjson_source.sh
	@$(if $(Q),echo "  FETCH   cJSON source (Debian)")
	$(Q)sh tests/page/cjson_source.sh $(BUILD)/wasm/cjson && touch $@

$(BUILD)/wasm/cJSON.o: $(BUILD)/wasm/cjson/cJSON.c
	@$(if $(Q),echo "  WASM-CC $<")
	$(Q)$(WASM_CC) $(WASM_TARGET) -std=c99 -I$(BUILD)/wasm/cjson/cjson -c -o $@ $<

$(BUILD)/wasm/benchmarks_builtin.o: $(BUILD)/benchmarks_builtin.c $(BUILD)/wasm/cjson/cJSON.c
	$(Q)$(WASM_CC) $(WASM_CFLAGS) -c -o $@ $<

$(BUILD)/wasm/%.o: src/%.c $(wildcard include/mlroi/*.h) $(wildcard src/*.h) \
                   $(BUILD)/wasm/cjson/cJSON.c
	@$(if $(Q),echo "  WASM-CC $<")
	$(Q)mkdir -p $(@D) && $(WASM_CC) $(WASM_CFLAGS) -c -o $@ $<

$(WASM): $(WASM_OBJS)
	@$(if $(Q),echo "  WASM-LD $@")
	$(Q)$(WASM_CC) $(WASM_TARGET) -mexec-model=reactor -Wl,--strip-all \
	    -Wl,-z,stack-size=1048576 -Wl,--stack-first -o $@ $(WASM_OBJS)

# The engine's results live on the stack (mlroi_result is large): 1 MB of it, placed first so
# that running out of it traps instead of overwriting the heap.
# Rewritten only when the choice changes, so that page_data.c follows it.
$(BUILD)/page_engine.txt: FORCE | $(BUILD)/obj
	$(Q)echo '$(PAGE_ENGINE)' | cmp -s - $@ || echo '$(PAGE_ENGINE)' > $@

$(BUILD)/page_data.c: $(PAGE_TPL) tests/embed.sh $(BUILD)/page_engine.txt \
                      $(if $(filter yes,$(PAGE_ENGINE)),$(WASM)) | $(BUILD)/obj
	$(Q){ sh tests/embed.sh mlroi_page_html templates/whatif.html && \
	  sh tests/embed.sh mlroi_page_css templates/whatif.css && \
	  sh tests/embed.sh mlroi_page_engine_js templates/whatif-engine.js && \
	  sh tests/embed.sh mlroi_page_js templates/whatif.js && \
	  if [ '$(PAGE_ENGINE)' = yes ]; then gzip -9n < $(WASM) > $(BUILD)/mlroi.wasm.gz && \
	    base64 -w0 $(BUILD)/mlroi.wasm.gz > $(BUILD)/mlroi.wasm.b64; \
	  else : > $(BUILD)/mlroi.wasm.b64; fi && \
	  sh tests/embed.sh mlroi_page_wasm_b64 $(BUILD)/mlroi.wasm.b64; } > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/page_data.o: $(BUILD)/page_data.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# Every engine object goes in (not only those the command line calls), since the module calls
# some that mlroi itself does not; building mlroi builds its module.
$(BIN): $(CLI_OBJS) $(ENGINE_OBJS) | $(MODULE)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -rdynamic -o $@ $(CLI_OBJS) $(ENGINE_OBJS) $(BIN_LIBS)

$(DOC_OBJS): ALL_CFLAGS += -fPIC

$(MODULE): $(DOC_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -o $@ $(DOC_OBJS) $(DOC_LIBS)

$(BUILD)/tests/%: tests/%.c $(LIB) tests/testutil.h | $(BUILD)/tests
	@$(if $(Q),echo "  TEST-CC $<")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(LIB) $(LIBS) $(TEST_LIBS)

$(BUILD)/obj $(BUILD)/tests $(BUILD)/gen:
	$(Q)mkdir -p $@

deps:
	$(Q)sh tests/deps.sh $(BUILD_DEBS)

test-deps:
	$(Q)sh tests/deps.sh $(BUILD_DEBS) $(TEST_DEBS)

# `make test`: install what is missing, build, run every unit, CLI and page test.
test: test-deps
	$(Q)$(MAKE) --no-print-directory unit cli-test lanes-test page-test

unit: $(TEST_BINS) $(BIN)
	$(Q)sh tests/run_unit.sh $(TEST_BINS)

cli-test: $(BIN)
	$(Q)sh tests/cli.sh $(BIN)

# `make lanes-test`: the hot loops' width changes no figure. They run in four lanes, in AVX2
# where the processor has it (src/simd.h); a second build with two lanes and plain x86-64
# (MLROI_NO_CLONES) must print the same bytes for every command that uses them.
LANES_BUILD := $(BUILD)/lanes

lanes-test: $(BIN)
	$(Q)$(MAKE) --no-print-directory BUILD=$(LANES_BUILD) EXTRA_CFLAGS="$(EXTRA_CFLAGS) \
	    -DMLROI_NO_CLONES" $(LANES_BUILD)/mlroi
	$(Q)sh tests/lanes.sh $(BIN) $(LANES_BUILD)/mlroi

# `make page-test`: the what-if page's engine gives the command line's figures (node, no npm
# needed), then the page itself in chromium, driven by puppeteer-core as pinned in
# tests/package-lock.json (installed into tests/node_modules; it downloads no browser).
PAGE_TEST := $(BUILD)/page-test
PUPPETEER := tests/node_modules/.package-lock.json

page-test: $(BIN) $(PUPPETEER)
	$(Q)rm -rf $(PAGE_TEST) && mkdir -p $(PAGE_TEST)
	$(Q)$(BIN) report scenarios/midmarket-fraud.json --html $(PAGE_TEST)/midmarket-fraud.html \
	    >/dev/null
	$(Q)node tests/page/engine_test.js $(BIN) $(PAGE_TEST)/midmarket-fraud.html
	$(Q)node tests/page/browser_test.js $(BIN) $(or $(PAGE_SHOTS),$(PAGE_TEST))

$(PUPPETEER): tests/package.json tests/package-lock.json
	$(Q)cd tests && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# `make demo`: install what is missing, build, evaluate a shipped scenario.
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(BIN) evaluate scenarios/midmarket-fraud.json
	$(Q)$(BIN) report scenarios/midmarket-fraud.json --outdir $(BUILD)/demo --pdf --xlsx --html

# `make examples`: regenerate the shipped example documents with a fixed date, so they are
# byte-identical on every machine; `make check-examples` says whether the committed ones are
# current. `examples/board/` holds the board briefing of every shipped scenario in every language
# (<scenario>.<lang>.pdf) with pictures of page 1 (-p1.png) and of the cash-flow page
# (-cash.png, found by tests/cash_flow_page.py); the consultant briefing and the workbook are
# the mid-market scenario's. The pictures need pdftoppm (poppler-utils).
# `make examples-pdf` makes all of these without the what-if page's screenshots, which
# `make examples` then takes through page-test (it needs the page engine and puppeteer).
EXAMPLE_SCENARIO  := scenarios/midmarket-fraud.json
EXAMPLE_DATE      := 2025-01-31
EXAMPLE_LANGS     := en fr de
EXAMPLE_SCENARIOS := $(sort $(basename $(notdir $(wildcard scenarios/*.json))))
EXAMPLE_BOARDS    := $(foreach s,$(EXAMPLE_SCENARIOS),$(foreach l,$(EXAMPLE_LANGS),board/$(s).$(l)))
EXAMPLE_DOCS      := briefing-consultant.pdf model-midmarket.xlsx $(EXAMPLE_BOARDS:=.pdf)

# $(call example_docs,folder): write every example document under folder.
define example_docs
	$(Q)mkdir -p $(1)/board
	$(Q)$(BIN) report $(EXAMPLE_SCENARIO) --template consultant --date $(EXAMPLE_DATE) \
	    --pdf $(1)/briefing-consultant.pdf --xlsx $(1)/model-midmarket.xlsx >/dev/null
	$(Q)for s in $(EXAMPLE_SCENARIOS); do for l in $(EXAMPLE_LANGS); do \
	    $(BIN) report scenarios/$$s.json --template board --lang $$l --date $(EXAMPLE_DATE) \
	        --pdf $(1)/board/$$s.$$l.pdf >/dev/null || exit 1; done; done
endef

examples-pdf: $(BIN)
	$(call example_docs,examples)
	$(Q)pdftoppm -q -png -r 70 -f 1 -l 1 -singlefile examples/briefing-consultant.pdf \
	    examples/briefing-consultant-p1
	$(Q)for b in $(EXAMPLE_BOARDS); do l=$${b##*.}; \
	    pdftoppm -q -png -r 70 -f 1 -l 1 -singlefile examples/$$b.pdf examples/$$b-p1 || exit 1; \
	    p=$$(tests/cash_flow_page.py examples/$$b.pdf $$l) || exit 1; \
	    pdftoppm -q -png -r 70 -f $$p -l $$p -singlefile examples/$$b.pdf examples/$$b-cash \
	        || exit 1; done

examples: examples-pdf
	$(Q)$(MAKE) --no-print-directory page-test PAGE_SHOTS=examples

check-examples: $(BIN)
	$(Q)rm -rf $(BUILD)/examples
	$(call example_docs,$(BUILD)/examples)
	$(Q)for f in $(EXAMPLE_DOCS); do cmp -s examples/$$f $(BUILD)/examples/$$f || \
	    { echo "examples/$$f is stale: run make examples" >&2; exit 1; }; done
	$(Q)for b in $(EXAMPLE_BOARDS); do for v in p1 cash; do [ -f examples/$$b-$$v.png ] || \
	    { echo "examples/$$b-$$v.png is missing: run make examples" >&2; exit 1; }; done; done

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan \
	    OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" unit cli-test

valgrind: $(TEST_BINS) $(BIN)
	$(Q)VALGRIND=1 sh tests/run_unit.sh $(TEST_BINS)
	$(Q)VALGRIND=1 sh tests/cli.sh $(BIN)

# `make install [PREFIX=/usr] [DESTDIR=stage]`: the binary, its document module under lib/mlroi
# and its data under share/mlroi (both found at run time from the binary's folder, see
# src/cli_documents.c and src/datadir.c), the man page and bash completion.
# `make uninstall` removes exactly these files, and the share/mlroi and lib/mlroi folders once
# empty.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
INSTALL_TEMPLATES := $(wildcard templates/*.json)
INSTALL_SCENARIOS := $(wildcard scenarios/*.json)
INSTALLED := $(BINDIR)/mlroi $(DATADIR)/benchmarks.json $(DATADIR)/mlroi.schema.json \
             $(addprefix $(DATADIR)/templates/,$(notdir $(INSTALL_TEMPLATES))) \
             $(addprefix $(DATADIR)/scenarios/,$(notdir $(INSTALL_SCENARIOS))) \
             $(MANDIR)/man1/mlroi.1 $(BASHCOMPDIR)/mlroi $(MODULEDIR)/mlroi-documents.so
# The data folder seen from the binary's folder, compiled into datadir.o; lexical (-s), since
# the staged DESTDIR tree has none of the real system's symlinks.
DATADIR_REL = $(shell realpath -m -s --relative-to='$(BINDIR)' '$(DATADIR)')

$(BUILD)/obj/datadir.o: ALL_CFLAGS += -DMLROI_DATADIR_REL='"$(DATADIR_REL)"'
$(BUILD)/obj/datadir.o: $(BUILD)/datadir_rel.txt
$(BUILD)/tests/test_datadir: ALL_CFLAGS += -DMLROI_DATADIR_REL='"$(DATADIR_REL)"'
$(BUILD)/tests/test_datadir: $(BUILD)/datadir_rel.txt
# The module's folder seen from the binary's folder, the same way, into cli_documents.o.
MODULEDIR_REL = $(shell realpath -m -s --relative-to='$(BINDIR)' '$(MODULEDIR)')

$(BUILD)/obj/cli_documents.o: ALL_CFLAGS += -DMLROI_MODULEDIR_REL='"$(MODULEDIR_REL)"'
$(BUILD)/obj/cli_documents.o: $(BUILD)/moduledir_rel.txt

# Rewritten only when the path changes, so that a new PREFIX recompiles datadir.o.
$(BUILD)/datadir_rel.txt: FORCE | $(BUILD)/obj
	$(Q)echo '$(DATADIR_REL)' | cmp -s - $@ || echo '$(DATADIR_REL)' > $@

$(BUILD)/moduledir_rel.txt: FORCE | $(BUILD)/obj
	$(Q)echo '$(MODULEDIR_REL)' | cmp -s - $@ || echo '$(MODULEDIR_REL)' > $@

.PHONY: FORCE install-test man-check
FORCE:

install: $(BIN) $(MODULE)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/scenarios \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(MODULEDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/mlroi
	install -m 644 $(MODULE) $(DESTDIR)$(MODULEDIR)/mlroi-documents.so
	install -m 644 src/data/benchmarks.json src/data/mlroi.schema.json $(DESTDIR)$(DATADIR)/
	install -m 644 $(INSTALL_TEMPLATES) $(DESTDIR)$(DATADIR)/templates/
	# An installed scenario finds its schema one folder up, as an editor reads "$$schema".
	for f in $(INSTALL_SCENARIOS); do \
	    sed 's|"$$schema": "../src/data/mlroi.schema.json"|"$$schema": "../mlroi.schema.json"|' \
	        "$$f" >"$(DESTDIR)$(DATADIR)/scenarios/$${f##*/}" && \
	    chmod 644 "$(DESTDIR)$(DATADIR)/scenarios/$${f##*/}" || exit 1; \
	done
	install -m 644 src/mlroi.1 $(DESTDIR)$(MANDIR)/man1/mlroi.1
	install -m 644 src/mlroi.bash-completion $(DESTDIR)$(BASHCOMPDIR)/mlroi

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	for d in $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(DATADIR) \
	         $(DESTDIR)$(MODULEDIR); do \
	    if [ -d $$d ]; then rmdir $$d 2>/dev/null || true; fi; \
	done

# `make install-test`: a staged install run from another folder (tests/install.sh); man and
# groff check the manual page, pdftotext reads the briefing.
INSTALL_TEST_DEBS := man-db groff-base poppler-utils bash
install-test: $(BIN)
	$(Q)sh tests/deps.sh $(INSTALL_TEST_DEBS)
	$(Q)sh tests/install.sh $(BUILD)

# `make man-check`: the man page renders without a single groff or man warning.
man-check:
	$(Q)sh tests/deps.sh man-db groff-base
	$(Q)w=$$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l src/mlroi.1 2>&1 >/dev/null); \
	    if [ -n "$$w" ]; then printf '%s\n' "$$w"; exit 1; fi; echo "man-check: src/mlroi.1 has no warnings"

clean:
	rm -rf build build-asan build-fuzz

# `make bench`: build each tests/bench_*.c with -O2 against the library and run it.
BENCH_SRCS := $(wildcard tests/bench_*.c)
BENCH_BINS := $(patsubst tests/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))

# Each benchmark gets the mlroi binary, for the ones that time it as a whole process; then the
# what-if page's size and timings in chromium (page-bench). bench_numpy races mlroi against the
# numpy references in tests/bench/ (grid and Monte Carlo); only the benchmarks need numpy, so
# `make bench` installs it when missing rather than `make deps`. Like `make demo` and `make test`,
# it installs what is missing before it builds anything (the page's timings need node and
# chromium too).
BENCH_DEBS := python3-numpy nodejs npm chromium
bench:
	$(Q)sh tests/deps.sh $(BUILD_DEBS) $(BENCH_DEBS)
	$(Q)$(MAKE) --no-print-directory bench-run

bench-run: $(BENCH_BINS) $(BIN)
	$(Q)for b in $(BENCH_BINS); do $$b $(BIN) || exit 1; done
	$(Q)$(MAKE) --no-print-directory page-bench

page-bench: $(BIN) $(PUPPETEER)
	$(Q)node tests/page/browser_test.js $(BIN) $(PAGE_TEST) --bench

$(BUILD)/bench/%: tests/%.c $(LIB) | $(BUILD)/bench
	@$(if $(Q),echo "  BENCH-CC $<")
	$(Q)$(CC) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $< $(LIB) $(LIBS)

$(BUILD)/bench:
	$(Q)mkdir -p $@

# `make fuzz`: the libFuzzer targets tests/fuzz/fuzz_*.c, built with clang into build-fuzz (the
# library with fuzzer-no-link, the targets with the fuzzer's main), each run for FUZZ_SECONDS
# over a scratch copy of its seed corpus tests/fuzz/corpus/<target>; any crash, leak or
# sanitizer report fails. libclang-rt holds libFuzzer and is only recommended by clang.
FUZZ_DEBS    := clang libclang-rt-14-dev
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 15
FUZZ_BUILD   := build-fuzz
FUZZ_SRCS    := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRCS))
FUZZ_BINS    := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all

.PHONY: fuzz-bins

fuzz:
	$(Q)sh tests/deps.sh $(FUZZ_DEBS)
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT="$(FUZZ_OPT)" fuzz-bins
	$(Q)sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-bins: $(FUZZ_BINS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB) $(BUILD)/obj/profiles_data.o | $(BUILD)/fuzz
	@$(if $(Q),echo "  FUZZ-CC $<")
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
	    $(BUILD)/obj/profiles_data.o $(LIB) $(LIBS)

$(BUILD)/fuzz:
	$(Q)mkdir -p $@
