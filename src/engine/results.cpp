#include "engine/results.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace reclaim {

double ScenarioResult::recycled_share(std::size_t element, int t) const
{
    const double d = demand_kg(static_cast<Eigen::Index>(element), t);
    if (d <= 0.0) return std::numeric_limits<double>::quiet_NaN();
    return (recovered_eol_kg(static_cast<Eigen::Index>(element), t) +
            recovered_scrap_kg(static_cast<Eigen::Index>(element), t)) /
           d;
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
