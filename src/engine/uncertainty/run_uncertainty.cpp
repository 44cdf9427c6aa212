#include "engine/uncertainty/run_uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "core/error.hpp"
#include "engine/questions/targets.hpp"

namespace reclaim {

RunUncertainty run_uncertainty(const Model& model, const Scenario& sc, const MonteCarloOptions& mc,
                               std::optional<RunOutput> sensitivity, std::size_t top)
{
    std::vector<bool> keep(model.elements.size(), false);
    for (auto e : demanded_elements(model, sc)) keep[e] = true;
    for (const auto& t : sc.targets) keep[t.element] = true;
    RunUncertainty u;
    for (std::size_t e = 0; e < keep.size(); ++e)
        if (keep[e]) u.elements.push_back(e);
    const std::size_t n_el = u.elements.size();
    const auto nt = static_cast<std::size_t>(sc.years());
    auto local = [&](std::size_t element) {
        return static_cast<std::size_t>(std::find(u.elements.begin(), u.elements.end(), element) - u.elements.begin());
    };

    ScenarioQuestion question(model, sc, Detail::Headline, u.elements);
    const Sampler sampler = make_sampler(sc.params, question.params(), question.share_sets(), mc);
    u.seed = mc.seed;
    u.given = mc.given != nullptr;
    u.first_year = sc.first_year;
    u.n_years = sc.years();
    u.ranged_params = sampler.sampled().size();
    // The value's year, as the deterministic headline (value_headline_year in the report layer).
    u.value_year = sc.targets.empty() ? sc.last_year : sc.targets.front().year;
    const auto value_t = static_cast<Eigen::Index>(u.value_year - sc.first_year);

    // Outputs: recovered (element, year), then the recycled share (element, year), row-major by
    // element; one met flag per target; the value in value_year.
    const std::size_t share0 = n_el * nt, met0 = 2 * n_el * nt, value_out = met0 + sc.targets.size();
    const std::size_t outputs = value_out + 1;
    auto write = [&, n_el, nt](const ScenarioResult& r, std::span<double> out) {
        for (std::size_t i = 0; i < n_el; ++i) {
            for (std::size_t t = 0; t < nt; ++t) {
                out[i * nt + t] = r.recovered_eol_kg(static_cast<Eigen::Index>(u.elements[i]), static_cast<Eigen::Index>(t)) +
                                  r.recovered_scrap_kg(static_cast<Eigen::Index>(u.elements[i]), static_cast<Eigen::Index>(t));
                out[share0 + i * nt + t] = r.recycled_share(u.elements[i], static_cast<int>(t));
            }
        }
        for (std::size_t k = 0; k < sc.targets.size(); ++k) {
            const Target& target = sc.targets[k];
            out[met0 + k] = meets_target(r.recycled_share(target.element, target.year - sc.first_year), target.share) ? 1.0 : 0.0;
        }
        out[value_out] = r.value_usd[value_t];
    };
    std::optional<std::size_t> tornado_output;
    if (sensitivity) {
        const std::size_t i = local(sensitivity->element);
        if (i >= n_el)
            throw ScenarioError("--sensitivity: the scenario has no demand for " + model.elements[sensitivity->element].symbol);
        tornado_output = share0 + i * nt + static_cast<std::size_t>(sensitivity->year - sc.first_year);
    }
    WorkerFactory factory = [&]() -> SampleFn {
        auto q = std::make_shared<ScenarioQuestion>(question);
        return [q, write](const ParamValues& values, std::span<double> out) { write(q->evaluate(values), out); };
    };
    // Every target's share is kept too: its own tornado's first-order indices need the samples.
    std::vector<std::size_t> kept;
    auto keep_column = [&kept](std::size_t output) {
        if (std::find(kept.begin(), kept.end(), output) == kept.end()) kept.push_back(output);
    };
    if (tornado_output) keep_column(*tornado_output);
    auto target_output = [&](const Target& target) {
        return share0 + local(target.element) * nt + static_cast<std::size_t>(target.year - sc.first_year);
    };
    for (const auto& target : sc.targets) keep_column(target_output(target));
    MonteCarloResult r = run_monte_carlo(sampler, outputs, kept, factory, mc);
    u.samples = r.samples;
    u.adjustments = r.adjustments;
    u.recovered_kg.assign(n_el, {});
    u.recycled_share.assign(n_el, {});
    for (std::size_t i = 0; i < n_el; ++i)
        for (std::size_t t = 0; t < nt; ++t) {
            u.recovered_kg[i].push_back(r.summaries[i * nt + t]);
            u.recycled_share[i].push_back(r.summaries[share0 + i * nt + t]);
        }
    for (std::size_t k = 0; k < sc.targets.size(); ++k) {
        const Target& target = sc.targets[k];
        const std::size_t i = local(target.element), t = static_cast<std::size_t>(target.year - sc.first_year);
        TargetUncertainty tu;
        tu.target = k;
        tu.recovered_kg = u.recovered_kg[i][t];
        tu.recycled_share = u.recycled_share[i][t];
        tu.probability_met = r.summaries[met0 + k].mean;
        u.targets.push_back(tu);
    }
    // Each target's tornado: every ranged parameter at its ends once, for all targets together.
    if (!sc.targets.empty()) {
        const std::vector<EndPoints> ends = one_at_a_time(sampler, question.params(), [&](const ParamValues& v) {
            const ScenarioResult& run = question.evaluate(v);
            std::vector<double> out;
            for (const auto& target : sc.targets) out.push_back(run.recycled_share(target.element, target.year - sc.first_year));
            return out;
        });
        const ScenarioResult& at_nominal = question.evaluate(sc.params.nominal());
        for (std::size_t k = 0; k < sc.targets.size(); ++k) {
            const Target& target = sc.targets[k];
            Sensitivity s;
            s.output = model.elements[target.element].symbol + " recycled_share " + std::to_string(target.year);
            s.nominal = at_nominal.recycled_share(target.element, target.year - sc.first_year);
            s.bars = tornado_of(sc.params, ends, k, top);
            const std::vector<double>& y = r.column(target_output(target));
            for (auto& b : s.bars) b.first_order = first_order_index(sampler, b.param, y);
            u.targets[k].sensitivity = std::move(s);
        }
    }
    u.value_usd = r.summaries[value_out];

    // The asked-for tornado is a target's when it is that target's share: no second pass.
    for (std::size_t k = 0; k < sc.targets.size() && tornado_output && !u.sensitivity; ++k)
        if (target_output(sc.targets[k]) == *tornado_output) u.sensitivity = u.targets[k].sensitivity;
    if (tornado_output && !u.sensitivity) {
        const std::size_t element = sensitivity->element;
        const int t = sensitivity->year - sc.first_year;
        Sensitivity s;
        s.output = model.elements[element].symbol + " recycled_share " + std::to_string(sensitivity->year);
        s.nominal = question.evaluate(sc.params.nominal()).recycled_share(element, t);
        s.bars = tornado(sampler, question.params(),
                         [&](const ParamValues& v) { return question.evaluate(v).recycled_share(element, t); }, top);
        const std::vector<double>& y = r.column(*tornado_output);
        for (auto& b : s.bars) b.first_order = first_order_index(sampler, b.param, y);
        u.sensitivity = std::move(s);
    }
    return u;
}

}  // namespace reclaim
