#pragma once
// Uncertainty of a scenario run: the compiled scenario (ScenarioQuestion, headline detail, on the
// elements with demand or a target) evaluated at every sample of the parameters it uses, the
// series, lifetimes and demand included. Per sample the outputs are the recovered mass and the
// recycled share per (element, year), whether each target is met, and the value in one year.

#include <cstddef>
#include <optional>

#include "engine/questions/scenario.hpp"
#include "engine/results.hpp"
#include "engine/uncertainty/runner.hpp"

namespace reclaim {

//! What --sensitivity asks of a run: an element's recycled share in a year.
struct RunOutput {
    std::size_t element = npos;
    int year = 0;
};

//! Runs the samples of `mc` of the scenario; `sensitivity`: the tornado of that output
//! (ScenarioError if the scenario has no demand for it).
RunUncertainty run_uncertainty(const Model& model, const Scenario& scenario, const MonteCarloOptions& mc,
                               std::optional<RunOutput> sensitivity = std::nullopt, std::size_t top = 10);

}  // namespace reclaim
