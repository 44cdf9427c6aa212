#pragma once
// The value section of `reclaim assess` and `reclaim compare`: what the recovered forms are
// worth at the price list, with the price dates and rows. docs/json.md pins the JSON keys.

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/questions/assess_value.hpp"
#include "model/model.hpp"
#include "report/format.hpp"

namespace reclaim {

//! The forms with mass and no price (their value is unknown, not zero), in the assessment's order.
std::vector<std::string> unpriced_names(const AssessValue& value);

//! Where a price row is: "materials/prices.csv:4".
std::string price_origin(const Model& model, const Price& price);

//! Whether assessment k of `values` has the highest total value (ties all best; none if nothing has value).
bool is_best_value(const std::vector<AssessValue>& values, std::size_t k);

//! The distinct price dates behind the priced forms of all `values`, oldest first.
std::vector<std::string> all_price_dates(const std::vector<AssessValue>& values);

//! {"total_usd", "per_unit_usd", "forms": [as in `reclaim value`], "price_dates", "unpriced_forms"
//! (how many), "unpriced" (their names), "prices_note"}.
nlohmann::json assess_value_json(const Model& model, const AssessValue& value);

//! Table or Markdown: the total and per-unit value, the price dates, one row per form.
void write_assess_value(std::ostream& out, Format format, const Model& model, const Assessment& a,
                        const AssessValue& value);

//! {"total_usd": {id: USD}, "per_unit_usd": {id: USD/FU}, "best": [ids], "price_dates"}; one
//! entry of `values` per assessment.
nlohmann::json compare_value_json(const Model& model, const std::vector<Assessment>& as,
                                  const std::vector<AssessValue>& values);

//! Table or Markdown: total and per-unit value per plan or route, the best marked `*`.
void write_compare_value(std::ostream& out, Format format, const Model& model, const std::vector<Assessment>& as,
                         const std::vector<AssessValue>& values);

}  // namespace reclaim
