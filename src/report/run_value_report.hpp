#pragma once
// The value section of `reclaim run`: what the recovered forms are worth per year, with the price
// dates. docs/json.md ("run", "value") pins the JSON keys.

#include <ostream>

#include <nlohmann/json.hpp>

#include "engine/questions/run_value.hpp"
#include "model/scenario.hpp"
#include "report/format.hpp"

namespace reclaim {

//! {"usd": [per year], "forms_kg": {form: [per year]}, "prices": {form: {"price_usd_per_kg", "payable", "date",
//! "origin", "source"}}, "price_dates", "unpriced", "prices_note"}.
nlohmann::json run_value_json(const Model& model, const RunValue& value);

//! The year the headline values: the first target's, else the last year of the run.
int value_headline_year(const Scenario& scenario, const ScenarioResult& result);

//! One line (table or Markdown): "Value of what is recovered in 2035: 1.2e+08 USD (...)".
void write_run_value_headline(std::ostream& out, Format format, const Model& model, const Scenario& scenario,
                              const ScenarioResult& result, const RunValue& value);

}  // namespace reclaim
