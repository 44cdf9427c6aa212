// Assessments per second: every product x every plan, at nominal values.
//   - compile: an AssessQuestion per product x plan (contents, plan shares, route networks);
//   - one-shot: assess(model, options) as `reclaim assess` does it (compile + full evaluation);
//   - full evaluation of a compiled question (flows, losses and top losses included);
//   - headline evaluation of a compiled question (what each Monte Carlo sample costs).
// Usage: bench_assess [DATA_DIR] [REPETITIONS]; default data: the repo's root folders, or
// tests/data/tiny when the shipped data is absent.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "cli/defaults.hpp"
#include "engine/questions/assess.hpp"
#include "io/load.hpp"

#include "timing.hpp"

using namespace reclaim;
using reclaim::bench::Clock;
using reclaim::bench::median;
using reclaim::bench::seconds_since;

namespace {

// Calls `sweep` (which does `per_sweep` assessments) until 0.2 s have passed; assessments per second.
double rate(std::size_t per_sweep, const std::function<void()>& sweep)
{
    std::size_t n = 0;
    auto t0 = Clock::now();
    do {
        sweep();
        n += per_sweep;
    } while (seconds_since(t0) < 0.2);
    return static_cast<double>(n) / seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    fs::path data = argc > 1 ? fs::path(argv[1]) : fs::path(RECLAIM_REPO_DIR);
    if (argc <= 1 && !fs::is_regular_file(data / "products/products.csv"))
        data = fs::path(RECLAIM_REPO_DIR) / "tests/data/tiny";
    const int reps = argc > 2 ? std::max(1, std::stoi(argv[2])) : 7;

    try {
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
        const ParamValues values = model.params.nominal();
        const std::vector<std::size_t> critical = cli::critical_elements(model);

        std::vector<AssessOptions> questions;
        for (std::size_t p = 0; p < model.products.size(); ++p) {
            for (std::size_t plan = 0; plan < model.plans.size(); ++plan) {
                AssessOptions o;
                o.product = p;
                o.plan = plan;
                o.amount = Amount::functional_units(1.0, *model.products[p].unit);
                o.critical = critical;
                questions.push_back(o);
            }
        }
        const std::size_t n = questions.size();

        double checksum = 0;
        std::vector<double> compile_s, one_shot, full, headline;
        for (int r = 0; r < reps; ++r) {
            auto t0 = Clock::now();
            std::vector<AssessQuestion> compiled;
            compiled.reserve(n);
            for (const auto& o : questions) compiled.emplace_back(model, o);
            compile_s.push_back(seconds_since(t0));

            one_shot.push_back(rate(n, [&] {
                for (const auto& o : questions) checksum += assess(model, o, values).recyclability_rate;
            }));
            full.push_back(rate(n, [&] {
                for (auto& q : compiled) checksum += q.evaluate(values, Detail::Full).recyclability_rate;
            }));
            headline.push_back(rate(n, [&] {
                for (auto& q : compiled) checksum += q.evaluate(values, Detail::Headline).recyclability_rate;
            }));
        }
        std::printf("data: %s (%zu products, %zu plans, %zu routes, %zu elements)\n", data.c_str(),
                    model.products.size(), model.plans.size(), model.routes.size(), model.elements.size());
        std::printf("load_model:                  %.2f ms (median of %d)\n", 1e3 * median(load_s), reps);
        std::printf("compile %zu questions:       %.3f ms (median of %d; %.1f us per product x plan)\n", n,
                    1e3 * median(compile_s), reps, 1e6 * median(compile_s) / static_cast<double>(n));
        std::printf("assess() one-shot:           %.0f per second (median of %d; compile + full, as `reclaim assess`)\n",
                    median(one_shot), reps);
        std::printf("evaluate, Full:              %.0f per second (median of %d; flows and top losses included)\n",
                    median(full), reps);
        std::printf("evaluate, Headline:          %.0f per second (median of %d; one Monte Carlo sample each)\n",
                    median(headline), reps);
        std::printf("checksum: %.6g\n", checksum);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_assess: %s\n", e.what());
        return 1;
    }
    return 0;
}
