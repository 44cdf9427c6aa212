#include "engine/questions/assess.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/limits.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;
Ix ix(std::size_t i) { return static_cast<Ix>(i); }

std::vector<std::size_t> routes_of(const Model& model, const AssessOptions& o)
{
    std::vector<std::size_t> out;
    if (o.plan != npos)
        for (const auto& s : model.plans[o.plan].shares) out.push_back(s.route);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (o.route != npos) {
        std::erase(out, o.route);
        out.insert(out.begin(), o.route);
    }
    return out;
}

// The recovered forms of `routes`, each name once, in order of first appearance.
std::vector<std::string> forms_of(const Model& model, const std::vector<std::size_t>& routes)
{
    std::vector<std::string> out;
    for (auto r : routes)
        for (const auto& s : model.routes[r].sinks)
            if (s.recovered() && std::find(out.begin(), out.end(), s.name) == out.end()) out.push_back(s.name);
    return out;
}

const AssessOptions& validated(const Model& model, const AssessOptions& o)
{
    if (auto problems = o.problems(model); !problems.empty()) {
        std::string msg = "invalid assessment options: ";
        for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
        throw UsageError(msg);
    }
    return o;
}

// Scatters a vector on the compiled elements into one per model element.
Eigen::VectorXd scatter(const Eigen::VectorXd& local, const std::vector<std::size_t>& elements, std::size_t n)
{
    Eigen::VectorXd out = Eigen::VectorXd::Zero(ix(n));
    for (std::size_t k = 0; k < elements.size(); ++k) out[ix(elements[k])] = local[ix(k)];
    return out;
}

Eigen::MatrixXd scatter_cols(const Eigen::MatrixXd& local, const std::vector<std::size_t>& elements, std::size_t n)
{
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(local.rows(), ix(n));
    for (std::size_t k = 0; k < elements.size(); ++k) out.col(ix(elements[k])) = local.col(ix(k));
    return out;
}

void add_top_losses(const Model& model, const AssessOptions& options, Assessment& a)
{
    std::vector<TopLoss> all;
    for (const std::size_t e : options.critical) {
        const double contained = a.contained_kg[ix(e)];
        if (!(contained > 0)) continue;
        auto add = [&](TopLoss t) {
            if (!(t.kg > 0)) return;
            t.element = e;
            t.share = t.kg / contained;
            all.push_back(t);
        };
        for (std::size_t c = 0; c < model.classes.size(); ++c) {
            add(TopLoss{TopLoss::Kind::Uncollected, e, c, npos, npos, npos, a.uncollected_by_class(ix(c), ix(e)), 0.0});
            add(TopLoss{TopLoss::Kind::Untreated, e, c, npos, npos, npos, a.untreated_by_class(ix(c), ix(e)), 0.0});
        }
        for (const auto& l : a.class_losses)
            add(TopLoss{TopLoss::Kind::Route, e, l.treatment_class, l.route, l.process, l.sink, l.kg[ix(e)], 0.0});
    }
    std::stable_sort(all.begin(), all.end(), [](const TopLoss& x, const TopLoss& y) {
        return x.share != y.share ? x.share > y.share : x.kg > y.kg;
    });
    if (all.size() > options.top_losses) all.resize(options.top_losses);
    a.top_losses = std::move(all);
}

// The flow graph; `feeds` is per route of `nets` the element mass fed to it [kg], empty if none.
void add_flows(const Model& model, const std::vector<RouteNetwork>& nets, const Eigen::MatrixXd& collected,
               const std::vector<Eigen::VectorXd>& feeds, Assessment& a)
{
    auto add = [&](std::string from, std::string to, std::size_t e, double kg) {
        if (kg > 0) a.flows.push_back(FlowEdge{std::move(from), std::move(to), e, kg});
    };
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        if (!(a.contained_kg[ix(e)] > 0)) continue;
        for (std::size_t c = 0; c < model.classes.size(); ++c) {
            add("class:" + model.classes[c], "collection", e, collected(ix(c), ix(e)));
            add("class:" + model.classes[c], "uncollected", e, a.uncollected_by_class(ix(c), ix(e)));
        }
        add("collection", "untreated", e, a.untreated_kg[ix(e)]);
        for (std::size_t k = 0; k < nets.size(); ++k) {
            if (feeds[k].size() == 0) continue;
            const double feed = feeds[k][ix(e)];
            if (!(feed > 0)) continue;
            const RouteSolution& sol = nets[k].solution();
            const Route& route = model.routes[sol.route];
            // The row of the element in the solution: the compiled elements are in model order.
            const auto row = ix(std::lower_bound(sol.elements.begin(), sol.elements.end(), e) - sol.elements.begin());
            auto node = [&](std::size_t p) { return route.id + "/" + route.processes[p].name; };
            add("collection", node(route.entry), e, feed);
            for (std::size_t l = 0; l < sol.links.size(); ++l)
                add(node(sol.links[l].from), node(sol.links[l].to), e, feed * sol.link_yield(row, ix(l)));
            for (std::size_t j = 0; j < sol.edges.size(); ++j)
                add(node(sol.edges[j].process), route.sinks[sol.edges[j].sink].label(), e,
                    feed * sol.edge_yield(row, ix(j)));
        }
    }
}

}  // namespace

