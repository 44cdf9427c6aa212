#pragma once
// What `assess`, `compare` and `run` share for uncertainty: --samples, --seed, --threads,
// --sensitivity, and the progress bar drawn from the runner's progress callback.

#include <chrono>
#include <cstdint>
#include <string>

#include "cli/context.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "engine/uncertainty/runner.hpp"
#include "model/scenario.hpp"

namespace reclaim::cli {

//! A one-line progress bar on standard error, drawn only when standard error is a terminal,
//! -q is not given and the run has taken longer than about a second; erased when done.
class ProgressBar {
public:
    ProgressBar(const Globals& g, std::string label);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    //! The callback for MonteCarloOptions::progress.
    void update(std::size_t done, std::size_t total);

private:
    bool enabled_;
    bool drawn_ = false;
    std::string label_;
    std::chrono::steady_clock::time_point start_;
};

//! --samples N --seed S --threads T --sensitivity WHAT --samples-in FILE, filled by CLI11.
struct MonteCarloArgs {
    std::size_t samples = 0;  //!< 0: no Monte Carlo (or, with --samples-in, every row)
    std::uint64_t seed = 1;
    unsigned threads = 0;     //!< 0: every core
    std::string sensitivity;  //!< empty: none (or the command's default)
    std::string samples_in;   //!< --samples-in FILE: evaluate at these values instead of drawing

    //! Registers the options on `cmd`; `sensitivity_help` says what --sensitivity takes there.
    void add_to(CLI::App* cmd, const std::string& sensitivity_help);
    //! --sensitivity as an element of `model` (assess, compare); nullopt if not given,
    //! LookupError if the element does not exist.
    [[nodiscard]] std::optional<std::size_t> sensitivity_element(const Model& model) const;
    //! UsageError for --sensitivity or --threads without --samples or --samples-in.
    void validate() const;
    [[nodiscard]] bool enabled() const { return samples > 0 || !samples_in.empty(); }
    //! The runner's options, with `bar` as the progress callback (may be null); with
    //! --samples-in, the file is read against `table` (InputError naming file and line).
    [[nodiscard]] MonteCarloOptions options(ProgressBar* bar, const ParamTable& table);

private:
    GivenSamples given_;
};

//! Parses --sensitivity of `run`: "Nd:2035" (or "Nd" for the first target's year); UsageError
//! naming the text when the element is unknown, the year outside the scenario or the element has
//! no demand then.
RunOutput parse_run_output(const Model& model, const Scenario& scenario, const std::string& text);

}  // namespace reclaim::cli
