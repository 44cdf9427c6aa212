#pragma once
// Monte Carlo options for tests: samples, seed, threads, nothing else.

#include <cstddef>
#include <cstdint>

#include "engine/uncertainty/runner.hpp"

namespace reclaim::test {

inline MonteCarloOptions mc(std::size_t samples, std::uint64_t seed, unsigned threads)
{
    MonteCarloOptions o;
    o.samples = samples;
    o.seed = seed;
    o.threads = threads;
    return o;
}

}  // namespace reclaim::test
