#include "cli/monte_carlo_args.hpp"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include <unistd.h>

#include "cli/option_checks.hpp"
#include "io/load_samples.hpp"

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
    cmd->add_option("--seed", seed, "random seed: the same seed gives the same samples (default 1)")
        ->check(seed_check())
        ->needs(n);
    cmd->add_option("--threads", threads, "worker threads (default: every core); results do not depend on it")
        ->check(CLI::Range(1u, 1024u));
    auto* in = cmd->add_option("--samples-in", samples_in,
                               "evaluate at the parameter values of FILE (CSV: a column per parameter named "
                               "file:line:column, a row per sample) instead of drawing them");
    in->check(CLI::ExistingFile);
    cmd->add_option("--sensitivity", sensitivity, sensitivity_help);
}

MonteCarloOptions MonteCarloArgs::options(ProgressBar* bar, const ParamTable& table)
{
    MonteCarloOptions o;
    o.samples = samples;
    o.seed = seed;
    o.threads = threads;
    if (!samples_in.empty()) {
        // Read once: `compare` asks for the options of every column.
        if (given_.rows.empty()) given_ = load_given_samples(samples_in, table);
        o.given = &given_;
    }
    if (bar) o.progress = [bar](std::size_t done, std::size_t total) { bar->update(done, total); };
    return o;
}

void MonteCarloArgs::validate() const
{
    if (!sensitivity.empty() && !enabled()) throw UsageError("--sensitivity needs --samples N or --samples-in FILE");
    if (threads != 0 && !enabled()) throw UsageError("--threads needs --samples N or --samples-in FILE");
}

std::optional<std::size_t> MonteCarloArgs::sensitivity_element(const Model& model) const
{
    if (sensitivity.empty()) return std::nullopt;
    auto element = model.elements.find(sensitivity);
    if (!element) throw LookupError("--sensitivity: no element '" + sensitivity + "' (see `reclaim list elements`)");
    return element;
}

RunOutput parse_run_output(const Model& model, const Scenario& sc, const std::string& text)
{
    const auto colon = text.find(':');
    const std::string symbol = text.substr(0, colon);
    RunOutput out;
    auto e = model.elements.find(symbol);
    if (!e) throw UsageError("--sensitivity '" + text + "': no element '" + symbol + "' (see `reclaim list elements`)");
    out.element = *e;
    if (colon == std::string::npos) {
        if (sc.targets.empty())
            throw UsageError("--sensitivity '" + text + "': give a year (e.g. " + symbol + ":2035); the scenario has no target");
        out.year = sc.targets.front().year;
    } else {
        const std::string year = text.substr(colon + 1);
        const bool digits = !year.empty() && year.size() <= 6 &&
                            std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits) throw UsageError("--sensitivity '" + text + "': expected ELEMENT:YEAR, e.g. Nd:2035");
        out.year = std::stoi(year);
    }
    if (out.year < sc.first_year || out.year > sc.last_year)
        throw UsageError(fmt::format("--sensitivity '{}': {} is outside the scenario's years {}-{}", text, out.year,
                                     sc.first_year, sc.last_year));
    // With demand from what is put on the market, an element the products contain has demand.
    const auto demanded = demanded_elements(model, sc);
    const bool demand = sc.demand_basis == DemandBasis::PutOnMarket
                            ? std::find(demanded.begin(), demanded.end(), out.element) != demanded.end()
                            : out.element < sc.demand_kg.size() && !sc.demand_kg[out.element].empty() &&
                                  sc.demand_kg[out.element].at(out.year, sc.params.nominal()) > 0;
    if (!demand)
        throw UsageError(fmt::format("--sensitivity '{}': the scenario has no demand for {} in {}, so no recycled share",
                                     text, symbol, out.year));
    return out;
}

}  // namespace reclaim::cli
