#include "engine/questions/run_value.hpp"

#include <set>

#include "engine/evaluate/contents.hpp"

namespace reclaim {

RunValue run_value(const Model& model, const ScenarioResult& result, const ParamValues& values)
{
    FormValuer valuer(model, result.forms, material_compositions(model, values));
    RunValue v;
    v.forms = result.forms;
    v.form_kg = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(result.forms.size()), result.n_years);
    v.usd = result.value_usd;
    // The mass of a form is linear in the element masses routed into it: one row-vector product
    // with the form's weights per year.
    for (std::size_t f = 0; f < result.forms.size(); ++f) {
        const Eigen::MatrixXd& kg = result.recovered_form_kg[f];  // elements x years
        v.prices.push_back(valuer.price(f));
        const Price* p = valuer.price(f);
        v.price_usd_per_kg.push_back(p ? values[p->usd_per_kg.index] : 0.0);
        v.payable.push_back(p && p->payable.valid() ? values[p->payable.index] : 1.0);
        v.form_kg.row(static_cast<Eigen::Index>(f)) = form_kg_weights(valuer.form(f)).transpose() * kg;
    }
    return v;
}

std::vector<std::string> RunValue::unpriced() const
{
    std::vector<std::string> out;
    for (std::size_t f = 0; f < forms.size(); ++f)
        if (!prices[f] && form_kg.row(static_cast<Eigen::Index>(f)).maxCoeff() > 0) out.push_back(forms[f]);
    return out;
}

std::vector<std::string> RunValue::price_dates() const
{
    std::set<std::string> dates;
    for (std::size_t f = 0; f < forms.size(); ++f)
        if (prices[f] && form_kg.row(static_cast<Eigen::Index>(f)).maxCoeff() > 0) dates.insert(prices[f]->date);
    return {dates.begin(), dates.end()};
}

}  // namespace reclaim
