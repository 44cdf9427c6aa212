#pragma once
// A generic Monte Carlo runner: N samples of the parameters, each evaluated into a fixed number
// of headline outputs stored in the sample's own slot, so that the results are identical, bit
// for bit, whatever the thread count and the order in which samples run (each sample's values
// come from counter-based streams keyed by (seed, sample, parameter)). Only N x outputs doubles
// are kept, never a whole result per sample. Also: summaries (mean, percentiles, probability),
// a one-at-a-time tornado and first-order variance-based indices (docs/uncertainty.md).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "core/param.hpp"
#include "engine/sampling.hpp"
#include "model/model.hpp"

namespace reclaim {

//! Evaluates one sample: writes the headline outputs into `out` (already sized) and returns how
//! many share sets (transfer coefficients, composition rows, plan rows) it renormalised.
using SampleFn = std::function<std::size_t(const ParamValues& values, std::span<double> out)>;

//! Makes one SampleFn per worker thread, so that each worker owns its scratch memory.
using WorkerFactory = std::function<SampleFn()>;

//! Reports progress: samples done so far out of the total. Called on the calling thread.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

//! How a Monte Carlo run is made. Validate with problems() before use.
struct MonteCarloOptions {
    std::size_t samples = 1000;
    std::uint64_t seed = 1;
    unsigned threads = 0;  //!< 0: std::thread::hardware_concurrency()
    //! Ranged parameters to draw; the others keep their nominal value. nullopt: every ranged one.
    //! A parameter's draws do not depend on which others are drawn, so restricting the list to
    //! the parameters an output can depend on changes nothing but the speed.
    std::optional<std::vector<ParamId>> sampled;
    ProgressFn progress;  //!< optional

    //! Every broken rule, e.g. "samples = 0; violated: samples >= 1"; empty if valid.
    [[nodiscard]] std::vector<std::string> problems() const;
};

//! Moves made to keep samples physical, summed over every sample.
struct Adjustments {
    std::size_t clipped = 0;       //!< drawn values clipped to their Bound ([0, 1], >= 0)
    std::size_t renormalised = 0;  //!< share sets whose sampled sum was not 1 and was rescaled
};

//! The headline outputs of every sample.
struct MonteCarloResult {
    std::size_t samples = 0;
    std::size_t outputs = 0;
    std::uint64_t seed = 0;
    unsigned threads = 0;         //!< threads used (does not change any result)
    std::vector<double> values;   //!< samples x outputs, row-major
    Adjustments adjustments;

    [[nodiscard]] double at(std::size_t sample, std::size_t output) const { return values[sample * outputs + output]; }
    //! One output over every sample, in sample order.
    [[nodiscard]] std::vector<double> column(std::size_t output) const;
};

//! Runs `options.samples` samples. Each worker takes the next sample index from an atomic
//! counter, draws its ParamValues and calls its SampleFn. The first exception (by sample index)
//! of any sample is rethrown after every worker has stopped.
MonteCarloResult run_monte_carlo(const ParamTable& params, std::size_t outputs, const WorkerFactory& make_worker,
                                 const MonteCarloOptions& options);

//! The value of parameter `id` in sample `sample` of a run with `seed`, clipped to its Bound:
//! the same value sample_params() gives it.
double sampled_value(const ParamTable& params, ParamId id, std::uint64_t seed, std::uint64_t sample);

//! Fills `out` with the nominal values, then draws the parameters of `ranged` for `sample`
//! (each clipped to its Bound, counted in `clipped`). Equal to sample_params() on those entries.
void sample_subset_into(const ParamTable& params, const std::vector<ParamId>& ranged, std::uint64_t seed,
                        std::uint64_t sample, const ParamValues& nominal, ParamValues& out, std::size_t* clipped);

//! Mean and percentiles of one output.
struct Summary {
    double mean = 0.0;
    double p5 = 0.0;
    double p50 = 0.0;
    double p95 = 0.0;
    std::size_t count = 0;  //!< finite samples the summary is over (NaN samples are left out)
};

//! The p-quantile (0 <= p <= 1) of sorted values by linear interpolation between order
//! statistics: h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])
//! (Hyndman & Fan 1996, definition 7; numpy's default). NaN for no values.
double percentile_sorted(const std::vector<double>& sorted, double p);

//! Mean, P5, P50 and P95 of the finite entries of `values`; NaN fields when there are none.
Summary summarize(std::vector<double> values);

//! Share of samples whose value is non-zero (a boolean output stored as 0 or 1) [fraction].
double probability(const std::vector<double>& values);

//! One bar of a tornado: the output with one parameter at its low and at its high end, every
//! other parameter nominal.
struct TornadoBar {
    ParamId param;
    double low = 0.0, high = 0.0;                //!< the parameter's ends [its base unit]
    double output_low = 0.0, output_high = 0.0;  //!< the output with the parameter at each end
    std::optional<double> first_order;           //!< variance-based index, when estimated
    [[nodiscard]] double swing() const;          //!< |output_high - output_low|
};

//! One-at-a-time sensitivity of `output` to each of `params` (ranged ones; others are skipped),
//! largest swing first (ties: parameter order), at most `top` bars.
std::vector<TornadoBar> tornado(const ParamTable& table, const std::vector<ParamId>& params,
                                const std::function<double(const ParamValues&)>& output, std::size_t top);

//! Fewest samples for which first_order_index() is estimated (below it: nullopt).
inline constexpr std::size_t kMinSamplesForIndices = 200;

//! First-order variance-based index of parameter `id` for the output `y` of a Monte Carlo run
//! (y[s] = output of sample s; NaN samples left out): the samples are sorted by the parameter's
//! value (regenerated from its stream, not stored) into B = min(50, floor(sqrt(n))) bins of
//! equal count, and S = (SSB - (B - 1) MSW) / (SST + MSW), the omega-squared correction of the
//! between-bin share SSB / SST that removes its noise floor (B - 1) / (n - 1); clipped to [0, 1].
std::optional<double> first_order_index(const ParamTable& params, ParamId id, std::uint64_t seed,
                                        const std::vector<double>& y);

//! Sets of shares that a sample can push off their sum, listed once per question.
//! Transfer coefficients of one (process, element) and composition rows without a balance row
//! must sum to 1: in each such set one row absorbs the difference, so that the other rows keep
//! their sampled values (a yield sampled at 0.95 stays 0.95, its complementary loss becomes
//! 0.05). The absorbing row is the fixed row with the largest nominal share, or, if every row
//! is ranged, the row with the largest nominal share. Only if the other rows alone exceed 1 is
//! the set rescaled proportionally (by the engine).
struct ShareSets {
    std::vector<std::vector<ParamId>> must_sum_to_one;  //!< absorbing row first
    std::vector<std::vector<ParamId>> at_most_one;      //!< composition rows with a balance row,
                                                        //!< plan rows (one class of one plan)
    //! Sets the absorbing row of every must-sum-to-one set to 1 minus the others; returns how
    //! many sets were adjusted (absorbed, or left for proportional rescaling) plus the
    //! at-most-one sets above 1 (rescaled by the engine).
    std::size_t balance(ParamValues& values) const;
};

//! Balances every share set of the whole model in `values` (ShareSets::balance), so that the
//! engine's own functions (assess, run_scenario) see a sample as the Monte Carlo kernels do.
std::size_t balance_shares(const Model& model, ParamValues& values);

//! The share sets of `routes`, `materials` and `plans` that contain a ranged parameter.
ShareSets share_sets(const Model& model, const std::vector<std::size_t>& routes,
                     const std::vector<std::size_t>& materials, const std::vector<std::size_t>& plans);

}  // namespace reclaim
