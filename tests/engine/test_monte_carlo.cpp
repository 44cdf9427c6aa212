#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "support/monte_carlo.hpp"
#include "engine/uncertainty/runner.hpp"

using namespace reclaim;
using reclaim::test::mc;

namespace {

Param ranged(Dist d, double low, double value, double high, Bound bound = Bound::Free)
{
    Param p;
    p.low = low;
    p.value = value;
    p.high = high;
    p.dist = d;
    p.bound = bound;
    return p;
}

// Two parameters: p0 ~ uniform(0, 1), p1 ~ triangular(1, 2, 3).
ParamTable two_params()
{
    ParamTable t;
    t.add(ranged(Dist::Uniform, 0.0, 0.5, 1.0), Origin{"a.csv", 2, "value", "test"});
    t.add(ranged(Dist::Triangular, 1.0, 2.0, 3.0), Origin{"a.csv", 3, "value", "test"});
    return t;
}

// The linear output y = 3 p0 + 2 p1 of every sample.
WorkerFactory linear()
{
    return [] {
        return [](const ParamValues& v, std::span<double> out) -> std::size_t {
            out[0] = 3.0 * v[0] + 2.0 * v[1];
            return 0;
        };
    };
}

}  // namespace

TEST_CASE("Percentiles interpolate linearly between order statistics", "[engine][monte_carlo]")
{
    // 0, 1, ..., 100: h = 100 p, so P5 = 5, P50 = 50, P95 = 95 exactly.
    std::vector<double> v(101);
    std::iota(v.begin(), v.end(), 0.0);
    CHECK(percentile_sorted(v, 0.05) == Approx(5.0).margin(1e-12));
    CHECK(percentile_sorted(v, 0.50) == Approx(50.0).margin(1e-12));
    CHECK(percentile_sorted(v, 0.95) == Approx(95.0).margin(1e-12));
    // {10, 20}: h = 0.05 -> 10 + 0.05 x 10 = 10.5; h = 0.95 -> 19.5.
    CHECK(percentile_sorted({10.0, 20.0}, 0.05) == Approx(10.5));
    CHECK(percentile_sorted({10.0, 20.0}, 0.95) == Approx(19.5));
    Summary s = summarize({4.0, NAN, 1.0, 3.0, 2.0});
    CHECK(s.count == 4);                       // the NaN sample is left out
    CHECK(s.mean == Approx(2.5));              // (1 + 2 + 3 + 4) / 4
    CHECK(s.p50 == Approx(2.5));               // h = 1.5 between 2 and 3
    CHECK(s.p5 == Approx(1.15));               // h = 0.15: 1 + 0.15 x 1
    CHECK(std::isnan(summarize({}).mean));
}

TEST_CASE("A single uniform parameter has P5, P50 and P95 at 0.05, 0.5 and 0.95 of its range", "[engine][monte_carlo]")
{
    ParamTable t;
    t.add(ranged(Dist::Uniform, 10.0, 15.0, 20.0), Origin{"a.csv", 2, "value", "test"});
    WorkerFactory identity = [] {
        return [](const ParamValues& v, std::span<double> out) -> std::size_t {
            out[0] = v[0];
            return 0;
        };
    };
    MonteCarloResult r = run_monte_carlo(t, 1, identity, mc(20000, 7, 2));
    Summary s = summarize(r.column(0));
    // uniform(10, 20): quantile q at 10 + 10 q; the sampling error of P5 is about
    // 10 x sqrt(0.05 x 0.95 / 20000) = 0.015, so 0.06 is four standard errors.
    CHECK(s.p5 == Approx(10.5).margin(0.06));
    CHECK(s.p50 == Approx(15.0).margin(0.08));
    CHECK(s.p95 == Approx(19.5).margin(0.06));
    CHECK(s.mean == Approx(15.0).margin(0.06));
}

TEST_CASE("The probability of a boolean output is the share of samples where it is true", "[engine][monte_carlo]")
{
    // target met when p0 >= 0.8, p0 ~ uniform(0, 1): P = 0.2; standard error sqrt(0.16 / 20000) = 0.0028.
    ParamTable t = two_params();
    WorkerFactory met = [] {
        return [](const ParamValues& v, std::span<double> out) -> std::size_t {
            out[0] = v[0] >= 0.8 ? 1.0 : 0.0;
            return 0;
        };
    };
    MonteCarloResult r = run_monte_carlo(t, 1, met, mc(20000, 3, 2));
    CHECK(probability(r.column(0)) == Approx(0.2).margin(0.012));
    CHECK(probability({1.0, 0.0, 0.0, 1.0}) == Approx(0.5));
}

TEST_CASE("The Monte Carlo mean of a linear output converges to its deterministic value like 1/sqrt(N)",
          "[engine][monte_carlo]")
{
    // y = 3 p0 + 2 p1 at nominal: 3 x 0.5 + 2 x 2 = 5.5, also its mean (both distributions are
    // symmetric). sd(y) = sqrt(9/12 + 4 x 1/6) = 1.19, so the RMS error of the mean is
    // 0.060 at N = 400 and 0.015 at N = 6400: 16 times the samples, a quarter of the error.
    ParamTable t = two_params();
    auto rms_error = [&](std::size_t n) {
        double sum = 0.0;
        const int seeds = 24;
        for (int seed = 1; seed <= seeds; ++seed) {
            Summary s = summarize(run_monte_carlo(t, 1, linear(), mc(n, static_cast<std::uint64_t>(seed), 2)).column(0));
            sum += (s.mean - 5.5) * (s.mean - 5.5);
        }
        return std::sqrt(sum / seeds);
    };
    const double e400 = rms_error(400), e6400 = rms_error(6400);
    CHECK(e400 == Approx(0.0596).epsilon(0.4));
    CHECK(e400 / e6400 > 2.5);
    CHECK(e400 / e6400 < 6.5);
}

