#pragma once
// `reclaim assess` and `reclaim compare` as HTML reports: headline, per-element table, a
// Sankey diagram per critical element from Assessment::flows, the largest losses with their
// causes, and the assumptions table. Tables, CSV, JSON and Markdown stay in assess_report.hpp.

#include <cstddef>
#include <vector>

#include "engine/assess.hpp"
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

//! Every parameter an assessment used: BoM quantities of the product and its sub-assemblies,
//! composition fractions of their materials, the plan's shares and the transfer
//! coefficients of every route that received feed.
std::vector<ParamId> assessment_params(const Model& model, const Assessment& a);

//! The report of one assessment.
ReportDocument assess_report(const Model& model, const Assessment& a, bool plan_defaulted = false);

//! The report of assessments of one product side by side (as `reclaim compare`).
ReportDocument compare_report(const Model& model, const std::vector<Assessment>& as);

}  // namespace reclaim
