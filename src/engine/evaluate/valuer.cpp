#include "engine/evaluate/valuer.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/formula.hpp"
#include "engine/evaluate/contents.hpp"

namespace reclaim {

namespace {

using Eigen::Index;

Index ix(std::size_t i) { return static_cast<Index>(i); }

// Elements that traded forms carry as anions, water or reagents (CO3, SO4, OH, F, PO4, Cl):
// their mass comes from the process chemicals, not from the feed, so it does not make more of
// the form. Only when a form holds nothing else (graphite, sulfur) do they count.
bool reagent_like(std::string_view symbol)
{
    static const std::set<std::string_view> reagents{"H", "C", "N", "O", "F", "P", "S", "Cl"};
    return reagents.count(symbol) > 0;
}

Eigen::VectorXd to_vector(const Model& model, const std::vector<std::pair<std::size_t, double>>& pairs)
{
    Eigen::VectorXd v = Eigen::VectorXd::Zero(ix(model.elements.size()));
    for (auto& [e, f] : pairs) v[ix(e)] += f;
    return v;
}

}  // namespace

FormInfo resolve_form(const Model& model, const std::string& form, const std::vector<Eigen::VectorXd>& compositions)
{
    FormInfo info;
    info.name = form;
    info.key = model.form_key(form);
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
        if (model.form_key(p.form) != form.key) continue;
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

}  // namespace reclaim
