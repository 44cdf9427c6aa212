#include "engine/evaluate/stock.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"

namespace reclaim {

namespace {

// P(X > x) for X ~ N(mu, sd).
double normal_sf(double x, double mu, double sd) { return 0.5 * std::erfc((x - mu) / (sd * std::sqrt(2.0))); }

}  // namespace

LifetimeValues lifetime_values(const Lifetime& lifetime, const ParamValues& values)
{
    auto get = [&](ParamId id) { return id.valid() ? values[id.index] : 0.0; };
    return LifetimeValues{lifetime.model, get(lifetime.mean), get(lifetime.sd), get(lifetime.shape), get(lifetime.scale)};
}

double survival_at(const LifetimeValues& lt, double x)
{
    // A sampled lifetime can reach 0: then everything leaves in the year it is sold.
    const bool degenerate = lt.model == LifetimeModel::Weibull ? !(lt.scale > 0 && lt.shape > 0) : !(lt.mean > 0);
    if (degenerate) return x < 0.0 ? 1.0 : 0.0;
    const bool step = lt.sd <= 0.0;  // a normal-type model without spread is a fixed lifetime
    switch (lt.model) {
    case LifetimeModel::Fixed:
        return x < lt.mean ? 1.0 : 0.0;
    case LifetimeModel::Normal:
        return step ? (x < lt.mean ? 1.0 : 0.0) : normal_sf(x, lt.mean, lt.sd);
    case LifetimeModel::FoldedNormal:
        // |X| with X ~ N(mean, sd): P(|X| > x) = P(X > x) + P(X < -x) for x >= 0.
        if (x <= 0.0) return 1.0;
        return step ? (x < lt.mean ? 1.0 : 0.0) : normal_sf(x, lt.mean, lt.sd) + normal_sf(x, -lt.mean, lt.sd);
    case LifetimeModel::LogNormal: {
        if (x <= 0.0) return 1.0;
        if (step) return x < lt.mean ? 1.0 : 0.0;
        // The mean m and sd s are those of the lognormal itself; the underlying normal has
        // sigma^2 = ln(1 + s^2/m^2) and mu = ln(m) - sigma^2/2.
        double sigma2 = std::log1p((lt.sd * lt.sd) / (lt.mean * lt.mean));
        double mu = std::log(lt.mean) - 0.5 * sigma2;
        return normal_sf(std::log(x), mu, std::sqrt(sigma2));
    }
    case LifetimeModel::Weibull:
        if (x <= 0.0) return 1.0;
        return std::exp(-std::pow(x / lt.scale, lt.shape));
    }
    return 0.0;
}

std::vector<double> survival_curve(const LifetimeValues& lifetime, SurvivalConvention convention, std::size_t n_ages)
{
    const double offset = convention == SurvivalConvention::Middle ? 0.5 : 0.0;
    std::vector<double> s(n_ages);
    for (std::size_t a = 0; a < n_ages; ++a) s[a] = survival_at(lifetime, static_cast<double>(a) + offset);
    return s;
}

StockSeries run_stock_model(const std::vector<double>& inflow, const std::vector<double>& survival)
{
    const std::size_t n = inflow.size();
    if (survival.size() < n) throw Error(fmt::format("survival curve has {} ages for {} years", survival.size(), n));
    // Leaving at age a: d(0) = 1 - S(0), d(a) = S(a-1) - S(a).
    std::vector<double> leave(n);
    for (std::size_t a = 0; a < n; ++a) leave[a] = (a == 0 ? 1.0 : survival[a - 1]) - survival[a];
    StockSeries s{inflow, std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
    for (std::size_t c = 0; c < n; ++c) {
        const double i = inflow[c];
        if (i == 0.0) continue;
        for (std::size_t t = c; t < n; ++t) {
            s.outflow[t] += i * leave[t - c];
            s.stock[t] += i * survival[t - c];
        }
    }
    return s;
}

StockSeries run_stock_driven_model(const std::vector<double>& stock, const std::vector<double>& survival,
                                   Eigen::MatrixXd* outflow_cohort)
{
    const std::size_t n = stock.size();
    if (survival.size() < n) throw Error(fmt::format("survival curve has {} ages for {} years", survival.size(), n));
    const auto N = static_cast<Eigen::Index>(n);
    Eigen::MatrixXd sc = Eigen::MatrixXd::Zero(N, N), oc = Eigen::MatrixXd::Zero(N, N);  // (year, cohort)
    StockSeries s{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
    const double s0 = survival[0];
    for (Eigen::Index m = 0; m < N; ++m) {
        double in_use = 0.0;
        for (Eigen::Index c = 0; c < m; ++c) {
            oc(m, c) = sc(m - 1, c) - sc(m, c);
            in_use += sc(m, c);
        }
        const double target = stock[static_cast<std::size_t>(m)];
        double inflow = s0 != 0.0 ? (target - in_use) / s0 : 0.0;
        if (inflow < 0.0) {
            // The stock falls faster than products retire: no inflow, and every cohort gives up
            // the same share of what it has in use, from this year on.
            inflow = 0.0;
            const double f = in_use > 0.0 ? (in_use - target) / in_use : 0.0;
            for (Eigen::Index c = 0; c < m; ++c) {
                oc(m, c) += f * sc(m, c);
                sc.block(m, c, N - m, 1) *= 1.0 - f;
            }
        }
        s.inflow[static_cast<std::size_t>(m)] = inflow;
        for (Eigen::Index t = m; t < N; ++t) sc(t, m) = inflow * survival[static_cast<std::size_t>(t - m)];
        oc(m, m) = inflow * (1.0 - s0);
    }
    for (Eigen::Index t = 0; t < N; ++t) {
        s.outflow[static_cast<std::size_t>(t)] = oc.row(t).sum();
        s.stock[static_cast<std::size_t>(t)] = sc.row(t).sum();
    }
    if (outflow_cohort) *outflow_cohort = std::move(oc);
    return s;
}

Eigen::MatrixXd stock_by_cohort(const std::vector<double>& inflow, const std::vector<double>& survival)
{
    const auto n = static_cast<Eigen::Index>(inflow.size());
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index c = 0; c < n; ++c)
        for (Eigen::Index t = c; t < n; ++t)
            m(t, c) = inflow[static_cast<std::size_t>(c)] * survival[static_cast<std::size_t>(t - c)];
    return m;
}

Eigen::MatrixXd outflow_by_cohort(const std::vector<double>& inflow, const std::vector<double>& survival)
{
    const auto n = static_cast<Eigen::Index>(inflow.size());
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index c = 0; c < n; ++c) {
        for (Eigen::Index t = c; t < n; ++t) {
            auto a = static_cast<std::size_t>(t - c);
            m(t, c) = inflow[static_cast<std::size_t>(c)] * ((a == 0 ? 1.0 : survival[a - 1]) - survival[a]);
        }
    }
    return m;
}

void check_stock_balance(const StockSeries& s, const std::string& what)
{
    double in = 0.0, out = 0.0;
    for (double v : s.inflow) in += v;
    for (double v : s.outflow) out += v;
    double final_stock = s.stock.empty() ? 0.0 : s.stock.back();
    double residual = in - final_stock - out;
    if (std::abs(residual) > kStockBalanceTolerance * std::max(std::abs(in), 1e-300)) {
        throw BalanceError(fmt::format("stock model of {}: inflows {} != final stock {} + outflows {} (residual {:.3g})",
                                       what, in, final_stock, out, residual));
    }
}

}  // namespace reclaim
