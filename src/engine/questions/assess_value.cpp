#include "engine/questions/assess_value.hpp"

namespace reclaim {

AssessValue assess_value(const Model& model, const Assessment& a, const ParamValues& values)
{
    std::vector<RecoveredForm> forms;
    for (std::size_t f = 0; f < a.forms.size(); ++f)
        forms.push_back(RecoveredForm{a.forms[f], a.recovered_by_form.col(static_cast<Eigen::Index>(f))});
    AssessValue v;
    v.forms = value_forms(model, forms, values);
    v.total_usd = v.forms.gross_usd;
    v.per_unit_usd = a.functional_units > 0 ? v.total_usd / a.functional_units : 0.0;
    return v;
}

}  // namespace reclaim
