// Monte Carlo throughput: the UK 2035 scenario (19 products, 2000-2050) with 10,000 samples at
// 1 and 2 threads, and the assessment of every shipped product under the default plan.
// Reports wall time, samples per second per core and the 1 -> 2 thread scaling (medians).
// Usage: bench_monte_carlo [SAMPLES] [REPETITIONS] [DATA_DIR]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

#include "timing.hpp"

using namespace reclaim;
using reclaim::bench::Clock;
using reclaim::bench::median;
using reclaim::bench::seconds_since;

namespace {

MonteCarloOptions options(std::size_t n, unsigned threads)
{
    MonteCarloOptions o;
    o.samples = n;
    o.seed = 1;
    o.threads = threads;
    return o;
}

void report(const char* what, std::size_t n, const std::vector<double>& t1, const std::vector<double>& t2, int reps)
{
    const double m1 = median(t1), m2 = median(t2);
    std::printf("%s, %zu samples (median of %d):\n", what, n, reps);
    std::printf("  1 thread:  %.3f s  %8.0f samples/s per core\n", m1, static_cast<double>(n) / m1);
    std::printf("  2 threads: %.3f s  %8.0f samples/s per core\n", m2, static_cast<double>(n) / m2 / 2.0);
    std::printf("  scaling 1 -> 2 threads: %.2fx (efficiency %.0f%%)\n", m1 / m2, 50.0 * m1 / m2);
}

}  // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::stoul(argv[1])) : 10000;
    const int reps = argc > 2 ? std::max(1, std::stoi(argv[2])) : 5;
    const fs::path data = argc > 3 ? fs::path(argv[3]) : fs::path(RECLAIM_REPO_DIR);
    std::printf("machine: %u hardware threads\n", std::thread::hardware_concurrency());

    Model model = load_model(data);
    Scenario sc = load_scenario(find_scenario(data, "uk-2035"), model);
    auto t0 = Clock::now();
    PreparedScenario prepared = prepare_scenario(model, sc);
    std::printf("prepare_scenario: %.2f ms; %zu products, %d years, %zu ranged parameters sampled\n",
                1e3 * seconds_since(t0), prepared.products.size(), prepared.n_years,
                ScenarioHeadline(model, prepared, {0}).ranged().size());

    double checksum = 0.0;
    std::vector<double> t1, t2;
    for (int r = 0; r < reps; ++r) {
        for (unsigned threads : {1u, 2u}) {
            auto t = Clock::now();
            RunUncertainty u = run_uncertainty(model, prepared, options(n, threads));
            (threads == 1 ? t1 : t2).push_back(seconds_since(t));
            for (const auto& target : u.targets) checksum += target.probability_met + target.recycled_share.p50;
        }
    }
    report("UK 2035 scenario (reclaim run --samples)", n, t1, t2, reps);

    // Every product under the default plan, N samples each.
    auto plan = default_plan(model);
    std::vector<double> a1, a2;
    for (int r = 0; r < reps; ++r) {
        for (unsigned threads : {1u, 2u}) {
            auto t = Clock::now();
            for (std::size_t p = 0; p < model.products.size(); ++p) {
                AssessOptions o;
                o.product = p;
                o.plan = *plan;
                o.amount = Amount::functional_units(1.0, *model.products[p].unit);
                checksum += assess_uncertainty(model, o, options(n, threads)).recyclability_rate.p50;
            }
            (threads == 1 ? a1 : a2).push_back(seconds_since(t));
        }
    }
    std::printf("\n");
    report(("assess of all " + std::to_string(model.products.size()) + " products (samples per product)").c_str(), n,
           a1, a2, reps);
    std::printf("checksum: %.6g\n", checksum);
    return 0;
}
