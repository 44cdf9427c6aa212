#pragma once
// What an assessment recovers is worth: its recovered forms (Assessment::recovered_by_form)
// valued at the price list through value_forms(), in total and per functional unit.

#include "engine/evaluate/valuer.hpp"
#include "engine/results.hpp"

namespace reclaim {

//! The value of one assessment's recovered forms.
struct AssessValue {
    FormsValue forms;            //!< per form: kg, price, value; unpriced forms have no value
    double total_usd = 0.0;      //!< sum over priced forms [USD]
    double per_unit_usd = 0.0;   //!< total over the assessed functional units [USD per FU]
};

//! Values what `a` recovers at `values` (the assessment's own, normally nominal).
AssessValue assess_value(const Model& model, const Assessment& a, const ParamValues& values);

}  // namespace reclaim
