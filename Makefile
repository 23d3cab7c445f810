# A thin wrapper over CMake.  `make demo`: loopcheck over the bundled
# fixtures; `make test`: every test; `make test-sanitize`: the same built
# with ASan+UBSan; `make bench`: the benchmark (tests/bench/run_bench.sh) on
# a 100-TU synthetic code base.
JOBS ?= $(shell nproc)
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize

.PHONY: all build demo test test-sanitize bench setup clean

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

bench: build
	cmake --build $(BUILD) --target bench

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
