#include <catch2/catch.hpp>

#include <cmath>

#include "support/monte_carlo.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;
using reclaim::test::mc;

namespace {

struct Loaded {
    Model model;
    Scenario scenario;
    Loaded(const std::string& data, const std::string& name)
        : model(load_model(data)), scenario(load_scenario(find_scenario(data, name), model))
    {
    }
};

// Every element with demand, every year: the headline question (what the Monte Carlo evaluates)
// against the full one at the same point, the nominal values and samples `samples` of `seed`.
void check_same(const Loaded& d, std::uint64_t seed, std::size_t samples)
{
    const Scenario& sc = d.scenario;
    std::vector<std::size_t> elements;
    for (std::size_t e = 0; e < sc.demand_kg.size(); ++e)
        if (!sc.demand_kg[e].empty()) elements.push_back(e);
    REQUIRE_FALSE(elements.empty());
    ScenarioQuestion headline(d.model, sc, Detail::Headline, elements);
    ScenarioQuestion full(d.model, sc, Detail::Full);
    const Sampler sampler(sc.params, full.params(), full.share_sets(), seed);
    Adjustments adj;
    ParamValues values;
    for (std::size_t s = 0; s <= samples; ++s) {
        if (s == 0) values = sc.params.nominal();
        else sampler.sample(s - 1, values, adj);
        const ScenarioResult& r = full.evaluate(values);
        const ScenarioResult& h = headline.evaluate(values);
        for (auto element : elements) {
            const auto e = static_cast<Eigen::Index>(element);
            for (Eigen::Index t = 0; t < r.n_years; ++t) {
                const double expected = r.recovered_eol_kg(e, t) + r.recovered_scrap_kg(e, t);
                CHECK(h.recovered_eol_kg(e, t) + h.recovered_scrap_kg(e, t) ==
                      Approx(expected).epsilon(1e-11).margin(1e-9));
                CHECK(h.demand_kg(e, t) == r.demand_kg(e, t));
            }
        }
        for (Eigen::Index t = 0; t < r.n_years; ++t)
            CHECK(h.value_usd[t] == Approx(r.value_usd[t]).epsilon(1e-11).margin(1e-9));
    }
}

}  // namespace

TEST_CASE("The headline scenario question gives the full run's recovered mass for the UK and tiny scenarios",
          "[engine][uncertainty][run]")
{
    Loaded uk(RECLAIM_REPO_DIR, "uk-2035");
    check_same(uk, 1, 4);
    check_same(uk, 2, 2);
    Loaded tiny(std::string(RECLAIM_TEST_DATA_DIR) + "/tiny", "tiny");
    check_same(tiny, 5, 4);
}

TEST_CASE("The probability of meeting a target matches the hand-computed share of the yield's range",
          "[engine][uncertainty][run]")
{
    // tests/data/mc/README.md: met when y >= 0.9 with y ~ uniform(0.5, 1.0): P = 0.2;
    // standard error sqrt(0.2 x 0.8 / 20000) = 0.0028.
    Loaded d(std::string(RECLAIM_TEST_DATA_DIR) + "/mc", "one");
    RunUncertainty u = run_uncertainty(d.model, d.scenario, mc(20000, 9, 2), RunOutput{*d.model.elements.find("Nd"), 2010});
    REQUIRE(u.targets.size() == 1);
    CHECK(u.targets[0].probability_met == Approx(0.2).margin(0.012));
    // P50 of y is 0.75: 600 x 0.75 = 450 kg, share 450 / 2700 = 0.166667.
    CHECK(u.targets[0].recovered_kg.p50 == Approx(450.0).epsilon(0.01));
    CHECK(u.targets[0].recycled_share.p50 == Approx(0.166667).epsilon(0.01));
    // Before 2010 nothing reaches end of life.
    CHECK(u.recovered_kg[0][9].p95 == 0.0);
    CHECK(u.ranged_params == 1);
    CHECK(u.adjustments.renormalised == 20000);  // y + 0.25 != 1 in every sample: the loss absorbs it
    REQUIRE(u.sensitivity);
    REQUIRE(u.sensitivity->bars.size() == 1);
    // share at y = 0.5: 600 x 0.5 / 2700 = 0.111111; at y = 1: 600 / 2700 = 0.222222
    CHECK(u.sensitivity->bars[0].output_low == Approx(0.111111).epsilon(1e-5));
    CHECK(u.sensitivity->bars[0].output_high == Approx(0.222222).epsilon(1e-5));
    REQUIRE(u.sensitivity->bars[0].first_order);
    CHECK(*u.sensitivity->bars[0].first_order > 0.95);  // the only ranged parameter
}

TEST_CASE("A run's uncertainty is the same with one and two threads", "[engine][uncertainty][run]")
{
    Loaded d(std::string(RECLAIM_TEST_DATA_DIR) + "/tiny", "tiny");
    RunUncertainty one = run_uncertainty(d.model, d.scenario, mc(400, 4, 1));
    RunUncertainty two = run_uncertainty(d.model, d.scenario, mc(400, 4, 2));
    REQUIRE(one.targets.size() == two.targets.size());
    for (std::size_t k = 0; k < one.targets.size(); ++k) {
        CHECK(one.targets[k].probability_met == two.targets[k].probability_met);
        CHECK(one.targets[k].recovered_kg.p5 == two.targets[k].recovered_kg.p5);
        CHECK(one.targets[k].recovered_kg.mean == two.targets[k].recovered_kg.mean);
    }
    CHECK(one.adjustments.clipped == two.adjustments.clipped);
}

TEST_CASE("The sensitivity of a run needs demand for its element", "[engine][uncertainty][run]")
{
    // Parsing --sensitivity is the command's (tests/cli/test_cmd_uncertainty.cpp); the engine
    // refuses an element the scenario has no demand or target for.
    Loaded d(std::string(RECLAIM_TEST_DATA_DIR) + "/mc", "one");
    CHECK_THROWS_WITH(run_uncertainty(d.model, d.scenario, mc(10, 1, 1), RunOutput{*d.model.elements.find("Fe"), 2010}),
                      Catch::Contains("no demand for Fe"));
}
