#pragma once
// `reclaim improve`: the design changes ranked by gain, as JSON, a table, CSV or Markdown.

#include <ostream>

#include <nlohmann/json.hpp>

#include "engine/questions/improve.hpp"
#include "model/model.hpp"
#include "report/format.hpp"

namespace reclaim {

//! {"product", "by", "baseline": {...}, "changes": [{"change", "class", "part", "route",
//! "variant", "gain_kg", "gain_value_usd", "gain"}...]} (docs/json.md).
nlohmann::json improve_json(const Model& model, const Improvement& imp, const ImproveMeasure& by);

//! "critical", "value" or the element symbol.
std::string measure_name(const Model& model, const ImproveMeasure& by);

void write_improvement(std::ostream& out, Format format, const Model& model, const Improvement& imp,
                       const ImproveMeasure& by);

}  // namespace reclaim
