#include "engine/assess.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/plan.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;

Ix ix(std::size_t i) { return static_cast<Eigen::Index>(i); }

}  // namespace

SolvedModel::SolvedModel(const Model& model, ParamValues values)
    : model_(&model), values_(std::move(values)),
      contents_(product_contents(model, values_, material_compositions(model, values_))),
      routes_(model.routes.size())
{
}

SolvedModel::SolvedModel(const Model& model) : SolvedModel(model, model.params.nominal()) {}

const RouteSolution& SolvedModel::route(std::size_t route) const
{
    auto& slot = routes_.at(route);
    if (!slot) {
        slot = solve_route(*model_, route, values_);
        ++solves_;
    }
    return *slot;
}

Amount Amount::functional_units(double n, const UnitDef& unit)
{
    return Amount(n * unit.to_base, unit.dim, false);
}

double Amount::functional_units_of(const Model& model, const SolvedModel& solved, std::size_t product) const
{
    const Product& p = model.products[product];
    if (total_mass_) {
        double per_unit = solved.mass_kg(product);
        if (!(per_unit > 0))
            throw UnitError("product '" + p.id + "' has no mass in its bill of materials; --mass cannot scale it");
        return base_ / per_unit;
    }
    if (p.unit->dim != dim_) {
        throw UnitError(fmt::format("product '{}' is counted in {} (a {}); an amount in {} does not fit", p.id,
                                    p.unit->symbol, dimension_name(p.unit->dim), dimension_name(dim_)));
    }
    return base_ / p.unit->to_base;
}

std::vector<std::string> AssessOptions::problems(const Model& model) const
{
    std::vector<std::string> out;
    if (product >= model.products.size()) out.push_back("product = (none); violated: a product of the model");
    if ((plan == npos) == (route == npos))
        out.push_back("plan and route; violated: exactly one of plan and route is given");
    if (plan != npos && plan >= model.plans.size())
        out.push_back(fmt::format("plan = {}; violated: plan < {} (plans of the model)", plan, model.plans.size()));
    if (route != npos && route >= model.routes.size())
        out.push_back(fmt::format("route = {}; violated: route < {} (routes of the model)", route, model.routes.size()));
    if (!(collection >= 0.0 && collection <= 1.0))
        out.push_back(fmt::format("collection = {}; violated: 0 <= collection <= 1", collection));
    if (!(amount.base_value() > 0.0) || !std::isfinite(amount.base_value()))
        out.push_back(fmt::format("amount = {}; violated: 0 < amount < infinity", amount.base_value()));
    return out;
}

std::optional<std::size_t> default_plan(const Model& model)
{
    if (auto p = model.find_plan("uk-current")) return p;
    if (!model.plans.empty()) return 0;
    return std::nullopt;
}

