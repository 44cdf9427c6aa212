# Two commands on a fresh Debian 12 machine: `make run` and `make test`.
PRESET ?= release
BUILD := build/$(PRESET)
JOBS ?= $(shell nproc)
# `make fuzz`: every libFuzzer target for FUZZ_SECONDS each (or only FUZZ_TARGETS, e.g. "bom formula").
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: deps configure build run test python-install bench fuzz clean

deps:
	scripts/install-deps

configure: deps
	cmake --preset $(PRESET) > /dev/null

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/reclaim run

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The Python module (docs/python.md) into the user's site-packages, where a plain python3 finds it.
PYTHON ?= /usr/bin/python3
python-install: build
	@test -f $(BUILD)/python/reclaim/__init__.py || { echo "python-install: no module in $(BUILD)/python (install pybind11-dev and python3-dev: make deps)" >&2; exit 1; }
	site=$$($(PYTHON) -m site --user-site) && mkdir -p "$$site" && rm -rf "$$site/reclaim" && \
	  cp -r $(BUILD)/python/reclaim "$$site/reclaim" && echo "installed the reclaim module in $$site"

bench: build
	@for b in $(BUILD)/bench/bench_*; do echo "== $$b"; $$b || exit 1; done

# The fuzz preset builds with clang-14 and libFuzzer (FUZZ=1 installs them); fails on any finding.
fuzz:
	FUZZ=1 scripts/install-deps
	cmake --preset fuzz > /dev/null
	cmake --build build/fuzz -j $(JOBS)
	tests/fuzz/run_fuzzers.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf build
