#pragma once
// Writers for `reclaim run`: the headline table of the targets, results.json (docs/json.md,
// "run") and results.csv (long format: year, element, quantity, value, unit).

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "report/format.hpp"

namespace reclaim {

//! Elements with any end-of-life content, scrap or demand in the run, in element table order.
std::vector<std::size_t> run_elements(const ScenarioResult& result);

//! The run as JSON: {"scenario", "years", "survival", "elements", "products", "targets", ...}.
nlohmann::json run_json(const Model& model, const Scenario& scenario, const ScenarioResult& result,
                        const std::vector<TargetAnalysis>& targets);

//! Every yearly quantity of every element in long format, masses in t.
void write_run_csv(std::ostream& out, const Model& model, const ScenarioResult& result);

//! The headline: one row per target (table or Markdown; CSV gives the same rows).
void write_run_headline(std::ostream& out, Format format, const Model& model, const Scenario& scenario,
                        const ScenarioResult& result, const std::vector<TargetAnalysis>& targets);

//! The sentence the headline and the report give for where demand comes from.
std::string demand_basis_text(DemandBasis basis);

//! What the headline prints for a lever: percent(value) when reachable, "not reachable: at most
//! 12.3% <at_max>" when not (12.3% = the recycled share at the lever's maximum), "n/a" when the
//! lever does not apply to the element.
std::string lever_text(const LeverSolution& lever, double value, const std::string& at_max);

//! The magnet-extraction lever of a target as the headline prints it: the share of the magnet
//! class that must go to the extraction route, "met as is (X%)", "not reachable: at most X% ..."
//! or "n/a" (no lever in the scenario, or the element is not in magnets).
std::string magnet_lever_text(const Scenario& scenario, const TargetAnalysis& target);

//! What would flip the target's verdict, in words: "Not met if any one of these is at its end
//! (the others nominal): products/bom.csv:100 value at its low 40 (19.38%); ..." (at most
//! three, then how many more), or that no single parameter's range changes it.
std::string flips_text(const TargetAnalysis& target);

}  // namespace reclaim
