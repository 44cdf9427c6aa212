#pragma once
// What would flip each verdict: every ranged parameter of a scenario at its low and at its high
// end, every other parameter nominal (the one-at-a-time rule of sensitivity.hpp), evaluated once
// per end for all targets at once; the ends at which a target's met/not met changes are its flips.

#include <vector>

#include "engine/questions/targets.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! Sets `flips` of each of `targets` (analyse_targets of `scenario`, in its target order).
void add_target_flips(const Model& model, const Scenario& scenario, std::vector<TargetAnalysis>& targets);

}  // namespace reclaim
