#pragma once
// Uncertainty of `reclaim improve`: the baseline and every change (but a variant) are compiled
// assessments in models that share the data's parameter table, so one sample gives the baseline
// and each change at the same values, and each change's gain is a difference on common samples.

#include <cstddef>
#include <cstdint>

#include "engine/evaluate/sampler.hpp"
#include "engine/questions/improve.hpp"
#include "engine/uncertainty/runner.hpp"

namespace reclaim {

//! What sampling the gains used.
struct ImproveSampling {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    bool given = false;
    std::size_t ranged_params = 0;
    Adjustments adjustments;
};

//! Samples `imp`'s baseline and changes (made by improve() on `model`) and sets each change's
//! `gain_samples` and `probability_positive`; a variant's stay empty.
ImproveSampling improve_uncertainty(const Model& model, Improvement& imp, const MonteCarloOptions& mc);

}  // namespace reclaim
