#pragma once
// The one unit table for money per mass: prices (USD per mass of the form, materials/prices.csv)
// and route costs (USD per mass of feed, routes/costs.csv) both accept USD/t and USD/kg.

#include <optional>
#include <string_view>

namespace reclaim {

//! The factor from `unit` to USD per kg (USD/t -> 1e-3, USD/kg -> 1); nullopt for any other.
std::optional<double> usd_per_kg_factor(std::string_view unit);

//! The units usd_per_kg_factor() accepts, for messages: "USD/t or USD/kg".
inline constexpr std::string_view kMoneyPerMassUnits = "USD/t or USD/kg";

}  // namespace reclaim
