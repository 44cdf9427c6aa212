// The Monte Carlo runner (src/engine/uncertainty/runner.cpp): statistics of known outputs by
// hand, identical results at one and two threads, kept columns, adjustments, progress, errors.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "core/error.hpp"
#include "support/monte_carlo.hpp"
#include "support/params.hpp"
#include "engine/uncertainty/runner.hpp"

using namespace reclaim;
using reclaim::test::mc;
using reclaim::test::ranged;
using reclaim::test::two_params;
using Catch::Matchers::Contains;

namespace {


Sampler sampler_of(const ParamTable& t, std::uint64_t seed, ShareSets sets = {})
{
    std::vector<ParamId> all;
    for (std::uint32_t i = 0; i < t.size(); ++i) all.push_back(ParamId{i});
    return Sampler(t, all, std::move(sets), seed);
}

// Outputs: y = 3 p0 + 2 p1, p0, p1.
WorkerFactory linear()
{
    return [] {
        return [](const ParamValues& v, std::span<double> out) {
            out[0] = 3.0 * v[0] + 2.0 * v[1];
            out[1] = v[0];
            out[2] = v[1];
        };
    };
}

MonteCarloResult run(const ParamTable& t, std::size_t n, std::uint64_t seed, unsigned threads,
                     const std::vector<std::size_t>& keep = {0})
{
    return run_monte_carlo(sampler_of(t, seed), 3, keep, linear(), mc(n, seed, threads));
}

}  // namespace

TEST_CASE("A single uniform parameter has P5, P50 and P95 at 0.05, 0.5 and 0.95 of its range", "[engine][runner]")
{
    ParamTable t;
    t.add(ranged(Dist::Uniform, 10.0, 15.0, 20.0), Origin{"a.csv", 2, "value", "test"});
    WorkerFactory identity = [] { return [](const ParamValues& v, std::span<double> out) { out[0] = v[0]; }; };
    MonteCarloResult r = run_monte_carlo(sampler_of(t, 7), 1, {}, identity, mc(20000, 7, 2));
    REQUIRE(r.summaries.size() == 1);
    const Summary& s = r.summaries[0];
    CHECK(s.count == 20000);
    // uniform(10, 20): quantile q at 10 + 10 q; the sampling error of P5 is about
    // 10 x sqrt(0.05 x 0.95 / 20000) = 0.015, so 0.06 is four standard errors.
    CHECK(s.p5 == Approx(10.5).margin(0.06));
    CHECK(s.p50 == Approx(15.0).margin(0.08));
    CHECK(s.p95 == Approx(19.5).margin(0.06));
    CHECK(s.mean == Approx(15.0).margin(0.06));
}

TEST_CASE("The probability of a met flag is the mean of its 0/1 output", "[engine][runner]")
{
    // target met when p0 >= 0.8, p0 ~ uniform(0, 1): P = 0.2; standard error sqrt(0.16 / 20000) = 0.0028.
    ParamTable t = two_params();
    WorkerFactory met = [] {
        return [](const ParamValues& v, std::span<double> out) { out[0] = v[0] >= 0.8 ? 1.0 : 0.0; };
    };
    MonteCarloResult r = run_monte_carlo(sampler_of(t, 3), 1, {}, met, mc(20000, 3, 2));
    CHECK(r.summaries[0].mean == Approx(0.2).margin(0.012));
}

