#pragma once
// `reclaim assess` and `reclaim compare` as HTML reports: headline, per-element table, a
// Sankey diagram per critical element from Assessment::flows, the largest losses with their
// causes, with Monte Carlo P5-P95 and the tornado, and the assumptions table. --format md renders
// the same document; the terminal tables, CSV and JSON stay in assess_report.hpp.

#include <cstddef>
#include <vector>

#include "engine/questions/assess.hpp"
#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/questions/assess_value.hpp"
#include "model/model.hpp"
#include "report/html.hpp"
#include "report/sankey_layout.hpp"

namespace reclaim {

//! The flow graph of one element of an assessment: treatment classes -> collection ->
//! route processes -> recovered forms and named losses, plus uncollected and untreated;
//! link values in kg times `per_kg` (1e-3 for tonnes).
SankeyGraph assessment_flow_graph(const Model& model, const Assessment& a, std::size_t element, double per_kg = 1.0);

//! The elements an assessment report draws: the critical ones (Nd Pr Dy Tb Li Co Ni) the
//! product contains, or, if it contains none, its three largest by mass.
std::vector<std::size_t> report_elements(const Model& model, const Assessment& a);

//! The report of one assessment. With `uncertainty` (Monte Carlo of the same assessment) it adds
//! P5-P95 of the recyclability rate and of each element's recovered mass and recovery rate, and
//! the tornado when there is one.
//! With `value` (assess_value of the same assessment) it adds "Value of what is recovered".
ReportDocument assess_report(const Model& model, const Assessment& a, bool plan_defaulted = false,
                             const AssessUncertainty* uncertainty = nullptr, const AssessValue* value = nullptr);

//! The report of assessments of one product side by side (as `reclaim compare`); with
//! `uncertainty` (one per assessment, same samples) P5-P95 per element and treatment; with `values`
//! (one per assessment) the value of each, the best marked.
ReportDocument compare_report(const Model& model, const std::vector<Assessment>& as,
                              const std::vector<AssessUncertainty>* uncertainty = nullptr,
                              const std::vector<AssessValue>* values = nullptr);

}  // namespace reclaim
