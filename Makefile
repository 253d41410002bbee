# stigcheck - container compliance agent.
#
#   make            build build/stigcheck
#   make check      install missing packages, run unit, integration and
#                   sanitizer tests
#   make demo       install missing packages, scan the built-in demo root
#                   and write reports into build/demo/
#   make bench      stigcheck vs OpenSCAP, side by side; then 20 containers
#                   of one image against one (tests/bench/fleet.sh)
#   make install PREFIX=/usr/local DESTDIR=
#
# Objects go under $(BUILD) (build/ by default; build/asan and build/clang
# for the sanitizer and clang variants).

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
# One spelling per build directory: BUILD=$PWD/build (as the tests pass
# it) and BUILD=build must name the same targets, or the dependency files
# one writes (absolute targets) never match the other's and a changed
# header rebuilds nothing.
override BUILD := $(patsubst $(CURDIR)/%,%,$(BUILD))
SHARED     ?= $(abspath ../shared)

PKGS       := libxml-2.0 libxslt libexslt yaml-0.1 libcrypto libpcre2-8 sqlite3 libarchive jansson libisal
TEST_PKGS  := check
PKG_CONFIG ?= pkg-config

# Fail early (and say what to do) when a library is missing.
ifeq ($(filter deps check demo bench clean uninstall,$(MAKECMDGOALS)),)
  ifneq ($(shell $(PKG_CONFIG) --exists $(PKGS) 'libcrypto >= 3.0' && echo ok),ok)
    $(error missing build dependencies; run 'make deps' (or 'make check' / 'make demo', which run it))
  endif
endif

CC         ?= cc
OPT        ?= -O2
SAN_FLAGS  :=
ifeq ($(SANITIZE),1)
  SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
  OPT       := -O1
endif
# libFuzzer builds (make fuzz): clang, every object instrumented for it.
ifeq ($(FUZZ),1)
  SAN_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all
  OPT       := -O1
endif

WARN       := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
              -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral

# Hardening (docs/security.md): stack protector, fortified libc calls
# (level 3: gcc >= 12 and glibc >= 2.33 check sizes known only at run
# time; not with the sanitizers, which intercept the same calls, nor
# without optimisation, which fortification needs), position-independent
# executable, full RELRO with immediate binding.
HARDEN_CFLAGS  := -fstack-protector-strong -fPIE
HARDEN_CPPFLAGS:= $(if $(SAN_FLAGS)$(filter -O0,$(OPT) $(CFLAGS)),,-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3)
HARDEN_LDFLAGS := -pie -Wl,-z,relro,-z,now

# What the build needs is kept apart from CPPFLAGS, CFLAGS, LDFLAGS and
# LDLIBS, so that `make CFLAGS=...` (which replaces a variable outright)
# adds to the build instead of dropping the pkg-config flags.  The user's
# flags come last and win.
CPPFLAGS   ?=
CFLAGS     ?=
LDFLAGS    ?=
LDLIBS     ?=
SC_CPPFLAGS:= -D_GNU_SOURCE -DSTIGCHECK_VERSION='"$(VERSION)"' -Iagent -I. -I$(BUILD)/gen \
              $(HARDEN_CPPFLAGS)
SC_CFLAGS  := -std=c11 -g $(OPT) $(WARN) $(SAN_FLAGS) $(HARDEN_CFLAGS) \
              $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
SC_LDFLAGS := $(SAN_FLAGS) $(HARDEN_LDFLAGS)
SC_LDLIBS  := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CPPFLAGS = $(SC_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(SC_CFLAGS) $(CFLAGS)
ALL_LDFLAGS  = $(SC_LDFLAGS) $(LDFLAGS)
ALL_LDLIBS   = $(SC_LDLIBS) $(LDLIBS)
TEST_LIBS  := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
TEST_CFLAGS:= $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)

