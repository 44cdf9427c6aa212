// Sensitivity (src/engine/uncertainty/sensitivity.cpp): the one-at-a-time tornado, its points
// balanced, and first-order variance-based indices of additive outputs, by hand.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "support/monte_carlo.hpp"
#include "support/params.hpp"
#include "engine/uncertainty/runner.hpp"
#include "engine/uncertainty/sensitivity.hpp"

using namespace reclaim;
using reclaim::test::mc;
using reclaim::test::ranged;
using reclaim::test::two_params;

namespace {


// Outputs y = 3 p0 + 2 p1 of every sample, kept.
std::vector<double> linear_outputs(const Sampler& sampler, std::size_t n)
{
    WorkerFactory f = [] {
        return [](const ParamValues& v, std::span<double> out) { out[0] = 3.0 * v[0] + 2.0 * v[1]; };
    };
    return run_monte_carlo(sampler, 1, {0}, f, mc(n, sampler.seed(), 2)).column(0);
}

}  // namespace

TEST_CASE("The tornado ranks parameters by the swing of the output between their ends", "[engine][sensitivity]")
{
    // y = 3 p0 + 2 p1: p0 over [0, 1] swings 3, p1 over [1, 3] swings 4; p1 ranks first.
    ParamTable t = two_params();
    Sampler sampler(t, {ParamId{0}, ParamId{1}}, ShareSets{}, 1);
    auto y = [](const ParamValues& v) { return 3 * v[0] + 2 * v[1]; };
    auto bars = tornado(sampler, {ParamId{0}, ParamId{1}}, y, 10);
    REQUIRE(bars.size() == 2);
    CHECK(bars[0].param == ParamId{1});
    CHECK(bars[0].swing() == Approx(4.0));
    CHECK(bars[0].low == 1.0);
    CHECK(bars[0].high == 3.0);
    CHECK(bars[0].output_low == Approx(1.5 + 2.0));  // p0 nominal 0.5, p1 = 1
    CHECK(bars[0].output_high == Approx(1.5 + 6.0));
    CHECK(bars[0].origin.line == 3);
    CHECK(bars[0].spec.dist == Dist::Triangular);
    CHECK_FALSE(bars[0].first_order);
    CHECK(bars[1].param == ParamId{0});
    CHECK(bars[1].swing() == Approx(3.0));
    CHECK(tornado(sampler, {ParamId{0}, ParamId{1}}, [](const ParamValues& v) { return v[0]; }, 1).size() == 1);
}

TEST_CASE("A tornado's ends are clipped to their bound, fixed parameters have no bar", "[engine][sensitivity]")
{
    ParamTable t;
    ParamId f = t.add(ranged(Dist::Normal, 0.8, 0.95, 1.1, Bound::Fraction), Origin{"a.csv", 2, "value", "test"});
    ParamId fixed = t.add(ranged(Dist::Fixed, 2.0, 2.0, 2.0), Origin{"a.csv", 3, "value", "test"});
    Sampler sampler(t, {f, fixed}, ShareSets{}, 1);
    auto bars = tornado(sampler, {f, fixed}, [&](const ParamValues& v) { return 10 * v[f.index] + v[fixed.index]; }, 10);
    REQUIRE(bars.size() == 1);
    CHECK(bars[0].low == 0.8);
    CHECK(bars[0].high == 1.0);  // 1.1 clipped to the fraction's bound
    CHECK(bars[0].output_low == Approx(10.0));
    CHECK(bars[0].output_high == Approx(12.0));
}

TEST_CASE("Each end of a tornado bar is balanced like a sample", "[engine][sensitivity]")
{
    // A yield y over [0.6, 1.0] (nominal 0.9) beside a fixed loss 0.1 that absorbs: the loss is
    // 1 - 0.6 = 0.4 at y's low end and 0 at its high end.
    ParamTable t;
    ParamId loss = t.add(ranged(Dist::Fixed, 0.1, 0.1, 0.1, Bound::Fraction), Origin{"t.csv", 2, "value", "test"});
    ParamId y = t.add(ranged(Dist::Triangular, 0.6, 0.9, 1.0, Bound::Fraction), Origin{"t.csv", 3, "value", "test"});
    ShareSets sets;
    sets.must_sum_to_one.push_back({loss, y});
    Sampler sampler(t, {loss, y}, sets, 1);
    auto bars = tornado(sampler, {loss, y}, [&](const ParamValues& v) { return v[loss.index]; }, 10);
    REQUIRE(bars.size() == 1);
    CHECK(bars[0].param == y);
    CHECK(bars[0].output_low == Approx(0.4).epsilon(1e-12));
    CHECK(bars[0].output_high == Approx(0.0).margin(1e-15));
}

TEST_CASE("First-order indices split the variance of an additive output", "[engine][sensitivity]")
{
    // y = 3 p0 + 2 p1: Var = 9/12 + 4/6 = 0.75 + 0.667; S0 = 0.75/1.417 = 0.529, S1 = 0.471.
    ParamTable t = two_params();
    Sampler sampler(t, {ParamId{0}, ParamId{1}}, ShareSets{}, 21);
    std::vector<double> y = linear_outputs(sampler, 10000);
    auto s0 = first_order_index(sampler, ParamId{0}, y);
    auto s1 = first_order_index(sampler, ParamId{1}, y);
    REQUIRE(s0);
    REQUIRE(s1);
    CHECK(*s0 == Approx(0.529).margin(0.03));
    CHECK(*s1 == Approx(0.471).margin(0.03));
    // A parameter the output does not depend on: about 0 (the noise floor is corrected away).
    ParamTable t3 = two_params();
    t3.add(ranged(Dist::Uniform, 0.0, 0.5, 1.0), Origin{"a.csv", 4, "value", "test"});
    Sampler s3(t3, {ParamId{0}, ParamId{1}, ParamId{2}}, ShareSets{}, 21);
    auto none = first_order_index(s3, ParamId{2}, linear_outputs(s3, 10000));
    REQUIRE(none);
    CHECK(*none == Approx(0.0).margin(0.02));
    // Too few samples for an estimate.
    CHECK_FALSE(first_order_index(sampler, ParamId{0}, std::vector<double>(kMinSamplesForIndices - 1, 1.0)));
    // NaN samples are left out: 250 samples, 100 of them NaN, is too few.
    std::vector<double> gaps(y.begin(), y.begin() + 250);
    for (std::size_t s = 0; s < 100; ++s) gaps[s] = NAN;
    CHECK_FALSE(first_order_index(sampler, ParamId{0}, gaps));
    // A constant output has no variance to split.
    CHECK(first_order_index(sampler, ParamId{0}, std::vector<double>(500, 2.0)) == 0.0);
}
