#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.hpp"
#include "engine/evaluate/stock.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;

namespace {

LifetimeValues normal(double mean, double sd) { return {LifetimeModel::Normal, mean, sd, 0, 0}; }

}  // namespace

TEST_CASE("A fixed lifetime survives while the age is below the mean", "[engine][stock]")
{
    LifetimeValues fixed{LifetimeModel::Fixed, 3, 0, 0, 0};
    auto s = survival_curve(fixed, SurvivalConvention::End, 6);
    CHECK(s == std::vector<double>{1, 1, 1, 0, 0, 0});
    // A mean of 2.5: ages 0, 1, 2 are below it at `end`; at `middle` age 2 is evaluated at 2.5, not below.
    LifetimeValues half{LifetimeModel::Fixed, 2.5, 0, 0, 0};
    CHECK(survival_curve(half, SurvivalConvention::End, 4) == std::vector<double>{1, 1, 1, 0});
    CHECK(survival_curve(half, SurvivalConvention::Middle, 4) == std::vector<double>{1, 1, 0, 0});
}

TEST_CASE("A normal lifetime's survival is the normal tail at the age", "[engine][stock]")
{
    // S(a) = 1 - Phi((a - 10) / 2): a = 10 -> 1 - Phi(0) = 0.5; a = 8 -> Phi(1) = 0.8413447461;
    // a = 12 -> 1 - Phi(1) = 0.1586552539 (standard normal table).
    auto s = survival_curve(normal(10, 2), SurvivalConvention::End, 13);
    CHECK(s[10] == Approx(0.5).epsilon(1e-12));
    CHECK(s[8] == Approx(0.8413447461).epsilon(1e-9));
    CHECK(s[12] == Approx(0.1586552539).epsilon(1e-9));
    // `middle` evaluates half a year later: S(10) = 1 - Phi(0.25) = 1 - 0.5987063257 = 0.4012936743.
    auto m = survival_curve(normal(10, 2), SurvivalConvention::Middle, 13);
    CHECK(m[10] == Approx(0.4012936743).epsilon(1e-9));
}

