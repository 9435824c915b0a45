// One main for every micro benchmark file in this directory.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