TEST_CASE("The same seed gives identical results with one and two threads; another seed does not",
          "[engine][monte_carlo]")
{
    ParamTable t = two_params();
    MonteCarloResult one = run_monte_carlo(t, 1, linear(), mc(5000, 11, 1));
    MonteCarloResult two = run_monte_carlo(t, 1, linear(), mc(5000, 11, 2));
    MonteCarloResult other = run_monte_carlo(t, 1, linear(), mc(5000, 12, 2));
    CHECK(one.threads == 1);
    CHECK(two.threads == 2);
    CHECK(one.values == two.values);  // bit for bit
    std::size_t same = 0;
    for (std::size_t s = 0; s < one.samples; ++s) same += one.values[s] == other.values[s] ? 1 : 0;
    CHECK(same == 0);
}

TEST_CASE("A subset draw gives each parameter the value sample_params gives it", "[engine][monte_carlo]")
{
    ParamTable t = two_params();
    t.add(ranged(Dist::Normal, 0.5, 0.95, 1.4, Bound::Fraction), Origin{"a.csv", 4, "value", "test"});
    for (std::uint64_t s = 0; s < 50; ++s) {
        ParamValues full = sample_params(t, 5, s);
        ParamValues sub;
        std::size_t clipped = 0;
        sample_subset_into(t, {ParamId{2}}, 5, s, t.nominal(), sub, &clipped);
        CHECK(sub[0] == 0.5);  // not drawn: nominal
        CHECK(sub[2] == full[2]);
        CHECK(sampled_value(t, ParamId{2}, 5, s) == full[2]);
        CHECK(sub[2] <= 1.0);  // a fraction, clipped
    }
}

TEST_CASE("Values clipped to their bound are counted as adjustments", "[engine][monte_carlo]")
{
    // normal with mean 0.95 and sd (1.4 - 0.5)/3.92 = 0.23: P(x > 1) = P(z > 0.218) = 0.414.
    ParamTable t;
    t.add(ranged(Dist::Normal, 0.5, 0.95, 1.4, Bound::Fraction), Origin{"a.csv", 2, "value", "test"});
    WorkerFactory f = [] { return [](const ParamValues&, std::span<double> out) -> std::size_t { out[0] = 0; return 0; }; };
    MonteCarloResult r = run_monte_carlo(t, 1, f, mc(10000, 1, 2));
    CHECK(static_cast<double>(r.adjustments.clipped) / 10000.0 == Approx(0.414).margin(0.02));
}

TEST_CASE("Progress reaches the total and invalid options are refused", "[engine][monte_carlo]")
{
    ParamTable t = two_params();
    std::size_t last = 0, total = 0;
    MonteCarloOptions o = mc(1000, 1, 2);
    o.progress = [&](std::size_t done, std::size_t n) {
        CHECK(done >= last);
        last = done;
        total = n;
    };
    run_monte_carlo(t, 1, linear(), o);
    CHECK(last == 1000);
    CHECK(total == 1000);
    CHECK_THROWS_WITH(run_monte_carlo(t, 1, linear(), mc(0, 1, 1)),
                      Catch::Contains("samples = 0; violated: samples >= 1"));
}

TEST_CASE("An exception in a sample stops the run and reaches the caller", "[engine][monte_carlo]")
{
    ParamTable t = two_params();
    WorkerFactory bad = [] {
        return [](const ParamValues& v, std::span<double>) -> std::size_t {
            if (v[0] > 0.99) throw std::runtime_error("sample out of range");
            return 0;
        };
    };
    CHECK_THROWS_WITH(run_monte_carlo(t, 1, bad, mc(5000, 1, 2)), "sample out of range");
}

TEST_CASE("The tornado ranks parameters by the swing of the output between their ends", "[engine][monte_carlo]")
{
    // y = 3 p0 + 2 p1: p0 over [0, 1] swings 3, p1 over [1, 3] swings 4; p1 ranks first.
    ParamTable t = two_params();
    auto bars = tornado(t, {ParamId{0}, ParamId{1}}, [](const ParamValues& v) { return 3 * v[0] + 2 * v[1]; }, 10);
    REQUIRE(bars.size() == 2);
    CHECK(bars[0].param == ParamId{1});
    CHECK(bars[0].swing() == Approx(4.0));
    CHECK(bars[0].output_low == Approx(1.5 + 2.0));  // p0 nominal 0.5, p1 = 1
    CHECK(bars[1].swing() == Approx(3.0));
    CHECK(tornado(t, {ParamId{0}, ParamId{1}}, [](const ParamValues& v) { return v[0]; }, 1).size() == 1);
}

TEST_CASE("First-order indices split the variance of an additive output", "[engine][monte_carlo]")
{
    // y = 3 p0 + 2 p1: Var = 9/12 + 4/6 = 0.75 + 0.667; S0 = 0.75/1.417 = 0.529, S1 = 0.471.
    ParamTable t = two_params();
    MonteCarloResult r = run_monte_carlo(t, 1, linear(), mc(10000, 21, 2));
    auto s0 = first_order_index(t, ParamId{0}, 21, r.column(0));
    auto s1 = first_order_index(t, ParamId{1}, 21, r.column(0));
    REQUIRE(s0);
    REQUIRE(s1);
    CHECK(*s0 == Approx(0.529).margin(0.03));
    CHECK(*s1 == Approx(0.471).margin(0.03));
    // Too few samples for an estimate.
    CHECK_FALSE(first_order_index(t, ParamId{0}, 21, std::vector<double>(50, 1.0)));
}
