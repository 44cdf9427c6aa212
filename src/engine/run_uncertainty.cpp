#include "engine/run_uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"
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

}  // namespace

ScenarioHeadline::ScenarioHeadline(const Model& model, const PreparedScenario& p, std::vector<std::size_t> elements)
    : model_(&model), prepared_(&p), elements_(std::move(elements)),
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
    sets_ = share_sets(model, routes_, contents_.materials(), p.plans_used);
    shares_ = Eigen::MatrixXd::Zero(ix(model.classes.size()), ix(routes_.size()));
    per_unit_.assign(model.plans.size(), Eigen::MatrixXd());
    for (auto plan : p.plans_used) per_unit_[plan] = Eigen::MatrixXd::Zero(ix(p.products.size()), ix(elements_.size()));
    recovered_ = Eigen::MatrixXd::Zero(ix(elements_.size()), p.n_years);
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
        for (std::size_t k = 0; k < p.products.size(); ++k) {
            const Eigen::MatrixXd& content = contents_.content(p.products[k]);  // classes x kept elements
            for (std::size_t r = 0; r < routes_.size(); ++r) {
                for (Ix c = 0; c < shares_.rows(); ++c) {
                    const double s = shares_(c, ix(r));
                    if (s == 0.0) continue;
                    z.row(ix(k)) += s * content.row(c).cwiseProduct(route_kernels_[r].recovered().transpose());
                }
            }
        }
    }
    recovered_.setZero();
    for (Ix t = 0; t < p.n_years; ++t) {
        const Eigen::MatrixXd& z = per_unit_[p.plan_of_year[static_cast<std::size_t>(t)]];
        recovered_.col(t) = z.transpose() * collected_units_.col(t);
    }
    for (const auto& scrap : p.scrap) {
        auto r = std::lower_bound(routes_.begin(), routes_.end(), scrap.flow->route) - routes_.begin();
        const Eigen::VectorXd& rec = route_kernels_[static_cast<std::size_t>(r)].recovered();
        for (std::size_t i = 0; i < elements_.size(); ++i) {
            double per_kg = 0.0;
            if (scrap.flow->kind == ScrapFlow::Kind::Element)
                per_kg = scrap.flow->item == elements_[i] ? rec[ix(i)] : 0.0;
            else
                per_kg = contents_.composition(scrap.flow->item)[ix(i)] * rec[ix(i)];
            if (per_kg != 0.0) recovered_.row(ix(i)) += per_kg * scrap.kg.transpose();
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

    ScenarioHeadline nominal(model, p, u.elements);
    u.samples = mc.samples;
    u.seed = mc.seed;
    u.first_year = p.first_year;
    u.n_years = p.n_years;
    u.ranged_params = nominal.ranged().size();
    mc.sampled = nominal.ranged();

    // Outputs: recovered (element, year) row-major by element, then one met flag per target.
    const std::size_t outputs = n_el * nt + sc.targets.size();
    std::vector<std::size_t> target_out;
    for (const auto& t : sc.targets) target_out.push_back(local(t.element) * nt + static_cast<std::size_t>(t.year - p.first_year));
    WorkerFactory factory = [&]() -> SampleFn {
        auto h = std::make_shared<ScenarioHeadline>(model, p, u.elements);
        return [h, &sc, &p, &target_out, n_el, nt](const ParamValues& values, std::span<double> out) {
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
