#include "engine/evaluate/share_sets.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace reclaim {

std::size_t ShareSets::balance(ParamValues& values) const
{
    std::size_t n = 0;
    for (const auto& set : must_sum_to_one) {
        double others = 0.0;
        for (std::size_t k = 1; k < set.size(); ++k) others += std::max(0.0, values[set[k].index]);
        double& absorber = values[set[0].index];
        if (std::abs(std::max(0.0, absorber) + others - 1.0) <= 1e-12) continue;
        ++n;
        if (others <= 1.0) absorber = 1.0 - others;
    }
    for (const auto& set : at_most_one) {
        double sum = 0.0;
        for (ParamId id : set) sum += std::clamp(values[id.index], 0.0, 1.0);
        n += sum > 1.0 + 1e-12 ? 1 : 0;
    }
    return n;
}

ShareSets share_sets(const Model& model, const ParamTable& table, const std::vector<std::size_t>& routes,
                     const std::vector<std::size_t>& materials, const std::vector<std::size_t>& plans)
{
    ShareSets out;
    auto ranged = [&](const std::vector<ParamId>& set) {
        return std::any_of(set.begin(), set.end(), [&](ParamId id) { return table[id].ranged(); });
    };
    auto add = [&](std::vector<std::vector<ParamId>>& to, std::vector<ParamId> set) {
        if (ranged(set)) to.push_back(std::move(set));
    };
    // The absorbing row first: the largest fixed share, else the largest share.
    auto absorber_first = [&](std::vector<ParamId> set) {
        auto better = [&](ParamId a, ParamId b) {
            const Param& pa = table[a];
            const Param& pb = table[b];
            if (pa.ranged() != pb.ranged()) return !pa.ranged();
            return pa.value > pb.value;
        };
        if (!set.empty()) std::iter_swap(set.begin(), std::min_element(set.begin(), set.end(), better));
        return set;
    };
    auto ids = [](const std::vector<Transfer>& ts) {
        std::vector<ParamId> v;
        for (const auto& t : ts) v.push_back(t.share);
        return v;
    };
    for (auto r : routes) {
        for (const auto& p : model.routes[r].processes) {
            if (!p.fallback.empty()) add(out.must_sum_to_one, absorber_first(ids(p.fallback)));
            // Element rows in element order, so the list is the same on every run.
            std::vector<std::size_t> elements;
            for (const auto& [e, ts] : p.by_element) elements.push_back(e);
            std::sort(elements.begin(), elements.end());
            for (auto e : elements) add(out.must_sum_to_one, absorber_first(ids(p.by_element.at(e))));
        }
    }
    for (auto m : materials) {
        const Material& mat = model.materials[m];
        if (!mat.formula.empty() || mat.components.empty()) continue;
        std::vector<ParamId> set;
        bool balance = false;
        for (const auto& k : mat.components) {
            if (k.balance) balance = true;
            else set.push_back(k.fraction);
        }
        if (balance) add(out.at_most_one, std::move(set));
        else add(out.must_sum_to_one, absorber_first(std::move(set)));
    }
    for (auto plan : plans) {
        // One set per class, and one per (product, class) for a plan's product rows.
        std::map<std::pair<std::size_t, std::size_t>, std::vector<ParamId>> by_row;
        for (const auto& s : model.plans[plan].shares) by_row[{s.product, s.treatment_class}].push_back(s.share);
        for (auto& [key, set] : by_row) add(out.at_most_one, std::move(set));
    }
    return out;
}

}  // namespace reclaim
