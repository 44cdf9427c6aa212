#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engine/evaluate/sampler.hpp"

using namespace reclaim;

namespace {

struct Moments {
    double mean = 0, var = 0, median = 0;
};

Moments moments(const Param& p, int n = 200000)
{
    std::vector<double> xs(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        CounterRng rng(42, static_cast<std::uint64_t>(i), 7);
        xs[static_cast<std::size_t>(i)] = draw(p, rng);
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

Param make(Dist d, double low, double value, double high)
{
    Param p;
    p.low = low;
    p.value = value;
    p.high = high;
    p.dist = d;
    return p;
}

}  // namespace

// With n = 200,000 the standard error of a mean is sd/447; tolerances are about 4 standard errors.
TEST_CASE("Triangular samples have the triangular mean and variance", "[engine][sampling]")
{
    // a=0.8, c=0.9, b=0.98: mean (a+b+c)/3 = 0.893333; var (a²+b²+c²-ab-ac-bc)/18 = 0.000817778/... :
    // a²+b²+c² = 0.64+0.9604+0.81 = 2.4104; ab+ac+bc = 0.784+0.72+0.882 = 2.386; (2.4104-2.386)/18 = 0.00135556
    auto m = moments(make(Dist::Triangular, 0.8, 0.9, 0.98));
    CHECK(m.mean == Approx(0.893333).margin(4 * std::sqrt(0.00135556) / 447));
    CHECK(m.var == Approx(0.00135556).epsilon(0.02));
}

TEST_CASE("Uniform samples have mean (a+b)/2 and variance (b-a)^2/12", "[engine][sampling]")
{
    auto m = moments(make(Dist::Uniform, 10, 12, 20));
    CHECK(m.mean == Approx(15.0).margin(4 * std::sqrt(100.0 / 12) / 447));
    CHECK(m.var == Approx(100.0 / 12).epsilon(0.02));
}

TEST_CASE("Normal samples have sd = (high - low) / 3.92", "[engine][sampling]")
{
    // 95% range 11.04..18.96 around 15: sd = 7.92 / 3.92 = 2.020408
    auto m = moments(make(Dist::Normal, 11.04, 15, 18.96));
    CHECK(m.mean == Approx(15.0).margin(4 * 2.02 / 447));
    CHECK(std::sqrt(m.var) == Approx(2.020408).epsilon(0.01));
}

TEST_CASE("Lognormal samples have the given median and mean exp(sigma^2/2) above it", "[engine][sampling]")
{
    // median 100, 95% range 50..200: sigma = ln(4)/3.92 = 0.353648; mean = 100 exp(0.0625335) = 106.4530
    auto m = moments(make(Dist::Lognormal, 50, 100, 200));
    CHECK(m.median == Approx(100.0).epsilon(0.005));
    CHECK(m.mean == Approx(106.4530).epsilon(0.003));
    // var = median² e^{σ²} (e^{σ²} − 1), σ² = 0.125067: 10000 × 1.133222 × 0.133222 = 1509.70
    CHECK(m.var == Approx(1509.70).epsilon(0.03));
}

TEST_CASE("PERT samples have mean (a + 4c + b)/6", "[engine][sampling]")
{
    // a=10, c=15, b=30: mean = (10 + 60 + 30)/6 = 16.6667; var = (mean-a)(b-mean)/7 = 6.6667 x 13.3333 / 7 = 12.6984
    auto m = moments(make(Dist::Pert, 10, 15, 30));
    CHECK(m.mean == Approx(16.6667).margin(4 * std::sqrt(12.6984) / 447));
    CHECK(m.var == Approx(12.6984).epsilon(0.02));
}

TEST_CASE("A sample depends only on (seed, sample, parameter)", "[engine][sampling]")
{
    ParamTable t;
    for (int i = 0; i < 5; ++i) {
        Param p = make(Dist::Triangular, 0.1 * i, 0.1 * i + 0.05, 0.1 * i + 0.1);
        p.bound = Bound::Fraction;
        t.add(p, Origin{});
    }
    t.add(make(Dist::Fixed, 3, 3, 3), Origin{});
    auto a = sample_params(t, 1, 17);
    auto b = sample_params(t, 1, 17);
    auto c = sample_params(t, 2, 17);
    auto d = sample_params(t, 1, 18);
    CHECK(a == b);
    CHECK(a != c);
    CHECK(a != d);
    CHECK(a[5] == 3.0);
}

TEST_CASE("Sampled fractions are clipped to [0, 1] and counted", "[engine][sampling]")
{
    ParamTable t;
    Param p = make(Dist::Normal, 0.9, 0.98, 1.0);  // sd 0.0255: a fair share of draws above 1
    p.bound = Bound::Fraction;
    t.add(p, Origin{});
    SampleAdjustments adj;
    int above = 0;
    for (std::uint64_t s = 0; s < 2000; ++s) {
        auto v = sample_params(t, 5, s, &adj);
        CHECK(v[0] <= 1.0);
        above += v[0] == 1.0;
    }
    CHECK(adj.clipped == static_cast<std::size_t>(above));
    // P(X > 1) = P(Z > 0.02/0.0255) = P(Z > 0.784) = 0.2165: about 433 of 2000
    CHECK(above == Approx(433).margin(80));
}
