#include "engine/results.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace reclaim {

namespace {

// part / whole, NaN where the whole is not positive (the ratio is undefined).
double ratio(double part, double whole) { return whole > 0.0 ? part / whole : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

double ScenarioResult::recycled_share(std::size_t element, int t) const
{
    const auto e = static_cast<Eigen::Index>(element);
    return ratio(recovered_eol_kg(e, t) + recovered_scrap_kg(e, t), demand_kg(e, t));
}

double ScenarioResult::eol_rr(std::size_t element, int t) const
{
    const auto e = static_cast<Eigen::Index>(element);
    return ratio(recovered_eol_kg(e, t), eol_kg(e, t));
}

double ScenarioResult::eol_rir(std::size_t element, int t) const
{
    const auto e = static_cast<Eigen::Index>(element);
    return ratio(recovered_eol_kg(e, t), demand_kg(e, t));
}

double ScenarioResult::old_scrap_ratio(std::size_t element, int t) const
{
    const auto e = static_cast<Eigen::Index>(element);
    return ratio(recovered_eol_kg(e, t), recovered_eol_kg(e, t) + recovered_scrap_kg(e, t));
}

std::vector<UsedParam> used_params(const ParamTable& table, std::vector<ParamId> ids)
{
    std::erase_if(ids, [&](ParamId id) { return !id.valid() || id.index >= table.size(); });
    std::sort(ids.begin(), ids.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<UsedParam> out;
    out.reserve(ids.size());
    for (ParamId id : ids) out.push_back(UsedParam{id, table[id], table.origin(id)});
    std::stable_sort(out.begin(), out.end(), [](const UsedParam& a, const UsedParam& b) {
        return std::tie(a.origin.file, a.origin.line, a.origin.column) <
               std::tie(b.origin.file, b.origin.line, b.origin.column);
    });
    return out;
}

}  // namespace reclaim
