#pragma once
// Uncertainty of a static assessment: the compiled assessment (AssessQuestion) evaluated at every
// sample of the parameters it uses, summarised per element (recovered mass, recovery rate), for
// the recyclability rate and the value, with a tornado for one element's recovered mass.

#include <cstddef>
#include <optional>

#include "engine/questions/assess.hpp"
#include "engine/results.hpp"
#include "engine/uncertainty/runner.hpp"

namespace reclaim {

//! Runs the samples of `mc` of the assessment `options` and, when `sensitivity_element` is
//! given, the tornado of that element's recovered mass (top `top`), with first-order indices
//! when the sample budget allows. LookupError if the product contains no such element.
AssessUncertainty assess_uncertainty(const Model& model, const AssessOptions& options, const MonteCarloOptions& mc,
                                     std::optional<std::size_t> sensitivity_element = std::nullopt,
                                     std::size_t top = 10);

}  // namespace reclaim
