#include "cli/monte_carlo_args.hpp"

#include <algorithm>
#include <iostream>

#include <unistd.h>

namespace reclaim::cli {

ProgressBar::ProgressBar(const Globals& g, std::string label)
    : enabled_(!g.quiet && isatty(STDERR_FILENO) != 0), label_(std::move(label)),
      start_(std::chrono::steady_clock::now())
{
}

ProgressBar::~ProgressBar()
{
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
}

void ProgressBar::update(std::size_t done, std::size_t total)
{
    if (!enabled_ || total == 0) return;
    // Short runs finish before the bar would be readable: stay quiet for the first second.
    if (!drawn_ && std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    drawn_ = true;
    constexpr std::size_t width = 30;
    const std::size_t filled = std::min(width, done * width / total);
    std::cerr << '\r' << label_ << " [" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
              << done << "/" << total << std::flush;
}

void MonteCarloArgs::add_to(CLI::App* cmd, const std::string& sensitivity_help)
{
    auto* n = cmd->add_option("--samples", samples, "Monte Carlo samples over every ranged parameter (default: none)")
                  ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
    cmd->add_option("--seed", seed, "random seed: the same seed gives the same samples (default 1)")->needs(n);
    cmd->add_option("--threads", threads, "worker threads (default: every core); results do not depend on it")
        ->check(CLI::Range(1u, 1024u))
        ->needs(n);
    cmd->add_option("--sensitivity", sensitivity, sensitivity_help)->needs(n);
}

MonteCarloOptions MonteCarloArgs::options(ProgressBar* bar) const
{
    MonteCarloOptions o;
    o.samples = samples;
    o.seed = seed;
    o.threads = threads;
    if (bar) o.progress = [bar](std::size_t done, std::size_t total) { bar->update(done, total); };
    return o;
}

std::optional<std::size_t> MonteCarloArgs::sensitivity_element(const Model& model) const
{
    if (sensitivity.empty()) return std::nullopt;
    auto element = model.elements.find(sensitivity);
    if (!element) throw LookupError("--sensitivity: no element '" + sensitivity + "' (see `reclaim list elements`)");
    return element;
}

}  // namespace reclaim::cli
