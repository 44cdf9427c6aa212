#pragma once
// What `assess`, `compare` and `run` share for uncertainty: --samples, --seed, --threads,
// --sensitivity, and the progress bar drawn from the runner's progress callback.

#include <chrono>
#include <cstdint>
#include <string>

#include "cli/context.hpp"
#include "engine/monte_carlo.hpp"

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

//! --samples N --seed S --threads T --sensitivity WHAT, filled by CLI11.
struct MonteCarloArgs {
    std::size_t samples = 0;  //!< 0: no Monte Carlo
    std::uint64_t seed = 1;
    unsigned threads = 0;     //!< 0: every core
    std::string sensitivity;  //!< empty: none (or the command's default)

    //! Registers the options on `cmd`; `sensitivity_help` says what --sensitivity takes there.
    void add_to(CLI::App* cmd, const std::string& sensitivity_help);
    //! --sensitivity as an element of `model` (assess, compare); nullopt if not given,
    //! LookupError if the element does not exist.
    [[nodiscard]] std::optional<std::size_t> sensitivity_element(const Model& model) const;
    [[nodiscard]] bool enabled() const { return samples > 0; }
    //! The runner's options, with `bar` as the progress callback (may be null).
    [[nodiscard]] MonteCarloOptions options(ProgressBar* bar) const;
};

}  // namespace reclaim::cli
