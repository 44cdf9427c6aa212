#pragma once
// The Monte Carlo runner: N samples of a question, each evaluated into a fixed number of headline
// outputs. Samples run in chunks: every thread evaluates samples of the chunk into the chunk's
// buffer, then every thread summarises its share of the outputs, in sample order. So memory is
// bounded by the outputs (one chunk, one StreamingSummary per output, and the full columns of the
// few outputs the sensitivity needs), and the results are identical, bit for bit, whatever the
// thread count (the samples come from counter-based streams, the summaries see sample order).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/param.hpp"
#include "engine/evaluate/sampler.hpp"
#include "engine/uncertainty/summaries.hpp"

namespace reclaim {

//! Evaluates one sample: writes the headline outputs into `out` (already sized).
using SampleFn = std::function<void(const ParamValues& values, std::span<double> out)>;

//! Makes one SampleFn per worker thread, so that each worker owns its scratch memory.
using WorkerFactory = std::function<SampleFn()>;

//! Reports progress: samples done so far out of the total. Called on the calling thread.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

//! How a Monte Carlo run is made. Validate with problems() before use.
struct MonteCarloOptions {
    std::size_t samples = 1000;  //!< with `given`: at most its rows (0: all of them)
    std::uint64_t seed = 1;
    unsigned threads = 0;        //!< 0: std::thread::hardware_concurrency()
    const GivenSamples* given = nullptr;  //!< `--samples-in`: these values instead of draws
    ProgressFn progress;         //!< optional
    double memory_bytes = 0.0;   //!< what the run may take [bytes]; 0: half the machine's memory

    //! Every broken rule, e.g. "samples = 0; violated: samples >= 1"; empty if valid.
    [[nodiscard]] std::vector<std::string> problems() const;
};

//! What a run keeps of its outputs.
struct MonteCarloResult {
    std::size_t samples = 0;
    std::size_t outputs = 0;
    std::uint64_t seed = 0;
    unsigned threads = 0;               //!< threads used (does not change any result)
    std::vector<Summary> summaries;     //!< per output
    std::vector<std::size_t> kept;      //!< outputs whose every sample is kept
    std::vector<std::vector<double>> columns;  //!< per kept output, every sample in order
    Adjustments adjustments;

    //! The samples of a kept output; UsageError if `output` was not kept.
    [[nodiscard]] const std::vector<double>& column(std::size_t output) const;
};

//! Samples per chunk.
inline constexpr std::size_t kChunkSamples = 2048;

//! Bytes a run takes beyond the question itself, estimated up front: the chunk buffer, one
//! summary per output, and per kept output its column and the sort of its first-order index
//! [bytes]. Grows with `samples`.
double monte_carlo_bytes(std::size_t samples, std::size_t outputs, std::size_t kept);

//! Where largest_samples() stops looking [samples].
inline constexpr std::size_t kMaxSamplesSearched = std::size_t{1} << 50;

//! The largest sample count whose monte_carlo_bytes() is within `budget_bytes` (0 if not even
//! one sample fits; at most kMaxSamplesSearched).
std::size_t largest_samples(std::size_t outputs, std::size_t kept, double budget_bytes);

//! Runs the samples `sampler` gives. Throws UsageError for invalid options or, before
//! allocating, for a run that would take more than options.memory_bytes (saying how much it
//! would need and the largest --samples that fits); the first exception (by sample index) of any
//! sample is rethrown after every worker has stopped.
MonteCarloResult run_monte_carlo(const Sampler& sampler, std::size_t outputs, const std::vector<std::size_t>& keep,
                                 const WorkerFactory& make_worker, const MonteCarloOptions& options);

//! The sampler of `options`: draws with its seed, or its given samples.
Sampler make_sampler(const ParamTable& table, const std::vector<ParamId>& used, ShareSets sets,
                     const MonteCarloOptions& options);

}  // namespace reclaim