Amount Amount::functional_units(double n, const UnitDef& unit) { return Amount(n * unit.to_base, unit.dim, false); }

double Amount::functional_units_of(const Model& model, std::size_t product, double mass_per_unit_kg) const
{
    const Product& p = model.products[product];
    if (total_mass_) {
        if (!(mass_per_unit_kg > 0))
            throw UnitError("product '" + p.id + "' has no mass in its bill of materials; --mass cannot scale it");
        const double units = base_ / mass_per_unit_kg;
        if (!in_magnitude_range(units))
            throw UsageError(fmt::format("a total mass of {:g} kg is {:g} units of '{}'; violated: {:g} <= units <= {:g}",
                                         base_, units, p.id, kMinMagnitude, kMaxMagnitude));
        return units;
    }
    check_fits(model, product);
    return base_ / p.unit->to_base;
}

void Amount::check_fits(const Model& model, std::size_t product) const
{
    const Product& p = model.products[product];
    if (!total_mass_ && p.unit->dim != dim_) {
        throw UnitError(fmt::format("product '{}' is counted in {} (a {}); an amount in {} does not fit", p.id,
                                    p.unit->symbol, dimension_name(p.unit->dim), dimension_name(dim_)));
    }
}

std::vector<std::string> AssessOptions::problems(const Model& model) const
{
    std::vector<std::string> out;
    if (product >= model.products.size()) out.push_back("product = (none); violated: a product of the model");
    if (plan == npos && route == npos) out.push_back("plan and route; violated: a plan or a route is given");
    if (route_class != npos && (route == npos || route >= model.routes.size() || route_class >= model.classes.size() ||
                                !model.routes[route].accepts_class(model.classes[route_class])))
        out.push_back("route_class; violated: a class the route accepts");
    if (plan != npos && plan >= model.plans.size())
        out.push_back(fmt::format("plan = {}; violated: plan < {} (plans of the model)", plan, model.plans.size()));
    if (route != npos && route >= model.routes.size())
        out.push_back(fmt::format("route = {}; violated: route < {} (routes of the model)", route, model.routes.size()));
    if (!(collection >= 0.0 && collection <= 1.0))
        out.push_back(fmt::format("collection = {}; violated: 0 <= collection <= 1", collection));
    if (!(amount.base_value() > 0.0) || !in_magnitude_range(amount.base_value()))
        out.push_back(fmt::format("amount = {}; violated: {:g} <= amount <= {:g} (in base units)", amount.base_value(),
                                  kMinMagnitude, kMaxMagnitude));
    for (auto e : critical)
        if (e >= model.elements.size()) out.push_back(fmt::format("critical element = {}; violated: an element of the model", e));
    return out;
}

