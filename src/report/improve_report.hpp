#pragma once
// `reclaim improve`: the design changes ranked by gain, as JSON, a table, CSV, and a document
// (Markdown, HTML); with samples, each change's gain P5 to P95 and the chance it is positive.

#include <ostream>

#include <nlohmann/json.hpp>

#include "engine/questions/improve.hpp"
#include "engine/uncertainty/improve_uncertainty.hpp"
#include "model/model.hpp"
#include "report/format.hpp"
#include "report/html.hpp"

namespace reclaim {

//! {"product", "by", "baseline": {...}, "changes": [{"change", "class", "part", "route",
//! "variant", "gain_kg", "gain_value_usd", "gain", "uncertainty"}...], "uncertainty"} (docs/json.md).
nlohmann::json improve_json(const Model& model, const Improvement& imp, const ImproveMeasure& by,
                            const ImproveSampling* sampling = nullptr);

//! "critical", "value" or the element symbol.
std::string measure_name(const Model& model, const ImproveMeasure& by);

//! The terminal table or the CSV.
void write_improvement(std::ostream& out, Format format, const Model& model, const Improvement& imp,
                       const ImproveMeasure& by, const ImproveSampling* sampling = nullptr);

//! The document for Markdown and HTML: the baseline, the ranked changes, the baseline's assumptions.
ReportDocument improve_report(const Model& model, const Improvement& imp, const ImproveSampling* sampling = nullptr);

}  // namespace reclaim
