#pragma once
// The "Value of what is recovered" sections of the HTML and Markdown reports of `assess`,
// `compare` and `run`: the same numbers as the JSON's "value" (through sig()), each priced form
// with its price, date and price row (file:line), unpriced forms named and never counted as zero.

#include <vector>

#include "engine/questions/assess.hpp"
#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/questions/assess_value.hpp"
#include "engine/questions/run_value.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "report/html.hpp"

namespace reclaim {

//! One row per form with mass: form, kg, price [USD/kg], payable, value [USD], price date, price row.
ReportTable assess_value_table(const Model& model, const AssessValue& value);

//! The assess report's section: total [USD], per functional unit [USD/FU], with `uncertainty` the
//! total's P5-P95, the table of forms and the unpriced forms named.
void add_assess_value(ReportDocument& doc, const Model& model, const Assessment& a, const AssessValue& value,
                      const AssessUncertainty* uncertainty = nullptr);

//! The compare report's section: total [USD] and per unit [USD/FU] per treatment, the best marked.
void add_compare_value(ReportDocument& doc, const Model& model, const std::vector<Assessment>& as,
                       const std::vector<AssessValue>& values);

//! The run report's headline sentence: the value in value_headline_year() [USD] and the price
//! dates; with `u` (a Monte Carlo run) also the value's P5 – P95 over the samples.
void add_run_value_headline(ReportDocument& doc, const Model& model, const Scenario& scenario,
                            const ScenarioResult& result, const RunValue& value, const RunUncertainty* u = nullptr);

//! One row per form with mass in `year`: form, kg, price [USD/kg], payable, value [USD], price
//! date, price row; a last row with the year's total.
ReportTable run_value_table(const Model& model, const ScenarioResult& result, const RunValue& value, int year);

//! The run report's section: the table of forms in value_headline_year() and a bar chart of it.
void add_run_value(ReportDocument& doc, const Model& model, const Scenario& scenario, const ScenarioResult& result,
                   const RunValue& value);

}  // namespace reclaim