namespace {

// The words of a top loss after "71% of Nd: ".
std::string cause_of(const Model& model, const Assessment& a, const TopLoss& t)
{
    const std::string& cls = model.classes[t.treatment_class];
    switch (t.kind) {
    case TopLoss::Kind::Uncollected: return cls + " not collected -> uncollected";
    case TopLoss::Kind::Untreated:
        return cls + " collected but sent to no route by plan " + model.plans[a.plan].id + " -> loss:untreated";
    case TopLoss::Kind::Route: {
        const Route& r = model.routes[t.route];
        // Route names are phrases or sentences: "Magnets left in ..." reads as "magnets left in ...";
        // an acronym or formula ("NdFeB: ...", "WEEE ...") keeps its capitals.
        std::string name = r.name;
        std::size_t word = name.find_first_of(" :,");
        bool plain = name.size() > 1 && std::isupper(static_cast<unsigned char>(name[0]));
        for (std::size_t i = 1; plain && i < std::min(word, name.size()); ++i)
            plain = !std::isupper(static_cast<unsigned char>(name[i])) && !std::isdigit(static_cast<unsigned char>(name[i]));
        if (plain) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
        return cls + " — " + name + " (" + r.id + "/" + r.processes[t.process].name + ") -> " + t.sink;
    }
    }
    return "";
}

void add_top_losses(const Model& model, const AssessOptions& options, Assessment& a)
{
    std::vector<TopLoss> all;
    for (const auto& symbol : options.critical) {
        auto e = model.elements.find(symbol);
        if (!e) continue;
        const double contained = a.contained_kg[ix(*e)];
        if (!(contained > 0)) continue;
        auto add = [&](TopLoss t) {
            if (!(t.kg > 0)) return;
            t.element = *e;
            t.share = t.kg / contained;
            all.push_back(std::move(t));
        };
        for (std::size_t c = 0; c < model.classes.size(); ++c) {
            add(TopLoss{TopLoss::Kind::Uncollected, *e, c, npos, npos, "uncollected",
                        a.uncollected_by_class(ix(c), ix(*e)), 0.0, ""});
            add(TopLoss{TopLoss::Kind::Untreated, *e, c, npos, npos, "loss:untreated",
                        a.untreated_by_class(ix(c), ix(*e)), 0.0, ""});
        }
        for (const auto& l : a.class_losses)
            add(TopLoss{TopLoss::Kind::Route, *e, l.treatment_class, l.route, l.process,
                        model.routes[l.route].sinks[l.sink], l.kg[ix(*e)], 0.0, ""});
    }
    std::stable_sort(all.begin(), all.end(), [](const TopLoss& x, const TopLoss& y) {
        return x.share != y.share ? x.share > y.share : x.kg > y.kg;
    });
    if (all.size() > options.top_losses) all.resize(options.top_losses);
    for (auto& t : all) t.cause = cause_of(model, a, t);
    a.top_losses = std::move(all);
}

// The flow graph of one assessment; `feeds` is per route the element mass fed to it [kg].
void add_flows(const Model& model, const SolvedModel& solved, const Eigen::MatrixXd& collected,
               const std::vector<Eigen::VectorXd>& feeds, Assessment& a)
{
    const std::size_t n_el = model.elements.size();
    auto add = [&](std::string from, std::string to, std::size_t e, double kg) {
        if (kg > 0) a.flows.push_back(FlowEdge{std::move(from), std::move(to), e, kg});
    };
    for (std::size_t e = 0; e < n_el; ++e) {
        if (!(a.contained_kg[ix(e)] > 0)) continue;
        for (std::size_t c = 0; c < model.classes.size(); ++c) {
            add("class:" + model.classes[c], "collection", e, collected(ix(c), ix(e)));
            add("class:" + model.classes[c], "uncollected", e, a.uncollected_by_class(ix(c), ix(e)));
        }
        add("collection", "untreated", e, a.untreated_kg[ix(e)]);
        for (std::size_t r = 0; r < model.routes.size(); ++r) {
            if (feeds[r].size() == 0) continue;
            const double feed = feeds[r][ix(e)];
            if (!(feed > 0)) continue;
            const Route& route = model.routes[r];
            const RouteSolution& sol = solved.route(r);
            auto node = [&](std::size_t p) { return route.id + "/" + route.processes[p].name; };
            add("collection", node(route.entry), e, feed);
            for (std::size_t l = 0; l < sol.links.size(); ++l)
                add(node(sol.links[l].from), node(sol.links[l].to), e, feed * sol.link_yield(ix(e), ix(l)));
            for (std::size_t k = 0; k < sol.edges.size(); ++k)
                add(node(sol.edges[k].process), route.sinks[sol.edges[k].sink], e,
                    feed * sol.edge_yield(ix(e), ix(k)));
        }
    }
}

}  // namespace

