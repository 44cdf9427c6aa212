#pragma once
// Uncertainty of `reclaim value`: the routes' feed values (FeedValuation, the one evaluation of
// value) at every sample of their transfer coefficients, prices, payables and cost items, run by
// the Monte Carlo runner; per route P5/P50/P95 of gross and net per tonne and P(net > 0), and
// per pair of costed routes P(A beats B) on common samples.

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/questions/feed_value.hpp"
#include "engine/uncertainty/runner.hpp"

namespace reclaim {

//! One route's value over the samples.
struct RouteValueUncertainty {
    std::size_t route = npos;
    Summary gross_usd_per_t;                     //!< [USD per tonne of feed]
    std::optional<Summary> net_usd_per_t;        //!< none without cost data
    std::optional<double> probability_positive;  //!< share of samples with net > 0 [fraction]
};

//! P(route `a` beats route `b`): the share of samples where a's net per tonne exceeds b's.
struct BeatProbability {
    std::size_t a = npos, b = npos;
    double probability = 0.0;
};

struct ValueUncertainty {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    bool given = false;
    std::size_t ranged_params = 0;
    Adjustments adjustments;
    std::vector<RouteValueUncertainty> routes;  //!< in the order given
    std::vector<BeatProbability> beats;         //!< every pair of costed routes, a before b in the order given
};

//! Runs the samples of `mc` of `feed` through `routes` (ranked order: the beats are "earlier
//! beats later").
ValueUncertainty value_uncertainty(const Model& model, const Feedstock& feed, const std::vector<std::size_t>& routes,
                                   const MonteCarloOptions& mc);

}  // namespace reclaim
