#pragma once
// `reclaim run` as an HTML report: the targets headline, a time series per element with a
// target (recovered from end-of-life and from scrap, stacked, against demand x target share,
// with Monte Carlo a P5-P95 band), the target year's flows as a Sankey diagram and its largest
// losses, the tornado, and the assumptions.

#include <vector>

#include "engine/uncertainty/run_uncertainty.hpp"
#include "engine/questions/run_value.hpp"
#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "report/html.hpp"
#include "report/sankey_layout.hpp"

namespace reclaim {

//! One element's flows in year index `t` [t]: end-of-life products -> collected/uncollected,
//! collected -> untreated/treatment, manufacturing scrap -> treatment, treatment -> recovered
//! and each named loss.
SankeyGraph run_flow_graph(const ScenarioResult& result, std::size_t element, int t);

//! The report of a run. With `uncertainty` (Monte Carlo over the same run) it adds to each
//! target the probability of meeting it and P5-P95 of the recycled share, a P5-P95 band on each
//! time series and the tornado. With `value` (run_value of the same run) it adds the value of what
//! is recovered in the first target's year to the headline and a table of its forms.
ReportDocument run_report(const Model& model, const Scenario& scenario,
                          const ScenarioResult& result, const std::vector<TargetAnalysis>& targets,
                          const RunUncertainty* uncertainty = nullptr, const RunValue* value = nullptr);

}  // namespace reclaim
