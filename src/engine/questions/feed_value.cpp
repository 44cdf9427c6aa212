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

double per_t(double usd, double mass_kg) { return mass_kg > 0 ? usd / mass_kg * 1000.0 : 0.0; }

std::vector<std::string> form_names(const Model& model, std::size_t route)
{
    std::vector<std::string> out;
    for (const auto& sink : model.routes.at(route).sinks)
        if (sink.recovered()) out.push_back(sink.name);
    return out;
}

// The price of the main product (the priced form of largest value) at which net = 0:
// gross - v_main + kg x p x payable - cost = 0.
std::optional<BreakEven> break_even(const RouteValue& rv)
{
    const FormValue* main = nullptr;
    for (const auto& f : rv.value.forms)
        if (f.priced() && f.kg > 0 && (!main || f.value_usd > main->value_usd)) main = &f;
    if (!main || !(main->payable > 0)) return std::nullopt;
    const double others = rv.value.gross_usd - main->value_usd;
    return BreakEven{main->form, (rv.cost_usd - others) / (main->kg * main->payable), main->price_usd_per_kg};
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

std::vector<const RouteCost*> costs_of(const Model& model, std::size_t route)
{
    std::vector<const RouteCost*> out;
    for (const auto& c : model.route_costs)
        if (c.route == route) out.push_back(&c);
    return out;
}

FeedValuation::FeedValuation(const Model& model, const Feedstock& feed, const std::vector<std::size_t>& routes)
    : model_(&model), feed_(feed), routes_(routes)
{
    std::vector<std::size_t> elements(model.elements.size());
    for (std::size_t e = 0; e < elements.size(); ++e) elements[e] = e;
    const auto compositions = material_compositions(model, model.params.nominal());
    for (auto r : routes_) {
        networks_.emplace_back(model, r, elements);
        auto p = networks_.back().params();
        params_.insert(params_.end(), p.begin(), p.end());
        valuers_.emplace_back(model, form_names(model, r), compositions);
        const FormValuer& v = valuers_.back();
        for (std::size_t f = 0; f < v.size(); ++f) {
            if (const Price* price = v.price(f)) {
                params_.push_back(price->usd_per_kg);
                if (price->payable.valid()) params_.push_back(price->payable);
            }
        }
        for (const RouteCost* c : costs_of(model, r)) params_.push_back(c->usd_per_kg);
    }
    std::erase_if(params_, [](ParamId id) { return !id.valid(); });
    std::sort(params_.begin(), params_.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    params_.erase(std::unique(params_.begin(), params_.end()), params_.end());
}

ShareSets FeedValuation::share_sets() const
{
    return reclaim::share_sets(*model_, model_->params, routes_, {}, {});
}

void FeedValuation::revalue(std::size_t i, RouteValue& rv, const ParamValues& values) const
{
    const Model& model = *model_;
    rv.value = valuers_.at(i).value(rv.recovered, values);
    rv.gross_usd_per_t = per_t(rv.value.gross_usd, feed_.mass_kg);
    rv.costs = costs_of(model, rv.route);
    rv.cost_items_usd.clear();
    rv.cost_usd = 0.0;
    for (const RouteCost* c : rv.costs) {
        rv.cost_items_usd.push_back(values[c->usd_per_kg.index] * feed_.mass_kg);
        rv.cost_usd += rv.cost_items_usd.back();
    }
    rv.net_usd.reset();
    rv.net_usd_per_t.reset();
    rv.break_even.reset();
    if (!rv.costed()) return;
    rv.net_usd = rv.value.gross_usd - rv.cost_usd;
    rv.net_usd_per_t = per_t(*rv.net_usd, feed_.mass_kg);
    rv.break_even = break_even(rv);
}

std::vector<RouteValue> FeedValuation::evaluate(const ParamValues& values)
{
    std::vector<RouteValue> out;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        networks_[i].evaluate(values, Detail::Headline);
        RouteValue rv;
        rv.route = routes_[i];
        rv.recovered = recovered_forms(*model_, networks_[i].solution(), feed_.element_kg);
        revalue(i, rv, values);
        out.push_back(std::move(rv));
    }
    return out;
}

RouteValue value_route(const Model& model, const Feedstock& feed, std::size_t route, const ParamValues& values)
{
    return FeedValuation(model, feed, {route}).evaluate(values).front();
}

void rank_routes(std::vector<RouteValue>& values)
{
    std::stable_sort(values.begin(), values.end(), [](const RouteValue& a, const RouteValue& b) {
        if (a.costed() != b.costed()) return a.costed();
        if (a.costed()) return *a.net_usd_per_t > *b.net_usd_per_t;
        return a.gross_usd_per_t > b.gross_usd_per_t;
    });
}

std::vector<RouteValue> value_routes(const Model& model, const Feedstock& feed, const std::vector<std::size_t>& routes,
                                     const ParamValues& values)
{
    auto out = FeedValuation(model, feed, routes).evaluate(values);
    rank_routes(out);
    return out;
}

double PriceSwing::swing_usd_per_t() const { return std::abs(net_usd_per_t_at_high - net_usd_per_t_at_low); }

std::vector<PriceSwing> price_sensitivity(const Model& model, const Feedstock& feed, const RouteValue& value,
                                          const ParamValues& values)
{
    // The ranged prices, payables and cost items behind the value, each once, with what they belong to.
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
    for (const RouteCost* c : value.costs) consider("cost", model.routes[value.route].id + "/" + c->item, c->usd_per_kg);
    std::vector<ParamId> ids;
    for (const auto& c : candidates) ids.push_back(c.param);
    // Prices and costs do not change where elements go: the route is not solved again.
    const FeedValuation valuation(model, feed, {value.route});
    const Sampler sampler(model.params, ids, ShareSets{}, 0);
    const auto bars = tornado(sampler, ids, [&](const ParamValues& v) {
        ParamValues at = values;
        for (ParamId id : ids) at[id.index] = v[id.index];
        RouteValue rv = value;
        valuation.revalue(0, rv, at);
        return rv.net_usd_per_t.value_or(rv.gross_usd_per_t);
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
