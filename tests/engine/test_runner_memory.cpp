// The Monte Carlo runner refuses, before allocating, a run that would not fit in its memory
// budget, and says how much it would need and the largest --samples that fits.

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "engine/uncertainty/runner.hpp"
#include "support/monte_carlo.hpp"
#include "support/params.hpp"

using namespace reclaim;
using reclaim::test::mc;
using reclaim::test::two_params;
using Catch::Matchers::Contains;

namespace {

Sampler sampler_of(const ParamTable& t)
{
    std::vector<ParamId> all;
    for (std::uint32_t i = 0; i < t.size(); ++i) all.push_back(ParamId{i});
    return Sampler(t, all, {}, 1);
}

WorkerFactory sum()
{
    return [] { return [](const ParamValues& v, std::span<double> out) { out[0] = v[0] + v[1]; }; };
}

}  // namespace

TEST_CASE("The largest sample count that fits a memory budget is the largest that fits", "[engine][runner][memory]")
{
    for (std::size_t outputs : {1u, 40u, 5000u})
        for (std::size_t kept : {0u, 1u, 3u})
            for (double budget : {1e6, 3e7, 1e9}) {
                INFO(outputs << " outputs, " << kept << " kept, budget " << budget);
                const std::size_t n = largest_samples(outputs, kept, budget);
                if (n == 0) {
                    CHECK(monte_carlo_bytes(1, outputs, kept) > budget);
                    continue;
                }
                CHECK(monte_carlo_bytes(n, outputs, kept) <= budget);
                if (n < kMaxSamplesSearched) CHECK(monte_carlo_bytes(n + 1, outputs, kept) > budget);
            }
}

TEST_CASE("The memory a kept output needs counts its column and the sensitivity's sort", "[engine][runner][memory]")
{
    // A kept column of n doubles and, for its first-order index, pairs sorted with a buffer.
    CHECK(monte_carlo_bytes(1'000'000, 1, 1) - monte_carlo_bytes(1'000'000, 1, 0) >= 40.0 * 1'000'000);
}

TEST_CASE("A run that does not fit its memory budget is a usage error naming the samples that fit",
          "[engine][runner][memory]")
{
    ParamTable t = two_params();
    MonteCarloOptions o = mc(10'000'000, 1, 1);
    o.memory_bytes = 64.0 * (1 << 20);  // 64 MiB
    const std::size_t fits = largest_samples(1, 1, o.memory_bytes);
    REQUIRE(fits > 0);
    REQUIRE(fits < o.samples);
    try {
        (void)run_monte_carlo(sampler_of(t), 1, {0}, sum(), o);
        FAIL("no error");
    } catch (const UsageError& e) {
        CHECK_THAT(e.what(), Contains("--samples 10000000"));
        CHECK_THAT(e.what(), Contains("GiB"));
        CHECK_THAT(e.what(), Contains("at most --samples " + std::to_string(fits)));
    }
    MonteCarloResult small = run_monte_carlo(sampler_of(t), 1, {0}, sum(), mc(1000, 1, 1));
    CHECK(small.samples == 1000);
}
