#include "engine/run_uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"
#include "engine/flatten.hpp"
#include "engine/stock_model.hpp"
#include "engine/targets.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;
Ix ix(std::size_t i) { return static_cast<Ix>(i); }

std::vector<ParamId> lifetime_params(const Lifetime& lt) { return {lt.mean, lt.sd, lt.shape, lt.scale}; }

bool any_ranged(const ParamTable& table, const std::vector<ParamId>& ids)
{
    return std::any_of(ids.begin(), ids.end(), [&](ParamId id) { return id.valid() && table[id].ranged(); });
}

// Routes that receive anything: those of the plans used and those of scrap.
std::vector<std::size_t> fed_routes(const Model& model, const PreparedScenario& p)
{
    std::vector<std::size_t> out;
    for (auto plan : p.plans_used)
        for (const auto& s : model.plans[plan].shares) out.push_back(s.route);
    for (const auto& s : p.scrap) out.push_back(s.flow->route);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::size_t> scrap_materials(const PreparedScenario& p)
{
    std::vector<std::size_t> out;
    for (const auto& s : p.scrap)
        if (s.flow->kind == ScrapFlow::Kind::Material) out.push_back(s.flow->item);
    return out;
}

// `elements`, then (with_value) every other element the products or scrap can contain that a fed
// route can send into a priced form: the value needs them even where nothing demands them.
std::vector<std::size_t> kept_elements(const Model& model, const PreparedScenario& p, std::vector<std::size_t> elements,
                                       bool with_value)
{
    if (!with_value) return elements;
    std::vector<bool> present(model.elements.size(), false);
    const ContentKernel reached(model, p.products, {}, scrap_materials(p));
    for (auto m : reached.materials()) {
        for (auto [e, f] : model.materials[m].formula_fractions) present[e] = true;
        for (const auto& k : model.materials[m].components)
            if (k.kind == Component::Kind::Element) present[k.index] = true;
    }
    for (const auto& s : p.scrap)
        if (s.flow->kind == ScrapFlow::Kind::Element) present[s.flow->item] = true;
    FormValuer valuer(model, p.forms, material_compositions(model, model.params.nominal()));
    std::vector<bool> priced(model.elements.size(), false);
    for (auto r : fed_routes(model, p))
        for (auto f : p.sink_form[r]) {
            if (f == npos || !valuer.price(f)) continue;
            const Eigen::VectorXd w = form_kg_weights(valuer.form(f));
            for (std::size_t e = 0; e < priced.size(); ++e)
                if (w[ix(e)] != 0.0) priced[e] = true;
        }
    for (std::size_t e = 0; e < priced.size(); ++e)
        if (priced[e] && present[e] && std::find(elements.begin(), elements.end(), e) == elements.end())
            elements.push_back(e);
    return elements;
}

}  // namespace

