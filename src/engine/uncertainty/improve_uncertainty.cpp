#include "engine/uncertainty/improve_uncertainty.hpp"

#include <algorithm>
#include <memory>
#include <set>

namespace reclaim {

namespace {

// The union of several questions' share sets, each set once.
ShareSets merged(const std::vector<ShareSets>& all)
{
    auto key = [](const std::vector<ParamId>& set) {
        std::vector<std::uint32_t> k;
        for (auto id : set) k.push_back(id.index);
        return k;
    };
    ShareSets out;
    std::set<std::vector<std::uint32_t>> seen_sum, seen_most;
    for (const auto& s : all) {
        for (const auto& set : s.must_sum_to_one)
            if (seen_sum.insert(key(set)).second) out.must_sum_to_one.push_back(set);
        for (const auto& set : s.at_most_one)
            if (seen_most.insert(key(set)).second) out.at_most_one.push_back(set);
    }
    return out;
}

}  // namespace

ImproveSampling improve_uncertainty(const Model& model, Improvement& imp, const MonteCarloOptions& mc)
{
    // Question 0 is the baseline; then each change assessed in the data's parameter table.
    std::vector<AssessQuestion> questions{AssessQuestion(model, imp.options)};
    std::vector<std::size_t> change_of{npos};
    for (std::size_t k = 0; k < imp.changes.size(); ++k) {
        const DesignTrial& t = imp.trials[k];
        if (!t.same_table) continue;
        questions.emplace_back(*t.model, t.options);
        change_of.push_back(k);
    }
    std::vector<ParamId> used;
    std::vector<ShareSets> sets;
    for (const auto& q : questions) {
        used.insert(used.end(), q.params().begin(), q.params().end());
        sets.push_back(q.share_sets());
    }
    std::sort(used.begin(), used.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    used.erase(std::unique(used.begin(), used.end(), [](ParamId a, ParamId b) { return a.index == b.index; }),
               used.end());
    const Sampler sampler = make_sampler(model.params, used, merged(sets), mc);

    // Outputs: per change, its gain and whether it is positive (the mean of that is P(gain > 0)).
    const std::size_t n = questions.size() - 1;
    const std::vector<std::size_t> critical = imp.options.critical;
    const ImproveMeasure measure = imp.measure;
    WorkerFactory factory = [&]() -> SampleFn {
        auto qs = std::make_shared<std::vector<AssessQuestion>>(questions);
        return [qs, n, critical, measure](const ParamValues& values, std::span<double> out) {
            const double base = improve_score((*qs)[0].evaluate(values, Detail::Headline), critical, measure);
            for (std::size_t i = 0; i < n; ++i) {
                const Assessment a = (*qs)[i + 1].evaluate(values, Detail::Headline);
                const double gain = improve_score(a, (*qs)[i + 1].options().critical, measure) - base;
                out[2 * i] = gain;
                out[2 * i + 1] = gain > 0 ? 1.0 : 0.0;
            }
        };
    };
    MonteCarloResult r = run_monte_carlo(sampler, 2 * n, {}, factory, mc);
    for (std::size_t i = 0; i < n; ++i) {
        DesignChange& c = imp.changes[change_of[i + 1]];
        c.gain_samples = r.summaries[2 * i];
        c.probability_positive = r.summaries[2 * i + 1].mean;
    }
    ImproveSampling s;
    s.samples = r.samples;
    s.seed = mc.seed;
    s.given = mc.given != nullptr;
    s.ranged_params = sampler.sampled().size();
    s.adjustments = r.adjustments;
    return s;
}

}  // namespace reclaim
