#pragma once
// Writers of Monte Carlo results beside the deterministic ones (docs/uncertainty.md,
// docs/json.md "Uncertainty"): a summary is {"mean", "p5", "p50", "p95"}; an object that has a
// deterministic value gets an "uncertainty" object beside it holding the summaries.

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/uncertainty/runner.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "model/model.hpp"
#include "report/format.hpp"

namespace reclaim {

//! {"mean", "p5", "p50", "p95"}; null fields when no sample was finite.
nlohmann::json summary_json(const Summary& s);

//! How a Monte Carlo run was made, the same block in every command's JSON: {"samples", "seed",
//! "samples_in", "ranged_params", "adjustments": {"clipped", "renormalised"}}.
nlohmann::json sampling_json(std::size_t samples, std::uint64_t seed, bool given, std::size_t ranged_params,
                             const Adjustments& adjustments);

//! {"output", "nominal", "method", "parameters": [{"file", "line", "column", "source", "dist",
//! "low", "value", "high", "output_low", "output_high", "swing", "first_order"}]}.
nlohmann::json sensitivity_json(const Model& model, const Sensitivity& s);

//! Adds the uncertainty of an assessment to its JSON (assess_json()): per element
//! "uncertainty": {"recovered_kg", "recovery_rate"} and a top-level "uncertainty": {"samples",
//! "seed", "ranged_params", "adjustments", "recyclability_rate", "sensitivity"}.
void add_uncertainty_json(nlohmann::json& assessment, const Model& model, const AssessUncertainty& u);

//! The Monte Carlo section after an assessment's table (table, md): P5-P95 per element, the
//! recyclability rate, the adjustments and the tornado. CSV: one row per element with the
//! deterministic values and their summaries.
void write_assess_uncertainty(std::ostream& out, Format format, const Model& model, const Assessment& a,
                              const AssessUncertainty& u);

//! The Monte Carlo section after a comparison's table: recovered P5-P95 per element and plan or route.
void write_compare_uncertainty(std::ostream& out, Format format, const Model& model, const std::vector<Assessment>& as,
                               const std::vector<AssessUncertainty>& us);

//! The tornado as a table: rank, parameter (file:line), its range, the output at each end, swing, S1.
void write_tornado(std::ostream& out, Format format, const Model& model, const Sensitivity& s);

//! Adds the uncertainty of a run to its JSON (run_json()): per target "uncertainty":
//! {"recovered_t", "recycled_share", "probability_met"}; per element with demand "uncertainty":
//! {"recovered_t", "recycled_share"}, each {"mean", "p5", "p50", "p95"} of arrays by year; and a
//! top-level "uncertainty": {"samples", "seed", "ranged_params", "adjustments", "sensitivity"}.
void add_run_uncertainty_json(nlohmann::json& run, const Model& model, const Scenario& scenario,
                              const RunUncertainty& u);

//! The Monte Carlo section after a run's headline: per target P5-P95 of the recycled share and
//! the probability of meeting it, then the tornado.
void write_run_uncertainty(std::ostream& out, Format format, const Model& model, const Scenario& scenario,
                           const RunUncertainty& u);

//! "1000 samples, seed 1; 12 values clipped, 3400 share sets renormalised".
std::string monte_carlo_line(std::size_t samples, std::uint64_t seed, const Adjustments& adj);

}  // namespace reclaim
