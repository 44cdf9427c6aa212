#include "engine/assess_uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/flatten.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;
Ix ix(std::size_t i) { return static_cast<Ix>(i); }

std::vector<std::size_t> routes_of(const Model& model, const AssessOptions& o)
{
    if (o.route != npos) return {o.route};
    std::vector<std::size_t> out;
    for (const auto& s : model.plans[o.plan].shares) out.push_back(s.route);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The ranged parameters among `ids`, each once, in parameter order.
std::vector<ParamId> ranged_of(const ParamTable& table, std::vector<ParamId> ids)
{
    std::erase_if(ids, [&](ParamId id) { return !id.valid() || !table[id].ranged(); });
    std::sort(ids.begin(), ids.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

// The recovered forms of `routes`, each name once, in order of first appearance.
std::vector<std::string> forms_of(const Model& model, const std::vector<std::size_t>& routes)
{
    std::vector<std::string> out;
    for (auto r : routes)
        for (const auto& s : model.routes[r].sinks)
            if (is_recovered_sink(s) && std::find(out.begin(), out.end(), s.substr(10)) == out.end())
                out.push_back(s.substr(10));  // after "recovered:"
    return out;
}

}  // namespace

AssessHeadline::AssessHeadline(const Model& model, const AssessOptions& options)
    : model_(&model), options_(options), elements_(elements_of(model, {options.product})),
      routes_(routes_of(model, options)), contents_(model, {options.product}, elements_),
      valuer_(model, forms_of(model, routes_), material_compositions(model, model.params.nominal()))
{
    if (auto problems = options.problems(model); !problems.empty()) {
        std::string msg = "invalid assessment options: ";
        for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
        throw std::invalid_argument(msg);
    }
    const Product& product = model.products[options.product];
    if (!options.amount.is_total_mass() && product.unit->dim != options.amount.dimension()) {
        throw UnitError(fmt::format("product '{}' is counted in {} (a {}); an amount in {} does not fit", product.id,
                                    product.unit->symbol, dimension_name(product.unit->dim),
                                    dimension_name(options.amount.dimension())));
    }
    std::vector<ParamId> ids = contents_.params();
    for (auto r : routes_) {
        route_kernels_.emplace_back(model, r, elements_);
        auto p = route_kernels_.back().params();
        ids.insert(ids.end(), p.begin(), p.end());
    }
    std::vector<std::size_t> plans;
    if (options.plan != npos) {
        plans.push_back(options.plan);
        for (const auto& s : model.plans[options.plan].shares) ids.push_back(s.share);
    }
    sets_ = share_sets(model, routes_, contents_.materials(), plans);
    shares_ = Eigen::MatrixXd::Zero(ix(model.classes.size()), ix(routes_.size()));
    recovered_ = contained_ = usd_per_element_kg_ = Eigen::VectorXd::Zero(ix(elements_.size()));
    // Value: each recovered sink of each route to its form, each form's kg weights on the kept
    // elements; per sample only the prices change.
    const auto forms = forms_of(model, routes_);
    for (auto r : routes_) {
        std::vector<std::size_t> sf;
        for (const auto& s : model.routes[r].sinks)
            sf.push_back(is_recovered_sink(s) ? static_cast<std::size_t>(
                                                    std::find(forms.begin(), forms.end(), s.substr(10)) - forms.begin())
                                              : npos);
        sink_form_.push_back(std::move(sf));
    }
    for (std::size_t f = 0; f < valuer_.size(); ++f) {
        Eigen::VectorXd all = form_kg_weights(valuer_.form(f)), kept(ix(elements_.size()));
        for (std::size_t i = 0; i < elements_.size(); ++i) kept[ix(i)] = all[ix(elements_[i])];
        form_kg_weights_.push_back(std::move(kept));
        if (const Price* p = valuer_.price(f)) {
            ids.push_back(p->usd_per_kg);
            ids.push_back(p->payable);
        }
    }
    ranged_ = ranged_of(model.params, std::move(ids));
}

std::size_t AssessHeadline::evaluate(const ParamValues& sampled)
{
    balanced_ = sampled;
    const std::size_t adjusted = sets_.balance(balanced_);
    const ParamValues& values = balanced_;
    const Model& model = *model_;
    contents_.evaluate(values);
    const Eigen::MatrixXd& content = contents_.content(options_.product);  // per FU
    const double mass_per_fu = content.sum();
    double fu = 0.0;
    if (options_.amount.is_total_mass()) {
        if (!(mass_per_fu > 0))
            throw UnitError("product '" + model.products[options_.product].id +
                            "' has no mass in its bill of materials; --mass cannot scale it");
        fu = options_.amount.base_value() / mass_per_fu;
    } else {
        fu = options_.amount.base_value() / model.products[options_.product].unit->to_base;
    }
    // plan_shares() (plan.cpp) on the routes of the plan: clamped, a row above 1 scaled to 1.
    shares_.setZero();
    if (options_.plan != npos) {
        for (const auto& s : model.plans[options_.plan].shares) {
            auto r = std::lower_bound(routes_.begin(), routes_.end(), s.route) - routes_.begin();
            shares_(ix(s.treatment_class), r) += std::clamp(values[s.share.index], 0.0, 1.0);
        }
        for (Ix c = 0; c < shares_.rows(); ++c) {
            const double sum = shares_.row(c).sum();
            if (sum > 1.0) shares_.row(c) /= sum;
        }
    } else {
        shares_.col(0).setOnes();
    }
    contained_ = fu * content.colwise().sum().transpose();
    recovered_.setZero();
    value_ = 0.0;
    const double scale = options_.collection * fu;
    for (std::size_t k = 0; k < routes_.size(); ++k) {
        // A route that receives nothing is not solved, as in assess().
        double feed = 0.0;
        for (Ix c = 0; c < shares_.rows(); ++c) feed += shares_(c, ix(k)) * content.row(c).sum();
        if (!(scale * feed > 0)) continue;
        RouteKernel& rk = route_kernels_[k];
        rk.evaluate(values);
        Eigen::VectorXd class_feed = content.transpose() * shares_.col(ix(k));  // per element
        recovered_ += scale * class_feed.cwiseProduct(rk.recovered());
        usd_per_element_kg_.setZero();
        for (Ix s = 0; s < rk.sink_yield().cols(); ++s) {
            const std::size_t f = sink_form_[k][static_cast<std::size_t>(s)];
            if (f == npos || !valuer_.price(f)) continue;
            usd_per_element_kg_ += valuer_.usd_per_kg(f, values) * rk.sink_yield().col(s).cwiseProduct(form_kg_weights_[f]);
        }
        value_ += scale * class_feed.dot(usd_per_element_kg_);
    }
    const double mass = fu * mass_per_fu;
    recyclability_ = mass > 0 ? recovered_.sum() / mass : 0.0;
    return adjusted;
}

AssessUncertainty assess_uncertainty(const Model& model, const AssessOptions& options, MonteCarloOptions mc,
                                     std::optional<std::size_t> sensitivity_element, std::size_t top)
{
    AssessHeadline nominal(model, options);
    nominal.evaluate(model.params.nominal());
    AssessUncertainty u;
    u.samples = mc.samples;
    u.seed = mc.seed;
    u.ranged_params = nominal.ranged().size();
    std::vector<std::size_t> local;  // kernel column of each reported element
    for (std::size_t k = 0; k < nominal.elements().size(); ++k) {
        if (!(nominal.contained_kg()[ix(k)] > 0)) continue;
        u.elements.push_back(nominal.elements()[k]);
        local.push_back(k);
    }
    const std::size_t n = u.elements.size();
    // Outputs: recovered_kg per element, recovery_rate per element, recyclability rate, value.
    const std::size_t outputs = 2 * n + 2;
    mc.sampled = nominal.ranged();
    WorkerFactory factory = [&]() -> SampleFn {
        auto h = std::make_shared<AssessHeadline>(model, options);
        return [h, &local, n](const ParamValues& values, std::span<double> out) {
            std::size_t renormalised = h->evaluate(values);
            for (std::size_t i = 0; i < n; ++i) {
                const double rec = h->recovered_kg()[ix(local[i])];
                const double con = h->contained_kg()[ix(local[i])];
                out[i] = rec;
                out[n + i] = con > 0 ? rec / con : 0.0;
            }
            out[2 * n] = h->recyclability_rate();
            out[2 * n + 1] = h->value_usd();
            return renormalised;
        };
    };
    MonteCarloResult r = run_monte_carlo(model.params, outputs, factory, mc);
    u.adjustments = r.adjustments;
    for (std::size_t i = 0; i < n; ++i) {
        u.recovered_kg.push_back(summarize(r.column(i)));
        u.recovery_rate.push_back(summarize(r.column(n + i)));
    }
    u.recyclability_rate = summarize(r.column(2 * n));
    u.value_usd = summarize(r.column(2 * n + 1));

    if (sensitivity_element) {
        auto it = std::find(u.elements.begin(), u.elements.end(), *sensitivity_element);
        if (it == u.elements.end())
            throw LookupError("--sensitivity " + model.elements[*sensitivity_element].symbol + ": the product contains no " +
                              model.elements[*sensitivity_element].symbol);
        const std::size_t i = static_cast<std::size_t>(it - u.elements.begin());
        AssessHeadline h(model, options);
        Sensitivity s;
        s.output = model.elements[*sensitivity_element].symbol + " recovered_kg";
        s.nominal = nominal.recovered_kg()[ix(local[i])];
        s.bars = tornado(model.params, nominal.ranged(), [&](const ParamValues& v) {
            h.evaluate(v);
            return h.recovered_kg()[ix(local[i])];
        }, top);
        const std::vector<double> y = r.column(i);
        for (auto& b : s.bars) b.first_order = first_order_index(model.params, b.param, mc.seed, y);
        u.sensitivity = std::move(s);
    }
    return u;
}

}  // namespace reclaim
