#pragma once
// Monte Carlo sampling of the model's parameters: one ParamValues vector per sample, each
// parameter drawn from its own counter-based stream (seed, sample index, parameter index).

#include <cstddef>
#include <cstdint>

#include "core/param.hpp"
#include "core/random.hpp"

namespace reclaim {

//! Draws one value of `p` from `rng` (no clipping).
double draw(const Param& p, CounterRng& rng);

//! How many sampled values were moved to stay physical.
struct SampleAdjustments {
    std::size_t clipped = 0;  //!< fractions clipped to [0, 1], masses clipped at 0
};

//! The values of every parameter for sample `sample` of a run with `seed`: fixed parameters
//! keep their value; ranged ones are drawn, then clipped to their Bound (counted in `adj`).
//! Transfer coefficients and composition rows are renormalised where they are used
//! (route_solver, flatten), so a sample's shares always sum to 1.
ParamValues sample_params(const ParamTable& table, std::uint64_t seed, std::uint64_t sample,
                          SampleAdjustments* adj = nullptr);

//! Fills `out` (resized) as sample_params does, reusing its storage.
void sample_params_into(const ParamTable& table, std::uint64_t seed, std::uint64_t sample, ParamValues& out,
                        SampleAdjustments* adj = nullptr);

}  // namespace reclaim