# Every .c under these directories is part of the library, except the
# program's entry point and build-time tools.
LIB_SRC    := $(sort $(filter-out agent/main.c, \
                $(wildcard agent/*.c agent/*/*.c agent/*/*/*.c xccdf/*.c reports/*.c)))
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
LIB        := $(BUILD)/libstigcheck.a

CONTENT_YAML := $(sort $(wildcard content/*.yaml content/*/*.yaml content/*/*/*.yaml))
CONTENTC     := $(BUILD)/tools/sc-contentc
BENCH_XML    := $(BUILD)/gen/stigcheck-gpos-xccdf.xml
BUILTIN_C    := $(BUILD)/gen/builtin_content.c
BUILTIN_O    := $(BUILD)/obj/gen/builtin_content.o
# Report stylesheets and data, embedded so the binary is self-contained.
REPORT_FILES := reports/html.xsl reports/report.css reports/report.js reports/gpos-srg.tsv \
                content/data/cmvp_certificates.yaml
ASSETS_C     := $(BUILD)/gen/report_assets.c
ASSETS_O     := $(BUILD)/obj/gen/report_assets.o

PROG       := $(BUILD)/stigcheck
# The man page and bash completion, generated from the option table.
CLIDOC     := $(BUILD)/tools/clidoc
MANPAGE    := $(BUILD)/gen/stigcheck.1
COMPLETION := $(BUILD)/gen/stigcheck.bash

UNIT_SRC   := $(sort $(wildcard tests/unit/check_*.c))
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UNIT_HELP  := $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c))
UNIT_HOBJ  := $(UNIT_HELP:%.c=$(BUILD)/obj/%.o)

.PHONY: fuzz fuzz-bins
.PHONY: check-fuzz fuzz fuzz-bins
.PHONY: all deps check check-unit check-integration check-asan check-clang \
        check-valgrind demo bench install uninstall clean unit-bins srg-table

all: $(PROG) $(BENCH_XML) $(MANPAGE) $(COMPLETION)

deps:
	@.ci/deps.sh

# V=1 shows full commands.
Q          := $(if $(V),,@)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP -c -o $@ $<

# The commit and date the binary was built from, for --version (only main.o
# carries them, so a new commit does not rebuild the library).
GIT_COMMIT := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
BUILD_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)
BUILD_DATE_MDOC := $(shell LC_ALL=C date -u -d '$(BUILD_DATE)' '+%B %-d, %Y' 2>/dev/null)
$(BUILD)/obj/agent/main.o: SC_CPPFLAGS += -DSTIGCHECK_COMMIT='"$(GIT_COMMIT)"' \
                                       -DSTIGCHECK_BUILD_DATE='"$(BUILD_DATE)"'

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)ar rcs $@ $^

# The content compiler links the library so it validates native checks with
# the same code that evaluates them.
$(CONTENTC): $(BUILD)/obj/content/compiler/contentc.o $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(CLIDOC): $(BUILD)/obj/tools/clidoc.o $(BUILTIN_O) $(ASSETS_O) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(MANPAGE): docs/stigcheck.1.in $(CLIDOC)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(CLIDOC) man docs/stigcheck.1.in $@.tmp && \
	  sed 's/\$$Mdocdate\$$/$(BUILD_DATE_MDOC)/' $@.tmp >$@ && rm -f $@.tmp

$(COMPLETION): $(CLIDOC)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(CLIDOC) bash $@

$(BENCH_XML): $(CONTENTC) $(CONTENT_YAML)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CONTENT $@")
	$(Q)$(CONTENTC) --version $(VERSION) -o $@ content

$(BUILTIN_C): $(BENCH_XML) $(CONTENTC)
	$(Q)$(CONTENTC) --embed $(BENCH_XML) -o $@

$(BUILTIN_O): $(BUILTIN_C)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(ASSETS_C): $(REPORT_FILES) $(CONTENTC)
	@mkdir -p $(dir $@)
	$(Q)$(CONTENTC) --embed-table sc_report_assets -o $@ \
	  $(foreach f,$(REPORT_FILES),$(notdir $(f))=$(f))

$(ASSETS_O): $(ASSETS_C)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# Regenerate the GPOS SRG id table from DISA's files (see reports/tools/srg-table.xsl).
SRG_XCCDF  ?= $(SHARED)/data/disa/U_GPOS_SRG_V3R3_Manual-xccdf.xml
CCI_LIST   ?= $(SHARED)/data/disa/U_CCI_List.xml
srg-table:
	xsltproc --stringparam cci-list $(CCI_LIST) \
	  --stringparam filename $(notdir $(SRG_XCCDF)) \
	  reports/tools/srg-table.xsl $(SRG_XCCDF) >reports/gpos-srg.tsv.tmp
	mv reports/gpos-srg.tsv.tmp reports/gpos-srg.tsv

$(PROG): $(BUILD)/obj/agent/main.o $(BUILTIN_O) $(ASSETS_O) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(UNIT_HOBJ) $(BUILTIN_O) $(ASSETS_O) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS) $(TEST_LIBS)

unit-bins: $(UNIT_BIN) $(PROG) $(MANPAGE) $(COMPLETION)

# ---- tests ---------------------------------------------------------------------

