# isms: build, test and install.
#
# Targets:  all (default)  demo  check  deps  install  uninstall  clean
#           style  bench  fuzz  fault-full
# Knobs:    PREFIX=/usr/local   install prefix
#           DESTDIR=            staging root for packagers
#           V=1                 show full commands
#           DEVELOPER=1         strict warnings, warnings are errors
#           SANITIZE=address,undefined   build with sanitizers
#           CC=cc  CFLAGS=-O2 -g  LDFLAGS=
#           FUZZ_SECONDS=60     how long `make fuzz` runs each target
#           FUZZ_SHORT=5        seconds of each target that `make check` runs
#
# Libraries come from pkg-config (libcsv ships no .pc file and is linked
# as -lcsv).  `make deps` installs what is missing on Debian.

PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/isms
CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
# Debian's interpreter, which sees the python3-* packages `make deps`
# installs (a python3 earlier on PATH may not).
PYTHON ?= $(firstword $(wildcard /usr/bin/python3) python3)
B = build

PKGS = yaml-0.1 libpcre2-8 md4c md4c-html libgit2 jansson xlsxwriter
TEST_PKGS = cmocka
DEB_PKGS = pkg-config libyaml-dev libcsv-dev libpcre2-dev libmd4c-dev \
	libmd4c-html0-dev libgit2-dev libjansson-dev libxlsxwriter-dev \
	libcmocka-dev clang libclang-rt-14-dev python3-yaml python3 \
	python3-jsonschema git python3-icalendar

ISMS_CPPFLAGS = -Iinclude -I$(B)/gen -D_POSIX_C_SOURCE=200809L \
	-D_DEFAULT_SOURCE
ISMS_CFLAGS = -std=c11 -pthread -Wall -Wextra -MMD -MP
ISMS_LDFLAGS = -pthread
ifeq ($(DEVELOPER),1)
ISMS_CFLAGS += -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wvla -Wformat=2 -Wundef -Wcast-align \
	-Wwrite-strings -Wold-style-definition
endif
ifneq ($(SANITIZE),)
ISMS_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
ISMS_LDFLAGS += -fsanitize=$(SANITIZE)
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

ALL_CFLAGS = $(ISMS_CPPFLAGS) $(ISMS_CFLAGS) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(ISMS_LDFLAGS) $(LDFLAGS)

ifeq ($(V),1)
Q =
say =
else
Q = @
say = @printf '  %-6s %s\n' $(1) $(2);
endif

