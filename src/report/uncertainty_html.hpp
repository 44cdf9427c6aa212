#pragma once
// The Monte Carlo parts of the HTML and Markdown reports (ReportDocument blocks): the tornado
// as a chart and a table with each parameter's file:line and source. The P5-P95 tables and
// bands live with the report they belong to (assess_html, run_html); every number here is a
// number of the JSON (uncertainty_report.hpp) through sig()/percent().

#include "engine/uncertainty/assess_uncertainty.hpp"
#include "model/model.hpp"
#include "report/html.hpp"

namespace reclaim {

//! The tornado as a table: rank, parameter (file:line), column, low, value, high, the output at
//! the parameter's low and high end, swing, first-order index S1 ("-" without one) and source.
//! `fractions`: the output is a fraction, printed with percent(); else with sig().
ReportTable tornado_table(const Model& model, const Sensitivity& s, bool fractions);

//! A heading, a sentence on the method, the tornado chart (svg.hpp tornado_svg) and its table.
//! `unit` of the output when it is not a fraction (e.g. "kg").
void add_tornado(ReportDocument& doc, const Model& model, const Sensitivity& s, bool fractions,
                 const std::string& unit = {});

//! "P5 – P95" of two already formatted numbers, as every report cell writes a range.
std::string range_text(const std::string& p5, const std::string& p95);

}  // namespace reclaim