check: deps
	@tests/fixtures/fips-provider.sh || echo "fips-provider: not built; the FIPS fixture tests will skip and say why"
	@$(MAKE) --no-print-directory all unit-bins
	@for s in check-unit check-integration check-asan check-clang check-valgrind check-fuzz; do \
	  t0=$$(date +%s); \
	  $(MAKE) --no-print-directory $$s || exit 1; \
	  echo "make check: $$s took $$(( $$(date +%s) - t0 )) s"; \
	done
	@echo "make check: all tests passed"

check-unit: $(UNIT_BIN)
	@SHARED=$(SHARED) tests/run-unit.sh $(UNIT_BIN)

check-integration: $(PROG) $(BENCH_XML)
	@STIGCHECK=$(abspath $(PROG)) BUILD=$(abspath $(BUILD)) SHARED=$(SHARED) \
	  tests/run-integration.sh

# Unit and integration tests again with ASan + UBSan.
check-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 unit-bins
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 check-unit check-integration

# The whole tree must build warning-free with clang too.
check-clang:
	@$(MAKE) --no-print-directory BUILD=build/clang CC=clang all unit-bins
	@$(MAKE) --no-print-directory BUILD=build/clang CC=clang check-unit

# Unit tests, and the integration tests in tests/valgrind.list (all of them
# with VALGRIND_ALL=1), under valgrind's memcheck (errors and leaks fail).
check-valgrind: all unit-bins
	@SHARED=$(SHARED) VALGRIND=1 tests/run-unit.sh $(UNIT_BIN)
	@STIGCHECK=$(abspath $(PROG)) BUILD=$(abspath $(BUILD)) SHARED=$(SHARED) \
	  VALGRIND=1 tests/run-integration.sh \
	  $(if $(VALGRIND_ALL),,$(shell sed -n 's/^\(t[0-9]*\)-.*/\1/p' tests/valgrind.list))

# ---- fuzzing (docs/fuzzing.md) -----------------------------------------------------
#
#   make fuzz [FUZZ_SECONDS=N]   build every tests/fuzz/fuzz_*.c harness with
#                                clang, libFuzzer, ASan and UBSan (in
#                                build/fuzz), run each for N seconds (10) on
#                                a copy of its seed corpus, one line each.
#   make fuzz-bins               build them only (build/fuzz/fuzz/fuzz_*).
#   make check-fuzz              each for CHECK_FUZZ_SECONDS (3): 17
#                                harnesses, about a minute of fuzzing.
#   tests/fuzz/scaling.py build/fuzz   time each parser at N and 10N units.
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN    := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 10

$(BUILD)/fuzz/%: $(BUILD)/obj/tests/fuzz/%.o $(BUILTIN_O) $(ASSETS_O) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(ALL_LDLIBS)

# The harnesses exist only as an instrumented clang build of their own.
ifeq ($(FUZZ),1)
fuzz-bins: $(FUZZ_BIN)
else
fuzz-bins:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang FUZZ=1 fuzz-bins
endif

# make check runs each harness briefly; `make fuzz FUZZ_SECONDS=60` for real.
check-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(or $(CHECK_FUZZ_SECONDS),3)

fuzz:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang FUZZ=1 fuzz-bins
	@tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

# ---- demo, bench, install ------------------------------------------------------------

demo: deps
	@$(MAKE) --no-print-directory all
	@tests/fixtures/demo.sh $(abspath $(PROG)) $(abspath $(BUILD))/demo

bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench/run.sh $(abspath $(PROG)) $(SHARED)
	@echo
	@tests/bench/fleet.sh $(abspath $(PROG))

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/stigcheck \
	  $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0755 $(PROG) $(DESTDIR)$(PREFIX)/bin/stigcheck
	install -m 0644 $(MANPAGE) $(DESTDIR)$(PREFIX)/share/man/man1/stigcheck.1
	install -m 0644 $(COMPLETION) \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/stigcheck
	install -m 0644 $(BENCH_XML) $(DESTDIR)$(PREFIX)/share/stigcheck/
	if [ -d reports ] && ls reports/*.xsl >/dev/null 2>&1; then \
	  install -m 0644 reports/*.xsl $(DESTDIR)$(PREFIX)/share/stigcheck/; fi
	install -m 0644 reports/report.css reports/report.js reports/gpos-srg.tsv \
	  $(DESTDIR)$(PREFIX)/share/stigcheck/
	install -m 0644 content/data/cmvp_certificates.yaml $(DESTDIR)$(PREFIX)/share/stigcheck/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/stigcheck \
	  $(DESTDIR)$(PREFIX)/share/man/man1/stigcheck.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/stigcheck
	rm -rf $(DESTDIR)$(PREFIX)/share/stigcheck

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