Assessment assess(const SolvedModel& solved, const AssessOptions& options)
{
    const Model& model = solved.model();
    if (auto problems = options.problems(model); !problems.empty()) {
        std::string msg = "invalid assessment options: ";
        for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
        throw std::invalid_argument(msg);
    }
    const auto n_el = ix(model.elements.size());
    const auto n_cls = ix(model.classes.size());
    const auto n_routes = ix(model.routes.size());

    Assessment a;
    a.product = options.product;
    a.plan = options.plan;
    a.route = options.route;
    a.collection = options.collection;
    a.functional_units = options.amount.functional_units_of(model, solved, options.product);
    a.product_mass_kg = a.functional_units * solved.mass_kg(options.product);

    const Eigen::MatrixXd content = a.functional_units * solved.content(options.product);  // classes x elements
    const Eigen::MatrixXd shares = options.plan != npos ? plan_shares(model, options.plan, solved.values())
                                                        : single_route_shares(model, options.route);
    const Eigen::MatrixXd collected = options.collection * content;
    a.contained_kg = content.colwise().sum().transpose();
    a.uncollected_by_class = (1.0 - options.collection) * content;
    a.untreated_by_class = Eigen::MatrixXd::Zero(n_cls, n_el);
    for (Ix c = 0; c < n_cls; ++c)
        a.untreated_by_class.row(c) = std::max(0.0, 1.0 - shares.row(c).sum()) * collected.row(c);
    a.uncollected_kg = a.uncollected_by_class.colwise().sum().transpose();
    a.untreated_kg = a.untreated_by_class.colwise().sum().transpose();
    a.recovered_kg = Eigen::VectorXd::Zero(n_el);
    a.lost_kg = Eigen::VectorXd::Zero(n_el);
    a.recovered_by_route = Eigen::MatrixXd::Zero(n_el, n_routes);

    std::map<std::string, std::size_t> form_index;
    std::vector<Eigen::VectorXd> form_kg;
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> loss_index;
    std::vector<Eigen::VectorXd> feeds(model.routes.size());
    for (Ix r = 0; r < n_routes; ++r) {
        // Feed of the route by class; a route that receives nothing is never solved.
        Eigen::MatrixXd class_feed = collected.array().colwise() * shares.col(r).array();
        Eigen::VectorXd feed = class_feed.colwise().sum().transpose();
        if (!(feed.sum() > 0)) continue;
        feeds[static_cast<std::size_t>(r)] = feed;
        const Route& route = model.routes[static_cast<std::size_t>(r)];
        const RouteSolution& sol = solved.route(static_cast<std::size_t>(r));
        for (std::size_t k = 0; k < sol.edges.size(); ++k) {
            const SinkEdge& edge = sol.edges[k];
            const std::string& sink = route.sinks[edge.sink];
            Eigen::VectorXd yield = sol.edge_yield.col(ix(k));
            Eigen::VectorXd kg = feed.cwiseProduct(yield);
            if (is_recovered_sink(sink)) {
                std::string form = sink.substr(std::string("recovered:").size());
                auto [it, fresh] = form_index.emplace(form, form_kg.size());
                if (fresh) form_kg.push_back(Eigen::VectorXd::Zero(n_el));
                form_kg[it->second] += kg;
                a.recovered_kg += kg;
                a.recovered_by_route.col(r) += kg;
                continue;
            }
            a.lost_kg += kg;
            auto key = std::make_tuple(static_cast<std::size_t>(r), edge.process, edge.sink);
            auto [it, fresh] = loss_index.emplace(key, a.losses.size());
            if (fresh)
                a.losses.push_back(LossFlow{npos, static_cast<std::size_t>(r), edge.process, edge.sink,
                                            Eigen::VectorXd::Zero(n_el)});
            a.losses[it->second].kg += kg;
            for (Ix c = 0; c < n_cls; ++c) {
                Eigen::VectorXd ckg = class_feed.row(c).transpose().cwiseProduct(yield);
                if (ckg.maxCoeff() > 0)
                    a.class_losses.push_back(LossFlow{static_cast<std::size_t>(c), static_cast<std::size_t>(r),
                                                      edge.process, edge.sink, std::move(ckg)});
            }
        }
    }
    a.recovered_by_form = Eigen::MatrixXd::Zero(n_el, ix(form_kg.size()));
    a.forms.resize(form_kg.size());
    for (const auto& [form, i] : form_index) {
        a.forms[i] = form;
        a.recovered_by_form.col(ix(i)) = form_kg[i];
    }

    a.recovery_rate = Eigen::VectorXd::Zero(n_el);
    for (Ix e = 0; e < n_el; ++e) {
        const double contained = a.contained_kg[e];
        if (!(contained > 0)) continue;
        a.recovery_rate[e] = a.recovered_kg[e] / contained;
        const double residual =
            std::abs(contained - a.uncollected_kg[e] - a.untreated_kg[e] - a.recovered_kg[e] - a.lost_kg[e]) /
            contained;
        a.balance_residual = std::max(a.balance_residual, residual);
        if (!(residual <= kAssessBalanceTolerance)) {
            throw BalanceError(fmt::format(
                "assessing '{}': {} contained {:.12g} kg but uncollected + untreated + recovered + lost = {:.12g} kg "
                "(relative residual {:.3g}, tolerance {:g})",
                model.products[a.product].id, model.elements[static_cast<std::size_t>(e)].symbol, contained,
                a.uncollected_kg[e] + a.untreated_kg[e] + a.recovered_kg[e] + a.lost_kg[e], residual,
                kAssessBalanceTolerance));
        }
    }
    a.recyclability_rate = a.product_mass_kg > 0 ? a.recovered_kg.sum() / a.product_mass_kg : 0.0;
    add_top_losses(model, options, a);
    add_flows(model, solved, collected, feeds, a);
    return a;
}

}  // namespace reclaim
