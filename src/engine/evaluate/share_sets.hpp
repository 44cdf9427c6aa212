#pragma once
// Sets of shares that must keep their sum: the transfer coefficients of one (process, element),
// the composition rows of one material, the plan rows of one class (or of one product's class).
// A sampled point can push a set off its sum; ShareSets::balance is the one rule that puts it
// back, for every sampled point of every question (docs/uncertainty.md, "Share sets").

#include <cstddef>
#include <vector>

#include "core/param.hpp"
#include "model/model.hpp"

namespace reclaim {

//! The share sets of one question that contain a ranged parameter.
//! Sets that must sum to 1 (transfer coefficients; composition rows without a balance row) are
//! balanced by one absorbing row, so that the other rows keep their sampled values (a yield
//! sampled at 0.95 stays 0.95 and its complementary loss becomes 0.05). The absorbing row is the
//! fixed row with the largest nominal share, or, if every row is ranged, the row with the
//! largest nominal share. Only where the other rows alone exceed 1 is the set left to the
//! evaluator, which divides it by its sum. Sets that must stay at most 1 (composition rows
//! beside a balance row; plan rows of one class) are divided by their sum by the evaluator when
//! a sample takes them above 1.
struct ShareSets {
    std::vector<std::vector<ParamId>> must_sum_to_one;  //!< absorbing row first
    std::vector<std::vector<ParamId>> at_most_one;

    //! Sets the absorbing row of every must-sum-to-one set to 1 minus the others; returns how
    //! many sets were adjusted (absorbed, or left for proportional rescaling) plus the
    //! at-most-one sets above 1.
    std::size_t balance(ParamValues& values) const;
};

//! The share sets of `routes`, `materials` and `plans` that contain a ranged parameter of `table`.
ShareSets share_sets(const Model& model, const ParamTable& table, const std::vector<std::size_t>& routes,
                     const std::vector<std::size_t>& materials, const std::vector<std::size_t>& plans);

}  // namespace reclaim
