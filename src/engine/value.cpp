#include "engine/value.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/formula.hpp"
#include "engine/flatten.hpp"

namespace reclaim {

namespace {

using Eigen::Index;

Index ix(std::size_t i) { return static_cast<Index>(i); }

constexpr std::string_view kRecovered = "recovered:";

// Elements that traded forms carry as anions, water or reagents (CO3, SO4, OH, F, PO4, Cl):
// their mass comes from the process chemicals, not from the feed, so it does not make more of
// the form. Only when a form holds nothing else (graphite, sulfur) do they count.
bool reagent_like(std::string_view symbol)
{
    static const std::set<std::string_view> reagents{"H", "C", "N", "O", "F", "P", "S", "Cl"};
    return reagents.count(symbol) > 0;
}

// One formula unit as "element:amount," in element order: the identity of a substance.
std::string formula_key(const FormulaAmounts& f)
{
    auto amounts = f.amounts;
    std::sort(amounts.begin(), amounts.end());
    std::string key = "f:";
    for (auto& [e, n] : amounts) key += fmt::format("{}:{:.6g},", e, n);
    return key;
}

// The identity of a form name without evaluating compositions (for price matching).
std::string form_key(const Model& model, const std::string& name)
{
    if (auto mi = model.find_material(name)) {
        const Material& m = model.materials[*mi];
        if (m.formula.empty()) return "m:" + m.id;
        return formula_key(parse_formula(m.formula, model.elements));  // validated at load
    }
    try {
        return formula_key(parse_formula(name, model.elements));
    } catch (const FormulaError&) {
        return "n:" + name;
    }
}

Eigen::VectorXd to_vector(const Model& model, const std::vector<std::pair<std::size_t, double>>& pairs)
{
    Eigen::VectorXd v = Eigen::VectorXd::Zero(ix(model.elements.size()));
    for (auto& [e, f] : pairs) v[ix(e)] += f;
    return v;
}

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

FormInfo resolve_form(const Model& model, const std::string& form, const std::vector<Eigen::VectorXd>& compositions)
{
    FormInfo info;
    info.name = form;
    info.key = form_key(model, form);
    const std::size_t n = model.elements.size();
    if (auto mi = model.find_material(form)) {
        const Material& m = model.materials[*mi];
        info.fractions = m.formula.empty() ? compositions.at(*mi) : to_vector(model, m.formula_fractions);
        info.resolved = true;
    } else {
        try {
            info.fractions = to_vector(model, mass_fractions(parse_formula(form, model.elements), model.elements));
            info.resolved = true;
        } catch (const FormulaError&) {
            info.fractions = Eigen::VectorXd::Zero(ix(n));
        }
    }
    info.basis.assign(n, false);
    if (!info.resolved) return info;
    bool any_metal = false;
    for (std::size_t e = 0; e < n; ++e) {
        if (info.fractions[ix(e)] > 0 && !reagent_like(model.elements[e].symbol)) {
            info.basis[e] = true;
            any_metal = true;
        }
    }
    if (!any_metal)
        for (std::size_t e = 0; e < n; ++e) info.basis[e] = info.fractions[ix(e)] > 0;
    return info;
}

Eigen::VectorXd form_kg_weights(const FormInfo& form)
{
    const auto n = ix(form.basis.size());
    if (!form.resolved) return Eigen::VectorXd::Ones(n);
    // Several elements into one form (NdPr oxide, an alloy): their routed kg together over
    // their mass fraction together, so that a feed whose Nd:Pr ratio differs from the form's
    // nominal one still gives the oxide mass its rare-earth content makes.
    double fraction = 0.0;
    for (Eigen::Index e = 0; e < n; ++e)
        if (form.basis[static_cast<std::size_t>(e)]) fraction += form.fractions[e];
    Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
    if (!(fraction > 0)) return w;
    for (Eigen::Index e = 0; e < n; ++e)
        if (form.basis[static_cast<std::size_t>(e)]) w[e] = 1.0 / fraction;
    return w;
}

double form_mass_kg(const FormInfo& form, const Eigen::VectorXd& element_kg, double* other_kg)
{
    if (!form.resolved) {
        if (other_kg) *other_kg = 0.0;
        return element_kg.sum();
    }
    double other = 0.0;
    for (std::size_t e = 0; e < form.basis.size(); ++e)
        if (!form.basis[e]) other += element_kg[ix(e)];
    if (other_kg) *other_kg = other;
    return form_kg_weights(form).dot(element_kg);
}

double form_kg_per_element_kg(const Model& model, const std::string& form, std::size_t element)
{
    auto info = resolve_form(model, form, material_compositions(model, model.params.nominal()));
    if (!info.resolved) throw LookupError("'" + form + "' is neither a material id nor a chemical formula");
    double w = info.fractions[ix(element)];
    if (w <= 0)
        throw LookupError("form '" + form + "' contains no " + model.elements[element].symbol);
    return 1.0 / w;
}

std::vector<RecoveredForm> recovered_forms(const Model& model, const RouteSolution& solution,
                                           const Eigen::VectorXd& feed_kg)
{
    const Route& route = model.routes.at(solution.route);
    std::vector<RecoveredForm> out;
    for (std::size_t k = 0; k < route.sinks.size(); ++k) {
        if (!is_recovered_sink(route.sinks[k])) continue;
        Eigen::VectorXd kg = feed_kg.cwiseProduct(solution.sink_yield.col(ix(k)));
        out.push_back(RecoveredForm{route.sinks[k].substr(kRecovered.size()), kg});
    }
    return out;
}

void add_forms(std::vector<RecoveredForm>& into, const std::vector<RecoveredForm>& more)
{
    for (const auto& f : more) {
        auto it = std::find_if(into.begin(), into.end(), [&](const RecoveredForm& g) { return g.form == f.form; });
        if (it == into.end()) into.push_back(f);
        else it->element_kg += f.element_kg;
    }
}

const Price* price_of(const Model& model, const FormInfo& form)
{
    const Price* best = nullptr;
    for (const auto& p : model.prices) {
        if (form_key(model, p.form) != form.key) continue;
        // Dates are YYYY[-MM[-DD]], so the later one sorts later as text.
        if (!best || p.date > best->date) best = &p;
    }
    return best;
}

FormValuer::FormValuer(const Model& model, const std::vector<std::string>& forms,
                       const std::vector<Eigen::VectorXd>& compositions)
{
    for (const auto& name : forms) {
        forms_.push_back(resolve_form(model, name, compositions));
        prices_.push_back(price_of(model, forms_.back()));
    }
}

double FormValuer::usd_per_kg(std::size_t i, const ParamValues& values) const
{
    const Price* p = prices_.at(i);
    if (!p) return 0.0;
    return values[p->usd_per_kg.index] * (p->payable.valid() ? values[p->payable.index] : 1.0);
}

Eigen::VectorXd FormValuer::usd_per_element_kg(std::size_t i, const ParamValues& values) const
{
    return form_kg_weights(forms_.at(i)) * usd_per_kg(i, values);
}

FormsValue FormValuer::value(const std::vector<RecoveredForm>& forms, const ParamValues& values) const
{
    FormsValue out;
    for (std::size_t i = 0; i < forms.size(); ++i) {
        const RecoveredForm& rf = forms[i];
        const FormInfo& info = forms_.at(i);
        FormValue v;
        v.form = rf.form;
        v.resolved = info.resolved;
        v.element_kg = rf.element_kg;
        v.kg = form_mass_kg(info, rf.element_kg, &v.other_kg);
        v.price = prices_[i];
        if (v.price) {
            v.price_usd_per_kg = values[v.price->usd_per_kg.index];
            v.payable = v.price->payable.valid() ? values[v.price->payable.index] : 1.0;
            v.value_usd = v.kg * v.price_usd_per_kg * v.payable;
            out.gross_usd += v.value_usd;
        } else if (v.kg > 0) {
            ++out.unpriced;
        }
        out.forms.push_back(std::move(v));
    }
    return out;
}

FormsValue value_forms(const Model& model, const std::vector<RecoveredForm>& forms, const ParamValues& values)
{
    std::vector<std::string> names;
    for (const auto& f : forms) names.push_back(f.form);
    return FormValuer(model, names, material_compositions(model, values)).value(forms, values);
}

Feedstock material_feed(const Model& model, std::size_t material, double mass_kg, const ParamValues& values)
{
    auto compositions = material_compositions(model, values);
    return Feedstock{model.materials.at(material).id, false, mass_kg, 0.0, compositions.at(material) * mass_kg};
}

Feedstock product_feed_units(const Model& model, std::size_t product, double units, const ParamValues& values)
{
    ClassContent content = flatten_product(model, product, values);
    Eigen::VectorXd per_unit = content.colwise().sum().transpose();
    return Feedstock{model.products.at(product).id, true, per_unit.sum() * units, units, per_unit * units};
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
    std::vector<PriceSwing> out;
    std::set<std::uint32_t> seen;
    auto consider = [&](std::string kind, std::string label, ParamId id) {
        const Param& p = model.params[id];
        if (!p.ranged() || !seen.insert(id.index).second) return;
        PriceSwing s{std::move(kind), std::move(label), id, p.low, p.high, 0.0, 0.0};
        ParamValues v = values;
        RouteValue rv = value;
        v[id.index] = p.low;
        revalue(model, feed, rv, v);
        s.net_usd_per_t_at_low = rv.net_usd_per_t;
        v[id.index] = p.high;
        revalue(model, feed, rv, v);
        s.net_usd_per_t_at_high = rv.net_usd_per_t;
        out.push_back(std::move(s));
    };
    for (const auto& f : value.value.forms) {
        if (!f.price || f.kg <= 0) continue;
        consider("price", f.form, f.price->usd_per_kg);
        if (f.price->payable.valid()) consider("payable", f.form, f.price->payable);
    }
    if (value.cost) consider("cost", model.routes[value.route].id, value.cost->usd_per_kg);
    std::stable_sort(out.begin(), out.end(),
                     [](const PriceSwing& a, const PriceSwing& b) { return a.swing_usd_per_t() > b.swing_usd_per_t(); });
    return out;
}

}  // namespace reclaim
