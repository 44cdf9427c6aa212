// Assessments per second: every product x every plan, at nominal values, routes solved once.
// Usage: bench_assess [DATA_DIR] [REPETITIONS]; default data: the repo's root folders, or
// tests/data/tiny when the shipped data is absent.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/questions/assess.hpp"
#include "io/load.hpp"

#include "timing.hpp"

using namespace reclaim;
using reclaim::bench::Clock;
using reclaim::bench::median;
using reclaim::bench::seconds_since;

namespace {

}  // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    fs::path data = argc > 1 ? fs::path(argv[1]) : fs::path(RECLAIM_REPO_DIR);
    if (argc <= 1 && !fs::is_regular_file(data / "products/products.csv"))
        data = fs::path(RECLAIM_REPO_DIR) / "tests/data/tiny";
    const int reps = argc > 2 ? std::max(1, std::stoi(argv[2])) : 7;

    std::vector<double> load_s;
    Model model;
    for (int r = 0; r < reps; ++r) {
        auto t0 = Clock::now();
        model = load_model(data);
        load_s.push_back(seconds_since(t0));
    }
    if (model.plans.empty()) {
        std::fprintf(stderr, "bench_assess: %s has no plan\n", data.c_str());
        return 1;
    }

    // One pass: a fresh SolvedModel (contents + route solves) and every product x plan.
    std::vector<double> rate, solve_s;
    std::size_t n = 0;
    double checksum = 0;
    for (int r = 0; r < reps; ++r) {
        auto t0 = Clock::now();
        SolvedModel solved(model);
        for (std::size_t k = 0; k < model.routes.size(); ++k) (void)solved.route(k);
        solve_s.push_back(seconds_since(t0));
        n = 0;
        auto t1 = Clock::now();
        // Repeat the sweep until it has run for at least 0.2 s, for a stable rate.
        do {
            for (std::size_t p = 0; p < model.products.size(); ++p) {
                for (std::size_t plan = 0; plan < model.plans.size(); ++plan) {
                    AssessOptions o;
                    o.product = p;
                    o.plan = plan;
                    o.amount = Amount::functional_units(1.0, *model.products[p].unit);
                    checksum += assess(solved, o).recyclability_rate;
                    ++n;
                }
            }
        } while (seconds_since(t1) < 0.2);
        rate.push_back(static_cast<double>(n) / seconds_since(t1));
    }
    std::printf("data: %s (%zu products, %zu plans, %zu routes, %zu elements)\n", data.c_str(),
                model.products.size(), model.plans.size(), model.routes.size(), model.elements.size());
    std::printf("load_model:        %.2f ms (median of %d)\n", 1e3 * median(load_s), reps);
    std::printf("contents + solves: %.3f ms (median of %d)\n", 1e3 * median(solve_s), reps);
    std::printf("assessments:       %.0f per second (median of %d, product x plan, flows and top losses included)\n",
                median(rate), reps);
    std::printf("checksum: %.6g\n", checksum);
    return 0;
}