ScenarioHeadline::ScenarioHeadline(const Model& model, const PreparedScenario& p, std::vector<std::size_t> elements,
                                   bool with_value)
    : model_(&model), prepared_(&p), reported_(elements.size()),
      elements_(kept_elements(model, p, std::move(elements), with_value)),
      contents_(model, p.products, elements_, scrap_materials(p)), routes_(fed_routes(model, p))
{
    const Scenario& sc = *p.scenario;
    std::vector<ParamId> ids = contents_.params();
    for (auto r : routes_) {
        route_kernels_.emplace_back(model, r, elements_);
        auto rp = route_kernels_.back().params();
        ids.insert(ids.end(), rp.begin(), rp.end());
    }
    for (auto plan : p.plans_used)
        for (const auto& s : model.plans[plan].shares) ids.push_back(s.share);
    for (std::size_t k = 0; k < p.products.size(); ++k) {
        const Lifetime* lt = sc.lifetime_of(model, p.products[k]);
        if (!lt) throw ScenarioError("product '" + model.products[p.products[k]].id + "' has no lifetime");
        auto lp = lifetime_params(*lt);
        lifetime_ranged_.push_back(any_ranged(model.params, lp));
        ids.insert(ids.end(), lp.begin(), lp.end());
    }
    std::erase_if(ids, [&](ParamId id) { return !id.valid() || !model.params[id].ranged(); });
    std::sort(ids.begin(), ids.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    ranged_ = std::move(ids);
    if (with_value) {
        valuer_.emplace(model, p.forms, material_compositions(model, model.params.nominal()));
        std::vector<ParamId> prices;
        for (std::size_t f = 0; f < valuer_->size(); ++f) {
            const Eigen::VectorXd all = form_kg_weights(valuer_->form(f));
            Eigen::VectorXd kept(ix(elements_.size()));
            for (std::size_t i = 0; i < elements_.size(); ++i) kept[ix(i)] = all[ix(elements_[i])];
            form_weights_.push_back(std::move(kept));
            if (const Price* price = valuer_->price(f)) {
                prices.push_back(price->usd_per_kg);
                prices.push_back(price->payable);
            }
        }
        for (auto r : routes_) sink_form_.push_back(p.sink_form[r]);
        std::erase_if(prices, [&](ParamId id) {
            return !id.valid() || !model.params[id].ranged() ||
                   std::binary_search(ranged_.begin(), ranged_.end(), id,
                                      [](ParamId a, ParamId b) { return a.index < b.index; });
        });
        std::sort(prices.begin(), prices.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
        prices.erase(std::unique(prices.begin(), prices.end()), prices.end());
        ranged_prices_ = std::move(prices);
        route_usd_.assign(routes_.size(), Eigen::VectorXd::Zero(ix(elements_.size())));
        class_usd_ = Eigen::MatrixXd::Zero(ix(model.classes.size()), ix(elements_.size()));
        value_per_unit_.assign(model.plans.size(), Eigen::VectorXd());
        for (auto plan : p.plans_used) value_per_unit_[plan] = Eigen::VectorXd::Zero(ix(p.products.size()));
        value_usd_ = Eigen::VectorXd::Zero(p.n_years);
    }
    sets_ = share_sets(model, routes_, contents_.materials(), p.plans_used);
    shares_ = Eigen::MatrixXd::Zero(ix(model.classes.size()), ix(routes_.size()));
    per_unit_.assign(model.plans.size(), Eigen::MatrixXd());
    // The elements kept for the value only have no recovered mass to report: not computed.
    for (auto plan : p.plans_used) per_unit_[plan] = Eigen::MatrixXd::Zero(ix(p.products.size()), ix(reported_));
    recovered_ = Eigen::MatrixXd::Zero(ix(reported_), p.n_years);
    // Survival curves and outflows depend on lifetimes only: computed here, once, for every
    // product whose lifetime has no range, and per sample for the others.
    collected_units_ = Eigen::MatrixXd::Zero(ix(p.products.size()), p.n_years);
    outflows(model.params.nominal(), false);
}

void ScenarioHeadline::outflows(const ParamValues& values, bool only_ranged)
{
    const PreparedScenario& p = *prepared_;
    const Scenario& sc = *p.scenario;
    std::vector<double> inflow(static_cast<std::size_t>(p.n_years));
    for (std::size_t k = 0; k < p.products.size(); ++k) {
        if (only_ranged && !lifetime_ranged_[k]) continue;
        const Lifetime* lt = sc.lifetime_of(*model_, p.products[k]);
        auto survival = survival_curve(lifetime_values(*lt, values), sc.survival, static_cast<std::size_t>(p.n_years));
        for (Ix t = 0; t < p.n_years; ++t) inflow[static_cast<std::size_t>(t)] = p.inflow(ix(k), t);
        StockSeries s = run_stock_model(inflow, survival);
        for (Ix t = 0; t < p.n_years; ++t)
            collected_units_(ix(k), t) = p.collection(ix(k), t) * s.outflow[static_cast<std::size_t>(t)];
    }
}

std::size_t ScenarioHeadline::evaluate(const ParamValues& sampled)
{
    balanced_ = sampled;
    const std::size_t adjusted = sets_.balance(balanced_);
    const ParamValues& values = balanced_;
    const Model& model = *model_;
    const PreparedScenario& p = *prepared_;
    if (std::find(lifetime_ranged_.begin(), lifetime_ranged_.end(), true) != lifetime_ranged_.end())
        outflows(values, true);
    contents_.evaluate(values);
    for (auto& rk : route_kernels_) rk.evaluate(values);
    if (valuer_) {
        // What 1 kg of each kept element fed to each route is worth: its yield into each priced
        // form's sink x kg of form per kg of element x price x payable (as AssessHeadline).
        for (std::size_t r = 0; r < routes_.size(); ++r) {
            Eigen::VectorXd& usd = route_usd_[r];
            usd.setZero();
            const Eigen::MatrixXd& y = route_kernels_[r].sink_yield();
            for (Ix s = 0; s < y.cols(); ++s) {
                const std::size_t f = sink_form_[r][static_cast<std::size_t>(s)];
                if (f == npos || !valuer_->price(f)) continue;
                usd += valuer_->usd_per_kg(f, values) * y.col(s).cwiseProduct(form_weights_[f]);
            }
        }
    }
    // Per plan: kg recovered of each element per functional unit of each product collected,
    // sum over classes c and routes r of content(c, e) x share(c, r) x recovered_r(e). Every
    // year of the plan is then one products-by-elements product, and no year needs a route.
    for (auto plan : p.plans_used) {
        shares_.setZero();
        for (const auto& s : model.plans[plan].shares) {
            auto r = std::lower_bound(routes_.begin(), routes_.end(), s.route) - routes_.begin();
            shares_(ix(s.treatment_class), r) += std::clamp(values[s.share.index], 0.0, 1.0);
        }
        for (Ix c = 0; c < shares_.rows(); ++c) {
            const double sum = shares_.row(c).sum();
            if (sum > 1.0) shares_.row(c) /= sum;
        }
        Eigen::MatrixXd& z = per_unit_[plan];
        z.setZero();
        if (valuer_) {
            // USD per kg of each element in each class, over the routes the plan shares it to;
            // then per FU of each product, its content weighted by that.
            class_usd_.setZero();
            for (std::size_t r = 0; r < routes_.size(); ++r)
                for (Ix c = 0; c < shares_.rows(); ++c)
                    if (shares_(c, ix(r)) != 0.0) class_usd_.row(c) += shares_(c, ix(r)) * route_usd_[r].transpose();
            for (std::size_t k = 0; k < p.products.size(); ++k)
                value_per_unit_[plan][ix(k)] = contents_.content(p.products[k]).cwiseProduct(class_usd_).sum();
        }
        for (std::size_t k = 0; k < p.products.size(); ++k) {
            const Eigen::MatrixXd& content = contents_.content(p.products[k]);  // classes x kept elements
            for (std::size_t r = 0; r < routes_.size(); ++r) {
                for (Ix c = 0; c < shares_.rows(); ++c) {
                    const double s = shares_(c, ix(r));
                    if (s == 0.0) continue;
                    z.row(ix(k)) += s * content.row(c).head(ix(reported_)).cwiseProduct(
                                            route_kernels_[r].recovered().head(ix(reported_)).transpose());
                }
            }
        }
    }
    recovered_.setZero();
    for (Ix t = 0; t < p.n_years; ++t) {
        const Eigen::MatrixXd& z = per_unit_[p.plan_of_year[static_cast<std::size_t>(t)]];
        recovered_.col(t) = z.transpose() * collected_units_.col(t);
    }
    if (valuer_) {
        for (Ix t = 0; t < p.n_years; ++t)
            value_usd_[t] = value_per_unit_[p.plan_of_year[static_cast<std::size_t>(t)]].dot(collected_units_.col(t));
    }
    for (const auto& scrap : p.scrap) {
        auto r = std::lower_bound(routes_.begin(), routes_.end(), scrap.flow->route) - routes_.begin();
        const Eigen::VectorXd& rec = route_kernels_[static_cast<std::size_t>(r)].recovered();
        for (std::size_t i = 0; i < reported_; ++i) {
            double per_kg = 0.0;
            if (scrap.flow->kind == ScrapFlow::Kind::Element)
                per_kg = scrap.flow->item == elements_[i] ? rec[ix(i)] : 0.0;
            else
                per_kg = contents_.composition(scrap.flow->item)[ix(i)] * rec[ix(i)];
            if (per_kg != 0.0) recovered_.row(ix(i)) += per_kg * scrap.kg.transpose();
        }
        if (valuer_) {
            const Eigen::VectorXd& usd = route_usd_[static_cast<std::size_t>(r)];
            double usd_per_kg = 0.0;
            if (scrap.flow->kind == ScrapFlow::Kind::Element) {
                for (std::size_t i = 0; i < elements_.size(); ++i)
                    if (elements_[i] == scrap.flow->item) usd_per_kg = usd[ix(i)];
            } else {
                usd_per_kg = contents_.composition(scrap.flow->item).dot(usd);
            }
            if (usd_per_kg != 0.0) value_usd_ += usd_per_kg * scrap.kg;
        }
    }
    return adjusted;
}

RunOutput parse_run_output(const Model& model, const Scenario& sc, const std::string& text)
{
    const auto colon = text.find(':');
    const std::string symbol = text.substr(0, colon);
    RunOutput out;
    auto e = model.elements.find(symbol);
    if (!e) throw ScenarioError("--sensitivity '" + text + "': no element '" + symbol + "' (see `reclaim list elements`)");
    out.element = *e;
    if (colon == std::string::npos) {
        if (sc.targets.empty())
            throw ScenarioError("--sensitivity '" + text + "': give a year (e.g. " + symbol + ":2035); the scenario has no target");
        out.year = sc.targets.front().year;
    } else {
        try {
            std::size_t used = 0;
            out.year = std::stoi(text.substr(colon + 1), &used);
            if (used != text.size() - colon - 1) throw std::invalid_argument("trailing text");
        } catch (const std::exception&) {
            throw ScenarioError("--sensitivity '" + text + "': expected ELEMENT:YEAR, e.g. Nd:2035");
        }
    }
    if (out.year < sc.first_year || out.year > sc.last_year)
        throw ScenarioError(fmt::format("--sensitivity '{}': {} is outside the scenario's years {}-{}", text, out.year,
                                        sc.first_year, sc.last_year));
    const bool demand = out.element < sc.demand_kg.size() && sc.demand_kg[out.element].at(out.year) > 0;
    if (!demand)
        throw ScenarioError(fmt::format("--sensitivity '{}': the scenario has no demand for {} in {}, so no recycled share",
                                        text, symbol, out.year));
    return out;
}

RunUncertainty run_uncertainty(const Model& model, const PreparedScenario& p, MonteCarloOptions mc,
                               std::optional<RunOutput> sensitivity, std::size_t top)
{
    const Scenario& sc = *p.scenario;
    std::vector<bool> keep(model.elements.size(), false);
    for (Ix e = 0; e < p.demand_kg.rows(); ++e)
        if (p.demand_kg.row(e).maxCoeff() > 0) keep[static_cast<std::size_t>(e)] = true;
    for (const auto& t : sc.targets) keep[t.element] = true;
    RunUncertainty u;
    for (std::size_t e = 0; e < keep.size(); ++e)
        if (keep[e]) u.elements.push_back(e);
    const std::size_t n_el = u.elements.size();
    const auto nt = static_cast<std::size_t>(p.n_years);
    auto local = [&](std::size_t element) {
        return static_cast<std::size_t>(std::find(u.elements.begin(), u.elements.end(), element) - u.elements.begin());
    };

    ScenarioHeadline nominal(model, p, u.elements, true);
    u.samples = mc.samples;
    u.seed = mc.seed;
    u.first_year = p.first_year;
    u.n_years = p.n_years;
    // The value's year, as the deterministic headline (value_headline_year in the report layer).
    u.value_year = sc.targets.empty() ? p.first_year + p.n_years - 1 : sc.targets.front().year;
    const auto value_t = static_cast<std::size_t>(u.value_year - p.first_year);
    std::vector<ParamId> sampled = nominal.ranged();
    sampled.insert(sampled.end(), nominal.ranged_prices().begin(), nominal.ranged_prices().end());
    std::sort(sampled.begin(), sampled.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    u.ranged_params = sampled.size();
    mc.sampled = std::move(sampled);

    // Outputs: recovered (element, year) row-major by element, one met flag per target, then the
    // value in value_year.
    const std::size_t outputs = n_el * nt + sc.targets.size() + 1;
    std::vector<std::size_t> target_out;
    for (const auto& t : sc.targets) target_out.push_back(local(t.element) * nt + static_cast<std::size_t>(t.year - p.first_year));
    WorkerFactory factory = [&]() -> SampleFn {
        auto h = std::make_shared<ScenarioHeadline>(model, p, u.elements, true);
        return [h, &sc, &p, &target_out, n_el, nt, value_t](const ParamValues& values, std::span<double> out) {
            std::size_t renormalised = h->evaluate(values);
            const Eigen::MatrixXd& rec = h->recovered_kg();
            for (std::size_t i = 0; i < n_el; ++i)
                for (std::size_t t = 0; t < nt; ++t) out[i * nt + t] = rec(ix(i), ix(t));
            for (std::size_t k = 0; k < sc.targets.size(); ++k) {
                const auto& target = sc.targets[k];
                const double demand = p.demand_kg(ix(target.element), target.year - p.first_year);
                const double share = demand > 0 ? out[target_out[k]] / demand : NAN;
                out[n_el * nt + k] =
                    std::isfinite(share) && share >= target.share * (1.0 - kTargetTolerance) ? 1.0 : 0.0;
            }
            out[n_el * nt + sc.targets.size()] = h->value_usd()[ix(value_t)];
            return renormalised;
        };
    };
    MonteCarloResult r = run_monte_carlo(model.params, outputs, factory, mc);
    u.adjustments = r.adjustments;

    // Demand is not sampled, so the share's summary is the recovered mass's divided by it.
    auto share_of = [](const Summary& s, double demand) {
        if (!(demand > 0)) return Summary{NAN, NAN, NAN, NAN, 0};
        return Summary{s.mean / demand, s.p5 / demand, s.p50 / demand, s.p95 / demand, s.count};
    };
    u.recovered_kg.assign(n_el, {});
    u.recycled_share.assign(n_el, {});
    for (std::size_t i = 0; i < n_el; ++i) {
        for (std::size_t t = 0; t < nt; ++t) {
            Summary s = summarize(r.column(i * nt + t));
            u.recovered_kg[i].push_back(s);
            u.recycled_share[i].push_back(share_of(s, p.demand_kg(ix(u.elements[i]), ix(t))));
        }
    }
    for (std::size_t k = 0; k < sc.targets.size(); ++k) {
        const auto& target = sc.targets[k];
        const std::size_t i = local(target.element), t = static_cast<std::size_t>(target.year - p.first_year);
        TargetUncertainty tu;
        tu.target = k;
        tu.recovered_kg = u.recovered_kg[i][t];
        tu.recycled_share = u.recycled_share[i][t];
        tu.probability_met = probability(r.column(n_el * nt + k));
        u.targets.push_back(tu);
    }
    u.value_usd = summarize(r.column(n_el * nt + sc.targets.size()));

    if (sensitivity) {
        const std::size_t i = local(sensitivity->element);
        if (i >= n_el)
            throw ScenarioError("--sensitivity: the scenario has no demand for " + model.elements[sensitivity->element].symbol);
        const auto t = static_cast<std::size_t>(sensitivity->year - p.first_year);
        const double demand = p.demand_kg(ix(sensitivity->element), ix(t));
        ScenarioHeadline h(model, p, u.elements);
        Sensitivity s;
        s.output = model.elements[sensitivity->element].symbol + " recycled_share " + std::to_string(sensitivity->year);
        nominal.evaluate(model.params.nominal());
        s.nominal = nominal.recovered_kg()(ix(i), ix(t)) / demand;
        s.bars = tornado(model.params, nominal.ranged(), [&](const ParamValues& v) {
            h.evaluate(v);
            return h.recovered_kg()(ix(i), ix(t)) / demand;
        }, top);
        // The share is the recovered mass over a fixed demand: the same indices.
        const std::vector<double> y = r.column(i * nt + t);
        for (auto& b : s.bars) b.first_order = first_order_index(model.params, b.param, mc.seed, y);
        u.sensitivity = std::move(s);
    }
    return u;
}

}  // namespace reclaim
