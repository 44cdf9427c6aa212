#include "model/scenario.hpp"

namespace reclaim {

double Series::at(int year) const
{
    if (points.empty()) return 0.0;
    if (year <= points.front().year) return points.front().value;
    if (year >= points.back().year) return points.back().value;
    std::size_t hi = 1;
    while (points[hi].year < year) ++hi;
    const SeriesPoint& a = points[hi - 1];
    const SeriesPoint& b = points[hi];
    double w = static_cast<double>(year - a.year) / static_cast<double>(b.year - a.year);
    return a.value + w * (b.value - a.value);
}

const char* survival_name(SurvivalConvention s)
{
    return s == SurvivalConvention::Middle ? "middle" : "end";
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