TEST_CASE("The Monte Carlo mean of a linear output converges to its deterministic value like 1/sqrt(N)",
          "[engine][runner]")
{
    // y = 3 p0 + 2 p1 at nominal: 3 x 0.5 + 2 x 2 = 5.5, also its mean (both distributions are
    // symmetric). sd(y) = sqrt(9/12 + 4 x 1/6) = 1.19, so the RMS error of the mean is
    // 0.060 at N = 400 and 0.015 at N = 6400: 16 times the samples, a quarter of the error.
    ParamTable t = two_params();
    auto rms_error = [&](std::size_t n) {
        double sum = 0.0;
        const int seeds = 24;
        for (int seed = 1; seed <= seeds; ++seed) {
            const double mean = run(t, n, static_cast<std::uint64_t>(seed), 2, {}).summaries[0].mean;
            sum += (mean - 5.5) * (mean - 5.5);
        }
        return std::sqrt(sum / seeds);
    };
    const double e400 = rms_error(400), e6400 = rms_error(6400);
    CHECK(e400 == Approx(0.0596).epsilon(0.4));
    CHECK(e400 / e6400 > 2.5);
    CHECK(e400 / e6400 < 6.5);
}

TEST_CASE("The same seed gives identical results with one and two threads; another seed does not",
          "[engine][runner]")
{
    // 5000 samples: three chunks of kChunkSamples = 2048, the last one partial.
    ParamTable t = two_params();
    for (std::size_t n : {std::size_t{5000}, std::size_t{12000}}) {  // 12000 > kExact: binned summaries
        INFO(n);
        MonteCarloResult one = run(t, n, 11, 1);
        MonteCarloResult two = run(t, n, 11, 2);
        MonteCarloResult other = run(t, n, 12, 2);
        CHECK(one.threads == 1);
        CHECK(two.threads == 2);
        CHECK(one.samples == n);
        CHECK(one.column(0) == two.column(0));  // bit for bit
        for (std::size_t o = 0; o < 3; ++o) {
            CHECK(one.summaries[o].mean == two.summaries[o].mean);
            CHECK(one.summaries[o].p5 == two.summaries[o].p5);
            CHECK(one.summaries[o].p50 == two.summaries[o].p50);
            CHECK(one.summaries[o].p95 == two.summaries[o].p95);
            CHECK(one.summaries[o].count == n);
        }
        std::size_t same = 0;
        for (std::size_t s = 0; s < one.samples; ++s) same += one.column(0)[s] == other.column(0)[s] ? 1 : 0;
        CHECK(same == 0);
    }
}

TEST_CASE("Only the kept outputs keep their samples, in sample order", "[engine][runner]")
{
    ParamTable t = two_params();
    const std::uint64_t seed = 4;
    MonteCarloResult r = run(t, 3000, seed, 2, {2, 1});
    CHECK(r.outputs == 3);
    CHECK(r.kept == std::vector<std::size_t>{2, 1});
    REQUIRE(r.columns.size() == 2);
    REQUIRE(r.column(1).size() == 3000);
    REQUIRE(r.column(2).size() == 3000);
    CHECK_THROWS_AS(r.column(0), UsageError);
    CHECK_THROWS_WITH(r.column(0), Contains("output 0 of the Monte Carlo run was not kept"));
    // Sample s of the column is the sampler's sample s.
    Sampler sampler = sampler_of(t, seed);
    for (std::uint64_t s : {0u, 1u, 2047u, 2048u, 2999u}) {
        CHECK(r.column(1)[s] == sampler.value(ParamId{0}, s));
        CHECK(r.column(2)[s] == sampler.value(ParamId{1}, s));
    }
    // Every output is summarised, kept or not: mean of y = 5.5, sd 1.19 / sqrt(3000) = 0.022.
    CHECK(r.summaries[0].mean == Approx(5.5).margin(0.09));
    CHECK(r.summaries[1].mean == Approx(0.5).margin(0.03));   // sd 0.289 / sqrt(3000) = 0.0053
    CHECK(r.summaries[2].mean == Approx(2.0).margin(0.03));   // sd 0.408 / sqrt(3000) = 0.0075
}

