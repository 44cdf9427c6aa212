#pragma once
// Writers for `reclaim value`: recovered forms, their prices (with dates and sources), route
// costs, net value per tonne of feed, routes ranked, and the price tornado. docs/json.md
// ("value") pins the JSON keys.

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/questions/feed_value.hpp"
#include "engine/uncertainty/value_uncertainty.hpp"
#include "io/price_overrides.hpp"
#include "model/model.hpp"
#include "report/format.hpp"

namespace reclaim {

//! One form: {"form", "kg", "price_usd_per_kg", "value_usd", "priced", "payable", "price_date",
//! "price_source", "price_origin", ...}; price and value are null when unpriced.
nlohmann::json form_value_json(const Model& model, const FormValue& form);

//! A set of valued forms: {"forms": [...], "gross_usd", "unpriced_forms", "price_dates"}.
nlohmann::json forms_value_json(const Model& model, const FormsValue& value);

//! The distinct price dates behind priced forms, oldest first.
std::vector<std::string> price_dates(const FormsValue& value);

//! "prices of 2025-06-18 to 2025-09-30 (materials/prices.csv)": for tables and footers.
std::string price_dates_note(const Model& model, const std::vector<std::string>& dates);

//! What a `value` run adds to the valuation: the --price overrides and, with --samples, the
//! uncertainty (over the routes in the order of the valuation).
struct ValueExtras {
    std::vector<AppliedOverride> overrides;
    const ValueUncertainty* uncertainty = nullptr;
};

//! JSON of `reclaim value`: {"feedstock", "mass_kg", "routes": [...], "sensitivity": [...], ...}.
nlohmann::json value_json(const Model& model, const Feedstock& feed, const std::vector<RouteValue>& routes,
                          const std::vector<std::vector<PriceSwing>>& swings,
                          const std::vector<RefusedRoute>& left_out = {}, const ValueExtras& extras = {});

//! `reclaim value` as a table, Markdown, CSV (one row per route and form) or JSON.
//! `left_out`: the routes not ranked because they do not take the feed.
void write_value(std::ostream& out, Format format, const Model& model, const Feedstock& feed,
                 const std::vector<RouteValue>& routes, const std::vector<std::vector<PriceSwing>>& swings,
                 const std::vector<RefusedRoute>& left_out = {}, const ValueExtras& extras = {});

}  // namespace reclaim