TEST_CASE("A folded normal lifetime adds the tail folded back from negative ages", "[engine][stock]")
{
    // |X|, X ~ N(1, 2): S(1) = P(X > 1) + P(X < -1) = 0.5 + Phi(-1) = 0.5 + 0.1586552539 = 0.6586552539.
    LifetimeValues f{LifetimeModel::FoldedNormal, 1, 2, 0, 0};
    CHECK(survival_at(f, 1.0) == Approx(0.6586552539).epsilon(1e-9));
    CHECK(survival_at(f, 0.0) == 1.0);
    // With a mean far from zero it is the normal: S(10) for N(10, 2) folded is 0.5 + Phi(-10) ~ 0.5.
    CHECK(survival_at({LifetimeModel::FoldedNormal, 10, 2, 0, 0}, 10.0) == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("A lognormal lifetime takes the mean and sd of the lognormal itself", "[engine][stock]")
{
    // mean 10, sd 5: sigma^2 = ln(1 + 25/100) = 0.2231435513, mu = ln 10 - sigma^2/2 = 2.1910133173;
    // the median exp(mu) = 10 / sqrt(1.25) = 8.94427191 survives with probability exactly 0.5.
    LifetimeValues ln{LifetimeModel::LogNormal, 10, 5, 0, 0};
    CHECK(survival_at(ln, 10.0 / std::sqrt(1.25)) == Approx(0.5).epsilon(1e-12));
    // The mean is the integral of S and the variance 2*integral(x S) - mean^2: 10 and 25
    // (ODYM's conversion, ln(1 + mean^2/sd^2), would give the same mean but an sd of 20).
    double mean = 0.0, second = 0.0, dx = 0.001;
    for (double x = dx / 2; x < 200.0; x += dx) {
        double s = survival_at(ln, x);
        mean += s * dx;
        second += 2.0 * x * s * dx;
    }
    CHECK(mean == Approx(10.0).epsilon(1e-6));
    CHECK(std::sqrt(second - mean * mean) == Approx(5.0).epsilon(1e-5));
}

TEST_CASE("A Weibull lifetime survives as exp(-(a/lambda)^k)", "[engine][stock]")
{
    // k = 2, lambda = 10: S(5) = exp(-0.25) = 0.7788007831; S(10) = exp(-1) = 0.3678794412.
    LifetimeValues w{LifetimeModel::Weibull, 0, 0, 2, 10};
    auto s = survival_curve(w, SurvivalConvention::End, 11);
    CHECK(s[0] == 1.0);
    CHECK(s[5] == Approx(0.7788007831).epsilon(1e-9));
    CHECK(s[10] == Approx(0.3678794412).epsilon(1e-9));
    // middle: S(4.5) = exp(-0.2025) = 0.8166864825.
    CHECK(survival_curve(w, SurvivalConvention::Middle, 5)[4] == Approx(0.8166864825).epsilon(1e-9));
}

TEST_CASE("A fixed lifetime shifts the inflow exactly by its length", "[engine][stock]")
{
    // Lifetime 3: what enters in year c leaves in year c + 3, nothing earlier, nothing later.
    std::vector<double> inflow{10, 20, 0, 0, 5, 0, 0, 0};
    auto survival = survival_curve({LifetimeModel::Fixed, 3, 0, 0, 0}, SurvivalConvention::End, inflow.size());
    StockSeries s = run_stock_model(inflow, survival);
    CHECK(s.outflow == std::vector<double>{0, 0, 0, 10, 20, 0, 0, 5});
    // Stock: 10; 10+20; 30; 30-10; 20-20+5; 5; 5; 5-5.
    CHECK(s.stock == std::vector<double>{10, 30, 30, 20, 5, 5, 5, 0});
}

TEST_CASE("A cohort leaves 1 - S(0) in its first year and S(a-1) - S(a) after", "[engine][stock]")
{
    // One cohort of 100 with a normal lifetime of mean 10, sd 2: in year 0, 100 Phi(-5) =
    // 100 * 2.866515719e-7; in year 10, 100 (S(9) - S(10)) = 100 (Phi(0.5) - 0.5) = 19.14624613.
    std::vector<double> inflow(20, 0.0);
    inflow[0] = 100;
    StockSeries s = run_stock_model(inflow, survival_curve(normal(10, 2), SurvivalConvention::End, 20));
    CHECK(s.outflow[0] == Approx(100 * 2.866515719e-7).epsilon(1e-6));
    CHECK(s.outflow[10] == Approx(19.14624613).epsilon(1e-9));
    CHECK(s.stock[10] == Approx(50.0).epsilon(1e-12));
}

TEST_CASE("Stock and outflow by cohort place each cohort in its own column", "[engine][stock]")
{
    // Lifetime 2, inflow 1 then 2: at t=1 both cohorts are in use; at t=2 the first has left.
    std::vector<double> inflow{1, 2, 0};
    auto survival = survival_curve({LifetimeModel::Fixed, 2, 0, 0, 0}, SurvivalConvention::End, 3);
    Eigen::MatrixXd stock = stock_by_cohort(inflow, survival);
    Eigen::MatrixXd expected_stock(3, 3);
    expected_stock << 1, 0, 0,
                      1, 2, 0,
                      0, 2, 0;
    CHECK(stock == expected_stock);
    Eigen::MatrixXd out = outflow_by_cohort(inflow, survival);
    CHECK(out(2, 0) == 1.0);
    CHECK(out.sum() == 1.0);  // the second cohort leaves in year 3, after the horizon
}

TEST_CASE("Inflows equal the final stock plus all outflows for every lifetime model", "[engine][stock]")
{
    std::vector<double> inflow;
    for (int t = 0; t < 60; ++t) inflow.push_back(1000.0 + 37.0 * t + (t % 7) * 113.0);
    const LifetimeValues models[] = {{LifetimeModel::Fixed, 12, 0, 0, 0},
                                     normal(14, 4),
                                     {LifetimeModel::FoldedNormal, 3, 4, 0, 0},
                                     {LifetimeModel::LogNormal, 9, 6, 0, 0},
                                     {LifetimeModel::Weibull, 0, 0, 3.5, 16}};
    for (const auto& m : models) {
        for (auto conv : {SurvivalConvention::End, SurvivalConvention::Middle}) {
            StockSeries s = run_stock_model(inflow, survival_curve(m, conv, inflow.size()));
            double in = 0, out = 0;
            for (double v : s.inflow) in += v;
            for (double v : s.outflow) out += v;
            CHECK(std::abs(in - s.stock.back() - out) <= 1e-12 * in);
            CHECK_NOTHROW(check_stock_balance(s, "test"));
        }
    }
}

TEST_CASE("A stock series that loses mass is a balance error naming the product", "[engine][stock]")
{
    StockSeries s{{10, 10}, {0, 5}, {10, 14}};  // 20 in, 5 out, 14 left: 1 unit vanished
    CHECK_THROWS_AS(check_stock_balance(s, "product 'gadget'"), BalanceError);
    CHECK_THROWS_WITH(check_stock_balance(s, "product 'gadget'"), Contains("product 'gadget'"));
}