TEST_CASE("Values clipped to their bound and share sets balanced are counted as adjustments", "[engine][runner]")
{
    // normal with mean 0.95 and sd (1.4 - 0.5)/3.92 = 0.23: P(x > 1) = P(z > 0.218) = 0.414.
    // It sits in a share set with a fixed row 0.05 that absorbs: balanced in every sample.
    ParamTable t;
    ParamId y = t.add(ranged(Dist::Normal, 0.5, 0.95, 1.4, Bound::Fraction), Origin{"a.csv", 2, "value", "test"});
    ParamId loss = t.add(ranged(Dist::Fixed, 0.05, 0.05, 0.05, Bound::Fraction), Origin{"a.csv", 3, "value", "test"});
    ShareSets sets;
    sets.must_sum_to_one.push_back({loss, y});
    WorkerFactory f = [&] {
        return [&](const ParamValues& v, std::span<double> out) { out[0] = v[y.index] + v[loss.index]; };
    };
    MonteCarloResult r = run_monte_carlo(sampler_of(t, 1, sets), 1, {0}, f, mc(10000, 1, 2));
    CHECK(static_cast<double>(r.adjustments.clipped) / 10000.0 == Approx(0.414).margin(0.02));
    // y + 0.05 = 1 only at y = 0.95 exactly: every sample is balanced; each sums to 1 after.
    CHECK(r.adjustments.renormalised == 10000);
    for (double v : r.column(0)) CHECK(v == Approx(1.0).margin(1e-12));
}

TEST_CASE("Given samples are run row by row", "[engine][runner]")
{
    ParamTable t = two_params();
    GivenSamples given{"samples.csv", {ParamId{1}}, {{1.0}, {2.5}, {3.0}}};
    MonteCarloOptions o = mc(0, 1, 2);  // 0 with given samples: every row
    o.given = &given;
    Sampler sampler = make_sampler(t, {ParamId{0}, ParamId{1}}, ShareSets{}, o);
    CHECK(sampler.given());
    MonteCarloResult r = run_monte_carlo(sampler, 3, {0}, linear(), o);
    CHECK(r.samples == 3);
    // p0 is not given: nominal 0.5; y = 1.5 + 2 p1.
    CHECK(r.column(0) == std::vector<double>{3.5, 6.5, 7.5});
    CHECK(r.summaries[0].mean == Approx(17.5 / 3));
    o.samples = 4;
    CHECK_THROWS_AS(run_monte_carlo(sampler, 3, {}, linear(), o), UsageError);
    CHECK_THROWS_WITH(run_monte_carlo(sampler, 3, {}, linear(), o),
                      Contains("samples = 4; violated: samples <= 3 (the rows of samples.csv)"));
}

TEST_CASE("Progress reaches the total and invalid options are refused", "[engine][runner]")
{
    ParamTable t = two_params();
    std::size_t last = 0, total = 0;
    MonteCarloOptions o = mc(1000, 1, 2);
    o.progress = [&](std::size_t done, std::size_t n) {
        CHECK(done >= last);
        last = done;
        total = n;
    };
    run_monte_carlo(sampler_of(t, 1), 3, {}, linear(), o);
    CHECK(last == 1000);
    CHECK(total == 1000);
    CHECK_THROWS_AS(run(t, 0, 1, 1), UsageError);
    CHECK_THROWS_WITH(run(t, 0, 1, 1), Contains("samples = 0; violated: samples >= 1"));
    CHECK_THROWS_WITH(run(t, 10, 1, 5000), Contains("threads = 5000; violated: threads <= 1024"));
    CHECK(mc(0, 1, 5000).problems().size() == 2);  // every broken rule
    CHECK(mc(10, 1, 0).problems().empty());
}

TEST_CASE("An exception in a sample stops the run and reaches the caller", "[engine][runner]")
{
    ParamTable t = two_params();
    WorkerFactory bad = [] {
        return [](const ParamValues& v, std::span<double>) {
            if (v[0] > 0.99) throw std::runtime_error("sample out of range");
        };
    };
    CHECK_THROWS_WITH(run_monte_carlo(sampler_of(t, 1), 1, {}, bad, mc(5000, 1, 2)), "sample out of range");
}
