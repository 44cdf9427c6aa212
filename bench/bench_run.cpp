// Times `reclaim run` in process (Monte Carlo aside: bench_monte_carlo): on the shipped UK scenario (tests/data/tiny's `tiny` until the
// shipped data is present) and on a synthetic scenario 100 times larger (10x the products on the
// market, 10x the years). Prints medians.
//
//   build/release/bench/bench_run [REPEATS]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "engine/uncertainty/target_flips.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/run_report.hpp"

#include "timing.hpp"

using namespace reclaim;
namespace fs = std::filesystem;
using reclaim::bench::Clock;

namespace {

double median_ms(int repeats, const std::function<void()>& f)
{
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = Clock::now();
        f();
        ms.push_back(1e3 * reclaim::bench::seconds_since(t0));
    }
    return reclaim::bench::median(ms);
}

// Everything `reclaim run` computes after loading, Monte Carlo aside: the question compiled, the
// run, both inverse questions (two more evaluations), the flips (two headline evaluations per
// ranged parameter), the JSON.
std::size_t compute(const Model& model, const Scenario& sc)
{
    const ParamValues values = sc.params.nominal();
    ScenarioQuestion question(model, sc, Detail::Full);
    ScenarioResult r = question.evaluate(values);
    auto targets = analyse_targets(question, values, r);
    add_target_flips(model, sc, targets);
    return run_json(model, sc, r, targets).dump().size();
}

// The stages of compute(), each the median of `repeats` [ms].
struct Stages {
    double compile = 0, evaluate = 0, targets = 0, flips = 0, json = 0;
};

Stages stages(const Model& model, const Scenario& sc, int repeats)
{
    std::vector<double> c, e, t, f, j;
    const ParamValues values = sc.params.nominal();
    for (int i = 0; i < repeats; ++i) {
        auto t0 = Clock::now();
        ScenarioQuestion question(model, sc, Detail::Full);
        c.push_back(1e3 * reclaim::bench::seconds_since(t0));
        t0 = Clock::now();
        ScenarioResult r = question.evaluate(values);
        e.push_back(1e3 * reclaim::bench::seconds_since(t0));
        t0 = Clock::now();
        auto targets = analyse_targets(question, values, r);
        t.push_back(1e3 * reclaim::bench::seconds_since(t0));
        t0 = Clock::now();
        add_target_flips(model, sc, targets);
        f.push_back(1e3 * reclaim::bench::seconds_since(t0));
        t0 = Clock::now();
        volatile std::size_t n = run_json(model, sc, r, targets).dump().size();
        (void)n;
        j.push_back(1e3 * reclaim::bench::seconds_since(t0));
    }
    using reclaim::bench::median;
    return {median(c), median(e), median(t), median(f), median(j)};
}

void print_stages(const Stages& s)
{
    std::printf("    of which: compile %.2f ms, evaluate %.2f ms, analyse_targets %.2f ms, flips %.2f ms, "
                "run_json + dump %.2f ms\n",
                s.compile, s.evaluate, s.targets, s.flips, s.json);
}

// Each product on the market cloned `products` times (same BoM, lifetime and series) and the
// horizon stretched back to `years` times as many years.
void enlarge(Model& model, Scenario& sc, int products, int years)
{
    const std::size_t n = model.products.size();
    for (std::size_t p = 0; p < n; ++p) {
        if (sc.put_on_market[p].empty()) continue;
        for (int k = 1; k < products; ++k) {
            Product copy = model.products[p];
            copy.id += "_x" + std::to_string(k);
            std::size_t i = model.products.size();
            model.product_index.add(copy.id, i);
            model.products.push_back(copy);
            if (const Lifetime* l = sc.lifetime_of(model, p)) {
                Lifetime lc = *l;
                lc.product = i;
                model.lifetimes.push_back(lc);
            }
            sc.put_on_market.push_back(sc.put_on_market[p]);
            sc.collection.push_back(sc.collection[p]);
        }
    }
    sc.first_year = sc.last_year - years * sc.years() + 1;
}

}  // namespace

int main(int argc, char** argv)
{
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 11;
    fs::path repo = RECLAIM_REPO_DIR;
    fs::path data = repo;
    std::string name = "uk-2035";
    if (!fs::is_regular_file(repo / "materials/elements.csv") || !fs::is_directory(repo / "scenarios/uk-2035")) {
        data = repo / "tests/data/tiny";
        name = "tiny";
    }
    try {
        Model model = load_model(data);
        Scenario sc = load_scenario(find_scenario(data, name), model);
        std::size_t on_market = 0;
        for (const auto& s : sc.put_on_market) on_market += s.empty() ? 0 : 1;

        double load = median_ms(repeats, [&] {
            Model m = load_model(data);
            Scenario s = load_scenario(find_scenario(data, name), m);
        });
        double run = median_ms(repeats, [&] { compute(model, sc); });
        std::printf("scenario %s (%s): %zu products on the market x %d years\n", name.c_str(), data.c_str(), on_market,
                    sc.years());
        std::printf("  load data + scenario        median %9.2f ms\n", load);
        std::printf("  run + targets + JSON        median %9.2f ms  (3 full runs, 2 headline runs per ranged parameter)\n", run);
        print_stages(stages(model, sc, repeats));

        Model big = model;
        Scenario big_sc = sc;
        enlarge(big, big_sc, 10, 10);
        std::size_t big_on_market = 0;
        for (const auto& s : big_sc.put_on_market) big_on_market += s.empty() ? 0 : 1;
        double big_run = median_ms(std::max(1, repeats / 2), [&] { compute(big, big_sc); });
        std::printf("synthetic x100: %zu products on the market x %d years\n", big_on_market, big_sc.years());
        std::printf("  run + targets + JSON        median %9.2f ms\n", big_run);
        print_stages(stages(big, big_sc, std::max(1, repeats / 2)));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_run: %s\n", e.what());
        return 1;
    }
    return 0;
}
