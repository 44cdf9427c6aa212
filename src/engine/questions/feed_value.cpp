#include "engine/questions/feed_value.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "engine/evaluate/contents.hpp"
#include "engine/evaluate/route_network.hpp"
#include "engine/uncertainty/sensitivity.hpp"

namespace reclaim {

namespace {

using Eigen::Index;
Index ix(std::size_t i) { return static_cast<Index>(i); }

double net_per_t(double net_usd, double mass_kg) { return mass_kg > 0 ? net_usd / mass_kg * 1000.0 : 0.0; }

// Gross and cost of a route's recovered forms at `values`, without solving the route again:
// prices and costs do not change where elements go.
void revalue(const Model& model, const Feedstock& feed, RouteValue& rv, const ParamValues& values)
{
    rv.value = value_forms(model, rv.recovered, values);
    rv.cost = cost_of(model, rv.route);
    rv.cost_usd = rv.cost ? values[rv.cost->usd_per_kg.index] * feed.mass_kg : 0.0;
    rv.net_usd = rv.value.gross_usd - rv.cost_usd;
    rv.net_usd_per_t = net_per_t(rv.net_usd, feed.mass_kg);
}

}  // namespace

std::vector<RecoveredForm> recovered_forms(const Model& model, const RouteSolution& solution,
                                           const Eigen::VectorXd& feed_kg)
{
    const Route& route = model.routes.at(solution.route);
    std::vector<RecoveredForm> out;
    for (std::size_t k = 0; k < route.sinks.size(); ++k) {
        if (!route.sinks[k].recovered()) continue;
        Eigen::VectorXd kg = feed_kg.cwiseProduct(solution.sink_yield.col(ix(k)));
        out.push_back(RecoveredForm{route.sinks[k].name, kg});
    }
    return out;
}

Feedstock material_feed(const Model& model, std::size_t material, double mass_kg, const ParamValues& values)
{
    auto compositions = material_compositions(model, values);
    const Material& m = model.materials.at(material);
    std::vector<std::string> classes;
    if (!m.treatment_class.empty()) classes.push_back(m.treatment_class);
    return Feedstock{m.id, false, mass_kg, 0.0, compositions.at(material) * mass_kg, std::move(classes)};
}

Feedstock product_feed_units(const Model& model, std::size_t product, double units, const ParamValues& values)
{
    ClassContent content = flatten_product(model, product, values);
    Eigen::VectorXd per_unit = content.colwise().sum().transpose();
    std::vector<std::string> classes;
    for (Eigen::Index c = 0; c < content.rows(); ++c)
        if (content.row(c).sum() > 0) classes.push_back(model.classes[static_cast<std::size_t>(c)]);
    return Feedstock{model.products.at(product).id, true, per_unit.sum() * units, units, per_unit * units,
                     std::move(classes)};
}

std::string refusal(const Model& model, const Feedstock& feed, std::size_t route)
{
    const Route& r = model.routes.at(route);
    if (!feed.product) {
        const Material& m = model.materials.at(model.find_material(feed.id).value());
        return r.accepts_material(m) ? "" : refused_feed(model, route, m);
    }
    for (const auto& c : feed.classes)
        if (!r.accepts_class(c)) return "product '" + feed.id + "': " + refused_class(model, route, c);
    return "";
}

Feedstock product_feed_mass(const Model& model, std::size_t product, double mass_kg, const ParamValues& values)
{
    ClassContent content = flatten_product(model, product, values);
    double per_unit_kg = content.sum();
    if (per_unit_kg <= 0)
        throw LookupError("product '" + model.products.at(product).id + "' has no mass to scale to " +
                          fmt::format("{} kg", mass_kg));
    return product_feed_units(model, product, mass_kg / per_unit_kg, values);
}

const RouteCost* cost_of(const Model& model, std::size_t route)
{
    for (const auto& c : model.route_costs)
        if (c.route == route) return &c;
    return nullptr;
}

RouteValue value_route(const Model& model, const Feedstock& feed, std::size_t route, const ParamValues& values)
{
    RouteSolution solution = solve_route(model, route, values);
    RouteValue rv;
    rv.route = route;
    rv.recovered = recovered_forms(model, solution, feed.element_kg);
    revalue(model, feed, rv, values);
    return rv;
}

std::vector<RouteValue> value_routes(const Model& model, const Feedstock& feed, const std::vector<std::size_t>& routes,
                                     const ParamValues& values)
{
    std::vector<RouteValue> out;
    for (auto r : routes) out.push_back(value_route(model, feed, r, values));
    std::stable_sort(out.begin(), out.end(),
                     [](const RouteValue& a, const RouteValue& b) { return a.net_usd_per_t > b.net_usd_per_t; });
    return out;
}

double PriceSwing::swing_usd_per_t() const { return std::abs(net_usd_per_t_at_high - net_usd_per_t_at_low); }

std::vector<PriceSwing> price_sensitivity(const Model& model, const Feedstock& feed, const RouteValue& value,
                                          const ParamValues& values)
{
    // The ranged prices, payables and cost behind the value, each once, with what they belong to.
    std::vector<PriceSwing> candidates;
    std::set<std::uint32_t> seen;
    auto consider = [&](std::string kind, std::string label, ParamId id) {
        const Param& p = model.params[id];
        if (p.ranged() && seen.insert(id.index).second)
            candidates.push_back(PriceSwing{std::move(kind), std::move(label), id, p.low, p.high, 0.0, 0.0});
    };
    for (const auto& f : value.value.forms) {
        if (!f.price || f.kg <= 0) continue;
        consider("price", f.form, f.price->usd_per_kg);
        if (f.price->payable.valid()) consider("payable", f.form, f.price->payable);
    }
    if (value.cost) consider("cost", model.routes[value.route].id, value.cost->usd_per_kg);
    std::vector<ParamId> ids;
    for (const auto& c : candidates) ids.push_back(c.param);
    // Prices and costs do not change where elements go: the route is not solved again.
    const Sampler sampler(model.params, ids, ShareSets{}, 0);
    const auto bars = tornado(sampler, ids, [&](const ParamValues& v) {
        ParamValues at = values;
        for (ParamId id : ids) at[id.index] = v[id.index];
        RouteValue rv = value;
        revalue(model, feed, rv, at);
        return rv.net_usd_per_t;
    }, ids.size());
    std::vector<PriceSwing> out;
    for (const auto& b : bars) {
        PriceSwing s = *std::find_if(candidates.begin(), candidates.end(), [&](const PriceSwing& c) { return c.param == b.param; });
        s.low = b.low;
        s.high = b.high;
        s.net_usd_per_t_at_low = b.output_low;
        s.net_usd_per_t_at_high = b.output_high;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace reclaim
