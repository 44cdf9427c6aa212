// The one sampler (src/engine/evaluate/sampler.cpp): each distribution's quantile against its
// inverse distribution function and its moments by formula, clipping to bounds, streams keyed
// by (seed, sample, stream key), shared streams, and given samples.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/evaluate/sampler.hpp"
#include "support/params.hpp"

using namespace reclaim;

namespace {

// The standard normal distribution function.
double phi(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

struct Moments {
    double mean = 0, var = 0, median = 0;
};

// Moments of parameter 0 of a one-parameter table over n samples of the Sampler.
Moments moments(const Param& p, int n = 200000)
{
    ParamTable t;
    t.add(p, Origin{"a.csv", 2, "value", "test"});
    Sampler sampler(t, {ParamId{0}}, ShareSets{}, 42);
    std::vector<double> xs(static_cast<std::size_t>(n));
    ParamValues v;
    Adjustments adj;
    for (int i = 0; i < n; ++i) {
        sampler.sample(static_cast<std::uint64_t>(i), v, adj);
        xs[static_cast<std::size_t>(i)] = v[0];
    }
    Moments m;
    for (double x : xs) m.mean += x;
    m.mean /= n;
    for (double x : xs) m.var += (x - m.mean) * (x - m.mean);
    m.var /= (n - 1);
    std::nth_element(xs.begin(), xs.begin() + n / 2, xs.end());
    m.median = xs[static_cast<std::size_t>(n / 2)];
    return m;
}

}  // namespace

TEST_CASE("The uniform quantile is low + u (high - low)", "[engine][sampler]")
{
    const Param p = test::ranged(Dist::Uniform, 10, 12, 20);
    CHECK(quantile(p, 0.05) == Approx(10.5).epsilon(1e-12));
    CHECK(quantile(p, 0.5) == Approx(15.0).epsilon(1e-12));
    CHECK(quantile(p, 0.95) == Approx(19.5).epsilon(1e-12));
}

TEST_CASE("The triangular quantile inverts the triangular distribution function", "[engine][sampler]")
{
    // a = 0.8, c = 0.9, b = 0.98; F(c) = (c - a)/(b - a) = 0.1/0.18 = 0.5556.
    // u = 0.25 < F(c): a + sqrt(u (b - a)(c - a)) = 0.8 + sqrt(0.0045) = 0.86708204
    // u = 0.9 > F(c): b - sqrt((1 - u)(b - a)(b - c)) = 0.98 - sqrt(0.00144) = 0.94205267
    const Param p = test::ranged(Dist::Triangular, 0.8, 0.9, 0.98);
    CHECK(quantile(p, 0.25) == Approx(0.8 + std::sqrt(0.0045)).epsilon(1e-12));
    CHECK(quantile(p, 0.9) == Approx(0.98 - std::sqrt(0.00144)).epsilon(1e-12));
    CHECK(quantile(p, 0.1 / 0.18) == Approx(0.9).epsilon(1e-12));
    // F(x) = (x - a)^2 / ((b - a)(c - a)) below c, 1 - (b - x)^2 / ((b - a)(b - c)) above.
    for (double u : {0.01, 0.2, 0.5, 0.7, 0.99}) {
        const double x = quantile(p, u);
        const double f = x < 0.9 ? (x - 0.8) * (x - 0.8) / (0.18 * 0.1) : 1 - (0.98 - x) * (0.98 - x) / (0.18 * 0.08);
        CHECK(f == Approx(u).epsilon(1e-12));
    }
}

TEST_CASE("The normal quantile has sd = (high - low) / 3.92", "[engine][sampler]")
{
    // 95% range 11.04..18.96 around 15: sd = 7.92 / 3.92 = 2.020408; Phi^-1(0.975) = 1.959964.
    const Param p = test::ranged(Dist::Normal, 11.04, 15, 18.96);
    const double sd = 7.92 / 3.92;
    CHECK(quantile(p, 0.5) == Approx(15.0).epsilon(1e-12));
    CHECK(quantile(p, 0.975) == Approx(15 + sd * 1.959963984540054).epsilon(1e-12));
    CHECK(quantile(p, 0.05) == Approx(15 - sd * 1.6448536269514722).epsilon(1e-12));
    for (double u : {0.001, 0.1, 0.3, 0.8, 0.999}) CHECK(phi((quantile(p, u) - 15) / sd) == Approx(u).epsilon(1e-10));
}

TEST_CASE("The lognormal quantile has the given median and sigma = ln(high/low) / 3.92", "[engine][sampler]")
{
    // median 100, 95% range 50..200: sigma = ln(4)/3.92 = 0.353648; F(x) = Phi(ln(x/100)/sigma).
    const Param p = test::ranged(Dist::Lognormal, 50, 100, 200);
    const double sigma = std::log(4.0) / 3.92;
    CHECK(quantile(p, 0.5) == Approx(100.0).epsilon(1e-12));
    CHECK(quantile(p, 0.975) == Approx(100 * std::exp(sigma * 1.959963984540054)).epsilon(1e-12));
    for (double u : {0.001, 0.1, 0.3, 0.8, 0.999})
        CHECK(phi(std::log(quantile(p, u) / 100) / sigma) == Approx(u).epsilon(1e-10));
}

TEST_CASE("The PERT quantile inverts the Beta(1 + 4(c-a)/(b-a), 1 + 4(b-c)/(b-a)) distribution function",
          "[engine][sampler]")
{
    // a = 10, c = 15, b = 30: Beta(2, 4) on [10, 30], whose distribution function is
    // I_x(2, 4) = 1 - (1 - x)^5 - 5 x (1 - x)^4 with x = (q - 10) / 20.
    const Param p = test::ranged(Dist::Pert, 10, 15, 30);
    for (double u : {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
        const double x = (quantile(p, u) - 10) / 20;
        CHECK(1 - std::pow(1 - x, 5) - 5 * x * std::pow(1 - x, 4) == Approx(u).epsilon(1e-9));
    }
}

TEST_CASE("A fixed or degenerate parameter's quantile is its nominal value", "[engine][sampler]")
{
    CHECK(quantile(test::ranged(Dist::Fixed, 3, 3, 3), 0.9) == 3.0);
    CHECK(quantile(test::ranged(Dist::Triangular, 2, 2, 2), 0.3) == 2.0);
    CHECK(quantile(test::ranged(Dist::Pert, 5, 5, 5), 0.7) == 5.0);
}

// With n = 200,000 the standard error of a mean is sd/447; tolerances are about 4 standard errors.
TEST_CASE("Triangular samples have the triangular mean and variance", "[engine][sampler]")
{
    // a=0.8, c=0.9, b=0.98: mean (a+b+c)/3 = 0.893333; var (a²+b²+c²-ab-ac-bc)/18:
    // a²+b²+c² = 0.64+0.9604+0.81 = 2.4104; ab+ac+bc = 0.784+0.72+0.882 = 2.386; (2.4104-2.386)/18 = 0.00135556
    auto m = moments(test::ranged(Dist::Triangular, 0.8, 0.9, 0.98));
    CHECK(m.mean == Approx(0.893333).margin(4 * std::sqrt(0.00135556) / 447));
    CHECK(m.var == Approx(0.00135556).epsilon(0.02));
}

TEST_CASE("Uniform samples have mean (a+b)/2 and variance (b-a)^2/12", "[engine][sampler]")
{
    auto m = moments(test::ranged(Dist::Uniform, 10, 12, 20));
    CHECK(m.mean == Approx(15.0).margin(4 * std::sqrt(100.0 / 12) / 447));
    CHECK(m.var == Approx(100.0 / 12).epsilon(0.02));
}

TEST_CASE("Normal samples have mean the value and sd = (high - low) / 3.92", "[engine][sampler]")
{
    auto m = moments(test::ranged(Dist::Normal, 11.04, 15, 18.96));
    CHECK(m.mean == Approx(15.0).margin(4 * 2.02 / 447));
    CHECK(std::sqrt(m.var) == Approx(2.020408).epsilon(0.01));
}

TEST_CASE("Lognormal samples have the given median and mean exp(sigma^2/2) above it", "[engine][sampler]")
{
    // median 100, 95% range 50..200: sigma = ln(4)/3.92 = 0.353648; mean = 100 exp(0.0625335) = 106.4530
    auto m = moments(test::ranged(Dist::Lognormal, 50, 100, 200));
    CHECK(m.median == Approx(100.0).epsilon(0.005));
    CHECK(m.mean == Approx(106.4530).epsilon(0.003));
    // var = median² e^{σ²} (e^{σ²} − 1), σ² = 0.125067: 10000 × 1.133222 × 0.133222 = 1509.70
    CHECK(m.var == Approx(1509.70).epsilon(0.03));
}

TEST_CASE("PERT samples have mean (a + 4c + b)/6", "[engine][sampler]")
{
    // a=10, c=15, b=30: mean = (10 + 60 + 30)/6 = 16.6667; var = (mean-a)(b-mean)/7 = 6.6667 x 13.3333 / 7 = 12.6984
    auto m = moments(test::ranged(Dist::Pert, 10, 15, 30));
    CHECK(m.mean == Approx(16.6667).margin(4 * std::sqrt(12.6984) / 447));
    CHECK(m.var == Approx(12.6984).epsilon(0.02));
}

TEST_CASE("A sample depends only on (seed, sample, parameter)", "[engine][sampler]")
{
    ParamTable t;
    std::vector<ParamId> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(t.add(test::ranged(Dist::Triangular, 0.1 * i, 0.1 * i + 0.05, 0.1 * i + 0.1, Bound::Fraction), Origin{}));
    ids.push_back(t.add(test::ranged(Dist::Fixed, 3, 3, 3), Origin{}));
    Sampler one(t, ids, ShareSets{}, 1), two(t, ids, ShareSets{}, 2);
    // The same draws from a sampler that samples only some of the parameters.
    Sampler some(t, {ids[2], ids[4]}, ShareSets{}, 1);
    ParamValues a, b, c, d, e;
    Adjustments adj;
    one.sample(17, a, adj);
    one.sample(17, b, adj);
    two.sample(17, c, adj);
    one.sample(18, d, adj);
    some.sample(17, e, adj);
    CHECK(a == b);
    CHECK(a != c);
    CHECK(a != d);
    CHECK(a[5] == 3.0);
    CHECK(one.sampled().size() == 5);  // the fixed parameter is not sampled
    CHECK(e[2] == a[2]);
    CHECK(e[4] == a[4]);
    CHECK(e[0] == t[ids[0]].value);  // not sampled: nominal
    for (std::size_t k = 0; k < 5; ++k) CHECK(one.value(ids[k], 17) == a[k]);
    CHECK(one.value(ids[5], 17) == 3.0);
    CHECK(adj.clipped == 0);
    CHECK(adj.renormalised == 0);
}

TEST_CASE("Parameters on one stream share one quantile per sample", "[engine][sampler]")
{
    // p0 ~ uniform(0, 1) and p1 ~ uniform(10, 20) in one group: p1 = 10 + 10 p0 in every sample;
    // p2 ~ uniform(0, 1) on its own stream is independent of p0.
    ParamTable t;
    ParamId p0 = t.add(test::ranged(Dist::Uniform, 0, 0.5, 1), Origin{});
    ParamId p1 = t.add(test::ranged(Dist::Uniform, 10, 15, 20), Origin{});
    ParamId p2 = t.add(test::ranged(Dist::Uniform, 0, 0.5, 1), Origin{});
    t.set_stream(p0, group_stream("g"));
    t.set_stream(p1, group_stream("g"));
    CHECK(t.stream_key(p0) == t.stream_key(p1));
    CHECK(t.stream_key(p0) != t.stream_key(p2));
    Sampler sampler(t, {p0, p1, p2}, ShareSets{}, 9);
    ParamValues v;
    Adjustments adj;
    double cov = 0.0;
    const int n = 2000;
    for (int s = 0; s < n; ++s) {
        sampler.sample(static_cast<std::uint64_t>(s), v, adj);
        CHECK(v[p1.index] == Approx(10 + 10 * v[p0.index]).epsilon(1e-12));
        cov += (v[p0.index] - 0.5) * (v[p2.index] - 0.5);
    }
    // Independent: cov ~ 0 with standard error (1/12)/sqrt(n) = 0.0019.
    CHECK(cov / n == Approx(0.0).margin(0.008));
}

TEST_CASE("Values are clipped to their bound and counted", "[engine][sampler]")
{
    Param frac = test::ranged(Dist::Normal, 0.9, 0.98, 1.0, Bound::Fraction);
    std::size_t clipped = 0;
    CHECK(clip_to_bound(frac, -0.2, &clipped) == 0.0);
    CHECK(clip_to_bound(frac, 1.3, &clipped) == 1.0);
    CHECK(clip_to_bound(frac, 0.4, &clipped) == 0.4);
    CHECK(clipped == 2);
    Param nonneg = test::ranged(Dist::Normal, 1, 2, 3, Bound::NonNegative);
    CHECK(clip_to_bound(nonneg, -1.0) == 0.0);
    CHECK(clip_to_bound(nonneg, 5.0) == 5.0);
    CHECK(clip_to_bound(test::ranged(Dist::Normal, 1, 2, 3), -7.0) == -7.0);

    ParamTable t;
    t.add(frac, Origin{});  // sd 0.0255: a fair share of draws above 1
    Sampler sampler(t, {ParamId{0}}, ShareSets{}, 5);
    Adjustments adj;
    ParamValues v;
    int above = 0;
    for (std::uint64_t s = 0; s < 2000; ++s) {
        sampler.sample(s, v, adj);
        CHECK(v[0] <= 1.0);
        above += v[0] == 1.0;
        CHECK(sampler.value(ParamId{0}, s) == v[0]);  // value() is clipped too
    }
    CHECK(adj.clipped == static_cast<std::size_t>(above));
    // P(X > 1) = P(Z > 0.02/0.0255) = P(Z > 0.784) = 0.2165: about 433 of 2000
    CHECK(above == Approx(433).margin(80));
}

TEST_CASE("A sample's share sets are balanced, and value() gives the draw before balancing", "[engine][sampler]")
{
    // A yield y ~ uniform(0.6, 1.0) beside a fixed loss row 0.1 that absorbs: loss = 1 - y.
    ParamTable t;
    ParamId loss = t.add(test::ranged(Dist::Fixed, 0.1, 0.1, 0.1, Bound::Fraction), Origin{});
    ParamId y = t.add(test::ranged(Dist::Uniform, 0.6, 0.9, 1.0, Bound::Fraction), Origin{});
    ShareSets sets;
    sets.must_sum_to_one.push_back({loss, y});
    Sampler sampler(t, {loss, y}, sets, 3);
    CHECK(sampler.sampled() == std::vector<ParamId>{y});
    CHECK(sampler.nominal() == ParamValues{0.1, 0.9});
    ParamValues v;
    Adjustments adj;
    for (std::uint64_t s = 0; s < 100; ++s) {
        sampler.sample(s, v, adj);
        CHECK(v[y.index] == sampler.value(y, s));
        CHECK(v[loss.index] == Approx(1.0 - v[y.index]).epsilon(1e-12));
        CHECK(sampler.value(loss, s) == 0.1);  // not sampled: its nominal value
    }
    CHECK(adj.renormalised == 100);  // y + 0.1 is never exactly 1
    // A point that is not a sample: y at its high end.
    ParamValues end = sampler.nominal();
    end[y.index] = 1.0;
    CHECK(sampler.balance(end) == 1);
    CHECK(end[loss.index] == Approx(0.0).margin(1e-15));
}

TEST_CASE("Given samples replace the draws, row by row, balanced the same way", "[engine][sampler]")
{
    ParamTable t;
    ParamId loss = t.add(test::ranged(Dist::Fixed, 0.1, 0.1, 0.1, Bound::Fraction), Origin{});
    ParamId y = t.add(test::ranged(Dist::Uniform, 0.6, 0.9, 1.0, Bound::Fraction), Origin{});
    ParamId other = t.add(test::ranged(Dist::Uniform, 0, 5, 10), Origin{});
    ShareSets sets;
    sets.must_sum_to_one.push_back({loss, y});
    GivenSamples given{"samples.csv", {y}, {{0.7}, {0.95}, {0.8}}};
    Sampler sampler(t, {loss, y, other}, sets, 3, &given);
    CHECK(sampler.given());
    CHECK(sampler.available() == 3);
    CHECK(sampler.sampled() == std::vector<ParamId>{y});  // the given columns only
    ParamValues v;
    Adjustments adj;
    sampler.sample(1, v, adj);
    CHECK(v[y.index] == 0.95);
    CHECK(v[loss.index] == Approx(0.05).epsilon(1e-12));
    CHECK(v[other.index] == 5.0);  // ranged, but not given: nominal
    CHECK(sampler.value(y, 2) == 0.8);
    CHECK(sampler.value(other, 2) == 5.0);
    CHECK(adj.renormalised == 1);
}
