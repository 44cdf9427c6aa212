#pragma once
// The one sampler: the parameter values of Monte Carlo sample s of a question. Each ranged
// parameter is drawn by its inverse distribution function from one uniform of a counter-based
// stream keyed by (seed, s, stream key), so a sample does not depend on the thread count or on
// the order samples run in. Parameters that share a stream key (the points of one series, the
// rows of one `group`) share that uniform: one quantile per sample. Drawn values are clipped to
// their Bound, then the question's share sets are balanced (share_sets.hpp). Given samples
// (`--samples-in`) replace the draws with the values of a file, balanced the same way.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/param.hpp"
#include "model/model.hpp"
#include "engine/evaluate/share_sets.hpp"

namespace reclaim {

//! The value of `p` at quantile `u` in (0, 1) of its distribution (its nominal value if fixed).
double quantile(const Param& p, double u);

//! `v` clipped to the Bound of `p`; `clipped` (optional) counts a change.
double clip_to_bound(const Param& p, double v, std::size_t* clipped = nullptr);

//! Moves made to keep samples physical, summed over every sample.
struct Adjustments {
    std::size_t clipped = 0;       //!< drawn values clipped to their Bound ([0, 1], >= 0)
    std::size_t renormalised = 0;  //!< share sets whose sampled sum was not kept and were balanced
};

class Sampler {
public:
    //! Samples the ranged parameters among `used` (or the columns of `given`), balancing `sets`.
    Sampler(const ParamTable& table, const std::vector<ParamId>& used, ShareSets sets, std::uint64_t seed,
            const GivenSamples* given = nullptr);

    [[nodiscard]] const ParamTable& table() const { return *table_; }
    [[nodiscard]] std::uint64_t seed() const { return seed_; }
    //! The nominal value of every parameter of the table.
    [[nodiscard]] const ParamValues& nominal() const { return nominal_; }
    //! The parameters a sample sets: the ranged ones among `used`, or the given columns.
    [[nodiscard]] const std::vector<ParamId>& sampled() const { return sampled_; }
    //! How many samples there are to take: the given rows, or unlimited.
    [[nodiscard]] std::size_t available() const;
    [[nodiscard]] bool given() const { return given_ != nullptr; }

    //! Fills `out` with sample `s`: nominal values, the sampled parameters drawn (or given) and
    //! clipped, share sets balanced; counts both in `adj`.
    void sample(std::uint64_t s, ParamValues& out, Adjustments& adj) const;
    //! The value of sampled parameter `id` in sample `s`, before balancing (the x of the
    //! variance-based indices); its nominal value if it is not sampled.
    [[nodiscard]] double value(ParamId id, std::uint64_t s) const;
    //! Balances the share sets of a point that is not a sample (a tornado's end); returns how
    //! many sets moved.
    std::size_t balance(ParamValues& values) const { return sets_.balance(values); }

private:
    const ParamTable* table_;
    std::uint64_t seed_;
    const GivenSamples* given_;
    ShareSets sets_;
    ParamValues nominal_;
    std::vector<ParamId> sampled_;
    std::vector<std::uint64_t> keys_;  //!< per sampled parameter: its stream key
    //! Where `id` is in sampled_ (its column, for given samples); npos if not sampled.
    [[nodiscard]] std::size_t position(ParamId id) const;
};

}  // namespace reclaim
