#pragma once
// The Material Circularity Indicator of `assess` as JSON ("mci", docs/json.md) and as the line
// the table prints.

#include <ostream>

#include <nlohmann/json.hpp>

#include "engine/questions/circularity.hpp"

namespace reclaim {

//! {"mci", "lfi", "utility", "mass_kg", "virgin_kg", ..., "inputs": {...}} (docs/json.md).
nlohmann::json circularity_json(const Circularity& c, const CircularityOptions& options);

//! "Material Circularity Indicator: 0.361 (LFI 0.71, F(X) 0.9; recycled content 0%, ...)".
void write_circularity(std::ostream& out, const Circularity& c, const CircularityOptions& options);

}  // namespace reclaim
