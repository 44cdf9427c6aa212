#include "model/scenario.hpp"

#include <cmath>

namespace reclaim {

Series::Weights Series::weights(int year) const
{
    const std::size_t last = points.size() - 1;
    if (year <= points.front().year) return {0, 0, 0.0};
    if (year >= points.back().year) return {last, last, 0.0};
    std::size_t hi = 1;
    while (points[hi].year < year) ++hi;
    if (points[hi].year == year) return {hi, hi, 0.0};  // a listed point is returned exactly
    const SeriesPoint& a = points[hi - 1];
    const SeriesPoint& b = points[hi];
    return {hi - 1, hi, static_cast<double>(year - a.year) / static_cast<double>(b.year - a.year)};
}

double Series::value(const Weights& k, const ParamValues& values) const
{
    const double a = values[points[k.a].value.index];
    // std::lerp is exact at its ends and stays within [a, b]; a + w * (b - a) is neither.
    return k.w == 0.0 ? a : std::lerp(a, values[points[k.b].value.index], k.w);
}

double Series::at(int year, const ParamValues& values) const
{
    return points.empty() ? 0.0 : value(weights(year), values);
}

const char* survival_name(SurvivalConvention s)
{
    return s == SurvivalConvention::Middle ? "middle" : "end";
}

const char* demand_basis_name(DemandBasis b)
{
    return b == DemandBasis::PutOnMarket ? "put_on_market" : "demand_file";
}

std::size_t Scenario::plan_in(int year) const
{
    std::size_t p = plan;
    for (const auto& s : plan_switches)
        if (s.from <= year) p = s.plan;
    return p;
}

const Lifetime* Scenario::lifetime_of(const Model& model, std::size_t product) const
{
    for (const auto& l : lifetimes)
        if (l.product == product) return &l;
    return model.lifetime_of(product);
}

}  // namespace reclaim