LIB_SRC := $(filter-out src/main.c src/gen/%,$(wildcard src/*.c src/*/*.c))
GEN_SRC := $(B)/gen/catalog_data.c $(B)/gen/templates_data.c \
	$(B)/gen/frameworks_data.c
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(GEN_SRC:%.c=%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
CATALOG := $(wildcard templates/catalog/*.csv)
FRAMEWORKS := $(wildcard templates/frameworks/*.csv)
INIT_TEMPLATES := $(shell find templates/init -type f | LC_ALL=C sort)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_SHORT ?= 5
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all

.PHONY: all demo check unit cli deps install uninstall clean style bench \
	fuzz fuzz-replay metrics-recompute report-check init-check outputs \
	docs-check examples-check fault-check fault-full FORCE
.SUFFIXES:

all: $(B)/isms

# Rebuild everything when the compiler flags change.
$(B)/.flags: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' | cmp -s - $@ || \
		echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' > $@

$(B)/catalog_gen: src/gen/catalog_gen.c src/gen/gentable.c src/gen/gentable.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) -std=c11 -O1 $(ISMS_CPPFLAGS) $< \
		src/gen/gentable.c -o $@ -lcsv

$(B)/gen/catalog_data.c: $(B)/catalog_gen $(CATALOG)
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)$(B)/catalog_gen templates/catalog $@

$(B)/gen/catalog_data.o: $(B)/gen/catalog_data.c $(B)/.flags
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -c $< -o $@

# The built-in frameworks: requirements and crosswalks, checked against
# the catalogs above.
$(B)/frameworks_gen: src/gen/frameworks_gen.c src/gen/gentable.c \
		src/gen/gentable.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) -std=c11 -O1 $(ISMS_CPPFLAGS) $< \
		src/gen/gentable.c -o $@ -lcsv

$(B)/gen/frameworks_data.c: $(B)/frameworks_gen $(FRAMEWORKS) $(CATALOG)
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)$(B)/frameworks_gen templates/frameworks \
		templates/catalog $@

$(B)/gen/frameworks_data.o: $(B)/gen/frameworks_data.c $(B)/.flags
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -c $< -o $@

# The starter files of `isms init`, one C string each.  The list of them
# is kept in $(B)/.templates so that a removed file regenerates the table.
$(B)/.templates: FORCE
	@mkdir -p $(B)
	@echo '$(INIT_TEMPLATES)' | cmp -s - $@ || \
		echo '$(INIT_TEMPLATES)' > $@

$(B)/templates_gen: src/gen/templates_gen.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) -std=c11 -O1 $(ISMS_CPPFLAGS) $< -o $@

$(B)/gen/templates_data.c: $(B)/templates_gen $(INIT_TEMPLATES) \
		$(B)/.templates
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)$(B)/templates_gen $@ templates/init \
		$(INIT_TEMPLATES)

$(B)/gen/templates_data.o: $(B)/gen/templates_data.c $(B)/.flags
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/%.o: %.c $(B)/.flags
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libisms.a: $(LIB_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(B)/isms: $(B)/src/main.o $(B)/libisms.a
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) $^ $(PKG_LIBS) -o $@

$(B)/tests/%: tests/unit/%.c $(B)/libisms.a $(B)/.flags
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) $< \
		$(B)/libisms.a $(ALL_LDFLAGS) $(PKG_LIBS) $(TEST_LIBS) -o $@

# Fuzz targets: the library sources built again with clang's libFuzzer.
$(B)/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(GEN_SRC)
	@mkdir -p $(dir $@)
	$(call say,FUZZ,$@)$(FUZZ_CC) $(FUZZ_FLAGS) $(ISMS_CPPFLAGS) \
		$(PKG_CFLAGS) $< $(LIB_SRC) $(GEN_SRC) \
		$(PKG_LIBS) -lpthread -o $@

# Replay each corpus, then fuzz each target for $(FUZZ_SHORT) seconds.
fuzz-replay: $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SHORT) $(FUZZ_BIN)

fuzz: $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

deps:
	@sh tests/deps.sh $(DEB_PKGS)

demo: deps
	@$(MAKE) --no-print-directory all
	@echo '$$ isms -C examples/acme-msp check'
	@$(B)/isms -C examples/acme-msp check

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@$(MAKE) --no-print-directory unit cli metrics-recompute sarif-check \
		ci-formats-check init-check report-check outputs docs-check \
		examples-check fault-check git-check pathological-check \
		pack-check threads-check fuzz-replay

unit: $(UNIT_BIN)
	@sh tests/unit/run.sh $(UNIT_BIN)

cli: $(B)/isms
	@sh tests/cli/run.sh $(B)/isms
	@sh tests/cli/same-map.sh $(B)/isms

# Every figure of `isms metrics` on the example, recomputed in Python.
metrics-recompute: $(B)/isms
	@$(PYTHON) tests/metrics_recompute.py $(B)/isms

# check --format sarif against the SARIF 2.1.0 schema and the JSON output.
.PHONY: sarif-check ci-formats-check
sarif-check: $(B)/isms
	@$(PYTHON) tests/sarif_check.py $(B)/isms

# check --format junit, gitlab and github against the JSON output.
ci-formats-check: $(B)/isms
	@$(PYTHON) tests/ci_formats_check.py $(B)/isms

# checklist and soa: JSON against CSV, workbooks and written files read back.
outputs: $(B)/isms
	@$(PYTHON) tests/checklist_agree.py $(B)/isms
	@$(PYTHON) tests/xlsx_check.py $(B)/isms
	@$(PYTHON) tests/write_check.py $(B)/isms

# Document control, diff and calendar on git repositories built by the
# test, the iCalendar read back (with python3-icalendar too).
.PHONY: git-check
git-check: $(B)/isms
	@PYTHON=$(PYTHON) sh tests/git_check.sh $(B)/isms

# isms pack: only approved, shareable text, in both formats, per service.
.PHONY: pack-check
pack-check: $(B)/isms
	@$(PYTHON) tests/pack_check.py $(B)/isms

# isms init into empty, filled and unwritable folders, then isms check.
init-check: $(B)/isms
	@sh tests/init_check.sh $(B)/isms

# isms with its own allocations failing one at a time (see tests/fault).
$(B)/fault/isms: $(B)/src/main.o $(B)/libisms.a tests/fault/wrap.c
	@mkdir -p $(dir $@)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) \
		-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc \
		$(B)/src/main.o tests/fault/wrap.c $(B)/libisms.a $(PKG_LIBS) \
		-o $@

# The libraries' allocations too: tests/fault/preload.c, loaded with
# LD_PRELOAD into an isms without sanitizers (theirs take malloc first).
$(B)/fault/preload.so: tests/fault/preload.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) -std=c11 -O2 -g -Wall -Wextra -fPIC -shared \
		$< -o $@ -ldl

ifeq ($(SANITIZE),)
FAULT_PLAIN = $(B)/isms
else
FAULT_PLAIN = $(B)/plain/isms
$(B)/plain/isms: FORCE
	@$(MAKE) --no-print-directory B=$(B)/plain SANITIZE= $(B)/plain/isms
endif

FAULT_RUN = PYTHON=$(PYTHON) sh tests/fault/run.sh $(B)/fault/isms \
	$(FAULT_PLAIN) $(B)/fault/preload.so tests/cli/cases/waivers/repo \
	examples/acme-msp

# A sample in `make check`; every allocation in `make fault-full`
# (FAULT_JOBS=2 runs at a time).  See docs/performance.md.
fault-check: $(B)/fault/isms $(FAULT_PLAIN) $(B)/fault/preload.so
	@$(FAULT_RUN)

fault-full: $(B)/fault/isms $(FAULT_PLAIN) $(B)/fault/preload.so
	@$(FAULT_RUN) full

# The CI examples and the pre-commit hook say what docs/ci.md promises.
examples-check:
	@$(PYTHON) tests/examples_check.py

# --help, the man page and the completions must agree.
docs-check: $(B)/isms
	@$(PYTHON) tests/cli_docs_check.py $(B)/isms docs/isms.1

# The HTML report in headless Chromium (installed when missing); the
# screenshot is left in $(B)/report.png.
report-check: $(B)/isms
	@sh tests/deps.sh chromium
	@$(PYTHON) tests/report_check.py $(B)/isms examples/acme-msp \
		$(B)/report.png

# The benchmark tools: a repository generator, the floor (libyaml, libcsv
# and pcre2 alone) and a wall/CPU/peak-memory wrapper, all with isms's
# flags.
BENCH_BIN = $(B)/bench/gen $(B)/bench/floor $(B)/bench/measure

$(B)/bench/%: tests/bench/%.c $(B)/.flags
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) $(PKG_LIBS) \
		-o $@

# Run by hand, never by check: see docs/performance.md.
bench: $(B)/isms $(BENCH_BIN)
	@sh tests/bench/run.sh $(B)

# The same output on any number of threads, and no race under TSan.
.PHONY: threads-check
$(B)/tsan/isms: FORCE
	@$(MAKE) --no-print-directory B=$(B)/tsan SANITIZE=thread \
		$(B)/tsan/isms

threads-check: $(B)/isms $(B)/bench/gen $(B)/tsan/isms
	@sh tests/threads_check.sh $(B)/isms $(B)/bench/gen $(B)/tsan/isms

# Hostile inputs, each under a time limit and a memory bound.
.PHONY: pathological-check
# Memory bounds are scaled under the sanitizers (their shadow memory).
pathological-check: $(B)/isms $(B)/bench/measure
	@RSS_SCALE=$(if $(SANITIZE),4,1) sh tests/pathological/run.sh \
		$(B)/isms $(B)/bench/measure

BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(DATADIR)
	install -m 755 $(B)/isms $(DESTDIR)$(BINDIR)/isms
	install -m 644 docs/isms.1 $(DESTDIR)$(MANDIR)/man1/isms.1
	$(B)/isms completion bash > $(DESTDIR)$(BASHCOMPDIR)/isms
	$(B)/isms completion zsh > $(DESTDIR)$(ZSHCOMPDIR)/_isms
	cp -R templates $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/isms $(DESTDIR)$(MANDIR)/man1/isms.1 \
		$(DESTDIR)$(BASHCOMPDIR)/isms $(DESTDIR)$(ZSHCOMPDIR)/_isms
	rm -rf $(DESTDIR)$(DATADIR)/templates
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf $(B)

style:
	clang-format -i $(wildcard src/*.c src/*/*.c include/isms/*.h \
		tests/unit/*.c)

# (The benchmark's generated repositories are not searched.)
-include $(shell find $(B) -path $(B)/bench/data -prune -o -name '*.d' \
	-print 2>/dev/null)
