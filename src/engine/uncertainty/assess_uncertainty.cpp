#include "engine/uncertainty/assess_uncertainty.hpp"

#include <algorithm>
#include <memory>

namespace reclaim {

AssessUncertainty assess_uncertainty(const Model& model, const AssessOptions& options, const MonteCarloOptions& mc,
                                     std::optional<std::size_t> sensitivity_element, std::size_t top)
{
    AssessQuestion question(model, options);
    const Assessment nominal = question.evaluate(model.params.nominal(), Detail::Headline);
    const Sampler sampler = make_sampler(model.params, question.params(), question.share_sets(), mc);
    AssessUncertainty u;
    u.seed = mc.seed;
    u.given = mc.given != nullptr;
    u.ranged_params = sampler.sampled().size();
    for (auto e : question.elements())
        if (nominal.contained_kg[static_cast<Eigen::Index>(e)] > 0) u.elements.push_back(e);
    const std::size_t n = u.elements.size();
    std::optional<std::size_t> tornado_output;
    if (sensitivity_element) {
        auto it = std::find(u.elements.begin(), u.elements.end(), *sensitivity_element);
        if (it == u.elements.end())
            throw LookupError("--sensitivity " + model.elements[*sensitivity_element].symbol +
                              ": the product contains no " + model.elements[*sensitivity_element].symbol);
        tornado_output = static_cast<std::size_t>(it - u.elements.begin());
    }
    // Outputs: recovered_kg per element, recovery_rate per element, recyclability rate, value.
    const std::size_t outputs = 2 * n + 2;
    auto write = [n, &u](const Assessment& a, std::span<double> out) {
        for (std::size_t i = 0; i < n; ++i) {
            const auto e = static_cast<Eigen::Index>(u.elements[i]);
            out[i] = a.recovered_kg[e];
            out[n + i] = a.recovery_rate[e];
        }
        out[2 * n] = a.recyclability_rate;
        out[2 * n + 1] = a.value_usd;
    };
    WorkerFactory factory = [&]() -> SampleFn {
        auto q = std::make_shared<AssessQuestion>(question);
        return [q, write](const ParamValues& values, std::span<double> out) {
            write(q->evaluate(values, Detail::Headline), out);
        };
    };
    std::vector<std::size_t> keep;
    if (tornado_output) keep.push_back(*tornado_output);
    MonteCarloResult r = run_monte_carlo(sampler, outputs, keep, factory, mc);
    u.samples = r.samples;
    u.adjustments = r.adjustments;
    for (std::size_t i = 0; i < n; ++i) {
        u.recovered_kg.push_back(r.summaries[i]);
        u.recovery_rate.push_back(r.summaries[n + i]);
    }
    u.recyclability_rate = r.summaries[2 * n];
    u.value_usd = r.summaries[2 * n + 1];

    if (tornado_output) {
        const auto e = static_cast<Eigen::Index>(*sensitivity_element);
        Sensitivity s;
        s.output = model.elements[*sensitivity_element].symbol + " recovered_kg";
        s.nominal = nominal.recovered_kg[e];
        s.bars = tornado(sampler, question.params(), [&](const ParamValues& v) {
            return question.evaluate(v, Detail::Headline).recovered_kg[e];
        }, top);
        const std::vector<double>& y = r.column(*tornado_output);
        for (auto& b : s.bars) b.first_order = first_order_index(sampler, b.param, y);
        u.sensitivity = std::move(s);
    }
    return u;
}

}  // namespace reclaim