AssessQuestion::AssessQuestion(const Model& model, const AssessOptions& options)
    : model_(&model), options_(validated(model, options)), routes_(routes_of(model, options)),
      contents_(model, {options.product}, elements_of(model, {options.product})),
      valuer_(model, forms_of(model, routes_), material_compositions(model, model.params.nominal()))
{
    options.amount.check_fits(model, options.product);
    params_ = contents_.params();
    if (options.plan != npos) {
        plan_.emplace(model, options.plan, routes_);
        auto p = plan_->params();
        params_.insert(params_.end(), p.begin(), p.end());
    }
    for (auto r : routes_) {
        networks_.emplace_back(model, r, contents_.elements());
        auto p = networks_.back().params();
        params_.insert(params_.end(), p.begin(), p.end());
    }
    const auto forms = forms_of(model, routes_);
    for (auto r : routes_) {
        std::vector<std::size_t> sf;
        for (const auto& s : model.routes[r].sinks)
            sf.push_back(s.recovered() ? static_cast<std::size_t>(std::find(forms.begin(), forms.end(), s.name) - forms.begin())
                                       : npos);
        sink_form_.push_back(std::move(sf));
    }
    for (std::size_t f = 0; f < valuer_.size(); ++f) {
        const Eigen::VectorXd all = form_kg_weights(valuer_.form(f));
        Eigen::VectorXd kept(ix(elements().size()));
        for (std::size_t i = 0; i < elements().size(); ++i) kept[ix(i)] = all[ix(elements()[i])];
        form_weights_.push_back(std::move(kept));
        if (const Price* p = valuer_.price(f)) {
            params_.push_back(p->usd_per_kg);
            if (p->payable.valid()) params_.push_back(p->payable);
        }
    }
    std::erase_if(params_, [](ParamId id) { return !id.valid(); });
    std::sort(params_.begin(), params_.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    params_.erase(std::unique(params_.begin(), params_.end()), params_.end());
    shares_ = Eigen::MatrixXd::Zero(ix(model.classes.size()), ix(routes_.size()));
}

ShareSets AssessQuestion::share_sets() const
{
    std::vector<std::size_t> plans;
    if (options_.plan != npos) plans.push_back(options_.plan);
    return reclaim::share_sets(*model_, model_->params, routes_, contents_.materials(), plans);
}

Assessment AssessQuestion::evaluate(const ParamValues& values, Detail detail)
{
    const Model& model = *model_;
    const std::vector<std::size_t>& elements = contents_.elements();
    const std::size_t n_el = model.elements.size();
    const Ix n_loc = ix(elements.size());
    const Ix n_cls = ix(model.classes.size());
    const bool full = detail == Detail::Full;

    contents_.evaluate(values, options_.cohort);
    Assessment a;
    a.product = options_.product;
    a.plan = options_.plan;
    a.route = options_.route;
    a.collection = options_.collection;
    a.critical = options_.critical;
    const ClassContent& per_unit = contents_.content(options_.product);
    a.functional_units = options_.amount.functional_units_of(model, options_.product, per_unit.sum());
    a.product_mass_kg = a.functional_units * per_unit.sum();
    if (plan_) plan_->evaluate(values, options_.product, shares_);
    // The route (column 0) takes every class it accepts (or only route_class); the plan keeps the others.
    auto to_route = [&](std::size_t cls) {
        return options_.route != npos && model.routes[options_.route].accepts_class(model.classes[cls]) &&
               (options_.route_class == npos || options_.route_class == cls);
    };
    for (Ix c = 0; c < n_cls; ++c) {
        if (!to_route(static_cast<std::size_t>(c))) continue;
        shares_.row(c).setZero();
        shares_(c, 0) = 1.0;
    }

    const Eigen::MatrixXd content = a.functional_units * per_unit;  // classes x compiled elements
    const Eigen::MatrixXd collected = options_.collection * content;
    const Eigen::VectorXd contained = content.colwise().sum().transpose();
    const Eigen::MatrixXd uncollected_by_class = (1.0 - options_.collection) * content;
    Eigen::MatrixXd untreated_by_class = Eigen::MatrixXd::Zero(n_cls, n_loc);
    for (Ix c = 0; c < n_cls; ++c) {
        const double untreated_share = std::max(0.0, 1.0 - shares_.row(c).sum());
        untreated_by_class.row(c) = untreated_share * collected.row(c);
        if (!full || !(content.row(c).sum() > 0)) continue;
        const auto cls = static_cast<std::size_t>(c);
        a.classes.push_back(cls);
        if (to_route(cls)) a.route_classes.push_back(cls);
        if (untreated_share > 0) a.untreated_classes.push_back(cls);
    }
    Eigen::VectorXd recovered = Eigen::VectorXd::Zero(n_loc), lost = Eigen::VectorXd::Zero(n_loc);
    Eigen::MatrixXd by_form = Eigen::MatrixXd::Zero(n_loc, ix(valuer_.size()));
    Eigen::MatrixXd by_route = Eigen::MatrixXd::Zero(n_loc, ix(model.routes.size()));
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> loss_index;
    std::vector<Eigen::VectorXd> feeds(routes_.size());
    std::vector<std::size_t> listed;  // forms of the routes that received feed, in edge order
    for (std::size_t k = 0; k < routes_.size(); ++k) {
        // Feed of the route by class; a route that receives nothing is never solved.
        const Eigen::MatrixXd class_feed = collected.array().colwise() * shares_.col(ix(k)).array();
        const Eigen::VectorXd feed = class_feed.colwise().sum().transpose();
        if (!(feed.sum() > 0)) continue;
        feeds[k] = feed;
        RouteNetwork& net = networks_[k];
        net.evaluate(values, detail);
        const RouteSolution& sol = net.solution();
        const Route& route = model.routes[routes_[k]];
        for (const auto& edge : sol.edges)
            if (route.sinks[edge.sink].recovered() &&
                std::find(listed.begin(), listed.end(), sink_form_[k][edge.sink]) == listed.end())
                listed.push_back(sink_form_[k][edge.sink]);
        for (std::size_t j = 0; j < route.sinks.size(); ++j) {
            const Eigen::VectorXd kg = feed.cwiseProduct(sol.sink_yield.col(ix(j)));
            if (route.sinks[j].recovered()) {
                by_form.col(ix(sink_form_[k][j])) += kg;
                recovered += kg;
                by_route.col(ix(routes_[k])) += kg;
            } else {
                lost += kg;
            }
        }
        if (!full) continue;
        for (std::size_t j = 0; j < sol.edges.size(); ++j) {
            const SinkEdge& edge = sol.edges[j];
            if (route.sinks[edge.sink].recovered()) continue;
            const Eigen::VectorXd yield = sol.edge_yield.col(ix(j));
            auto key = std::make_tuple(routes_[k], edge.process, edge.sink);
            auto [it, fresh] = loss_index.emplace(key, a.losses.size());
            if (fresh) a.losses.push_back(LossFlow{npos, routes_[k], edge.process, edge.sink, Eigen::VectorXd::Zero(n_loc)});
            a.losses[it->second].kg += feed.cwiseProduct(yield);
            for (Ix c = 0; c < n_cls; ++c) {
                Eigen::VectorXd ckg = class_feed.row(c).transpose().cwiseProduct(yield);
                if (ckg.maxCoeff() > 0)
                    a.class_losses.push_back(LossFlow{static_cast<std::size_t>(c), routes_[k], edge.process,
                                                      edge.sink, std::move(ckg)});
            }
        }
    }
    for (std::size_t f = 0; f < valuer_.size(); ++f)
        if (valuer_.price(f)) a.value_usd += valuer_.usd_per_kg(f, values) * form_weights_[f].dot(by_form.col(ix(f)));

    // Every kg of every element is uncollected, untreated, recovered or lost.
    const Eigen::VectorXd uncollected = uncollected_by_class.colwise().sum().transpose();
    const Eigen::VectorXd untreated = untreated_by_class.colwise().sum().transpose();
    for (Ix e = 0; e < n_loc; ++e) {
        if (!(contained[e] > 0)) continue;
        const double out = uncollected[e] + untreated[e] + recovered[e] + lost[e];
        const double residual = std::abs(contained[e] - out) / contained[e];
        a.balance_residual = std::max(a.balance_residual, residual);
        if (!(residual <= kAssessBalanceTolerance)) {
            throw BalanceError(fmt::format(
                "assessing '{}': {} contained {:.12g} kg but uncollected + untreated + recovered + lost = {:.12g} kg "
                "(relative residual {:.3g}, tolerance {:g})",
                model.products[a.product].id, model.elements[elements[static_cast<std::size_t>(e)]].symbol,
                contained[e], out, residual, kAssessBalanceTolerance));
        }
    }

    a.contained_kg = scatter(contained, elements, n_el);
    a.recovered_kg = scatter(recovered, elements, n_el);
    a.recovery_rate = Eigen::VectorXd::Zero(ix(n_el));
    for (std::size_t e = 0; e < n_el; ++e)
        if (a.contained_kg[ix(e)] > 0) a.recovery_rate[ix(e)] = a.recovered_kg[ix(e)] / a.contained_kg[ix(e)];
    a.recyclability_rate = a.product_mass_kg > 0 ? recovered.sum() / a.product_mass_kg : 0.0;
    a.recovered_by_form = Eigen::MatrixXd::Zero(ix(n_el), ix(listed.size()));
    for (std::size_t i = 0; i < listed.size(); ++i) {
        a.forms.push_back(valuer_.form(listed[i]).name);
        a.recovered_by_form.col(ix(i)) = scatter(by_form.col(ix(listed[i])), elements, n_el);
    }
    if (!full) return a;

    a.uncollected_kg = scatter(uncollected, elements, n_el);
    a.untreated_kg = scatter(untreated, elements, n_el);
    a.lost_kg = scatter(lost, elements, n_el);
    a.uncollected_by_class = scatter_cols(uncollected_by_class, elements, n_el);
    a.untreated_by_class = scatter_cols(untreated_by_class, elements, n_el);
    a.recovered_by_route = scatter_cols(by_route.transpose(), elements, n_el).transpose();
    for (auto& l : a.losses) l.kg = scatter(l.kg, elements, n_el);
    for (auto& l : a.class_losses) l.kg = scatter(l.kg, elements, n_el);
    add_top_losses(model, options_, a);
    add_flows(model, networks_, scatter_cols(collected, elements, n_el), [&] {
        std::vector<Eigen::VectorXd> out(feeds.size());
        for (std::size_t k = 0; k < feeds.size(); ++k)
            if (feeds[k].size()) out[k] = scatter(feeds[k], elements, n_el);
        return out;
    }(), a);
    a.params = used_params(model.params, params_);
    return a;
}

Assessment assess(const Model& model, const AssessOptions& options, const ParamValues& values)
{
    return AssessQuestion(model, options).evaluate(values, Detail::Full);
}

Assessment assess(const Model& model, const AssessOptions& options)
{
    return assess(model, options, model.params.nominal());
}

}  // namespace reclaim
