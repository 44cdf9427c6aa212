#include "engine/uncertainty/target_flips.hpp"

#include <algorithm>
#include <cmath>

#include "engine/questions/scenario.hpp"
#include "engine/uncertainty/runner.hpp"
#include "engine/uncertainty/sensitivity.hpp"

namespace reclaim {

void add_target_flips(const Model& model, const Scenario& scenario, std::vector<TargetAnalysis>& targets)
{
    if (scenario.targets.empty()) return;
    std::vector<std::size_t> elements;
    for (const auto& t : scenario.targets)
        if (std::find(elements.begin(), elements.end(), t.element) == elements.end()) elements.push_back(t.element);
    ScenarioQuestion question(model, scenario, Detail::Headline, elements);
    const Sampler sampler = make_sampler(scenario.params, question.params(), question.share_sets(), MonteCarloOptions{});
    auto shares = [&](const ParamValues& values) {
        const ScenarioResult& r = question.evaluate(values);
        std::vector<double> out;
        for (const auto& t : scenario.targets) out.push_back(r.recycled_share(t.element, t.year - scenario.first_year));
        return out;
    };
    const std::vector<EndPoints> ends = one_at_a_time(sampler, question.params(), shares);
    for (std::size_t k = 0; k < targets.size() && k < scenario.targets.size(); ++k) {
        TargetAnalysis& a = targets[k];
        const Target& target = scenario.targets[k];
        a.flips.clear();
        for (const EndPoints& e : ends) {
            for (bool high : {false, true}) {
                const double share = high ? e.at_high[k] : e.at_low[k];
                const bool met = meets_target(share, target.share);
                if (met == a.status.met) continue;
                a.flips.push_back(TargetFlip{e.param, scenario.params[e.param], scenario.params.origin(e.param), high,
                                             high ? e.high : e.low, share, met});
            }
        }
        const double nominal = a.status.achieved_share;
        std::stable_sort(a.flips.begin(), a.flips.end(), [nominal](const TargetFlip& x, const TargetFlip& y) {
            return std::abs(x.achieved_share - nominal) > std::abs(y.achieved_share - nominal);
        });
    }
}

}  // namespace reclaim
