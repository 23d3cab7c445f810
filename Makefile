# A thin wrapper over CMake.  `make demo`: loopcheck over the bundled
# fixtures; `make test`: every test; `make test-sanitize`: the same built
# with ASan+UBSan; `make test-threads`: loopcheck built with ThreadSanitizer
# checking the fixtures (after `make test`, which builds them), failing on
# any data race between its own threads; `make bench`: the benchmark
# (tests/bench/run_bench.sh) on a 100-TU synthetic code base.
JOBS ?= $(shell nproc)
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
TSAN_BUILD ?= build-tsan

.PHONY: all build demo test test-sanitize test-threads bench setup clean

all: build

setup:
	./scripts/setup.sh

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	cmake -S fixtures -B $(BUILD)/fixtures
	cmake --build $(BUILD)/fixtures -j $(JOBS)
	$(BUILD)/analyzer/loopcheck check -p $(BUILD)/fixtures; test $$? -le 1

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-sanitize:
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=Debug -DLOOPCHECK_SANITIZE=ON
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

test-threads:
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS=-fsanitize=thread \
	    -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target loopcheck
	rm -rf $(TSAN_BUILD)/fixtures-check && mkdir -p $(TSAN_BUILD)/fixtures-check
	cp $(BUILD)/fixtures/compile_commands.json $(TSAN_BUILD)/fixtures-check/
	TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$(CURDIR)/tests/tsan.supp" LOOPCHECK_RULES_DIR=$(CURDIR)/rules \
	    $(TSAN_BUILD)/analyzer/loopcheck check -p $(TSAN_BUILD)/fixtures-check -j $(JOBS) -o /dev/null --fail-on none

bench: build
	cmake --build $(BUILD) --target bench

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(TSAN_BUILD)
