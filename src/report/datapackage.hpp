#pragma once
// The Frictionless data package (datapackage.json, Table Schema) that `reclaim run` writes beside
// results.csv, so that generic tools (frictionless, pandas readers of data packages) can validate
// and load the results with every column's type, unit and description (docs/formats.md).

#include <nlohmann/json.hpp>

#include "model/scenario.hpp"

namespace reclaim {

//! {"profile": "tabular-data-package", "name", "title", "description", "resources": [results.csv
//! with its schema: year, element, quantity, value, unit]}.
nlohmann::json run_datapackage(const Scenario& scenario);

}  // namespace reclaim
