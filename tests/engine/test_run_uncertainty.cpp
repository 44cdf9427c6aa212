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
    PreparedScenario prepared;
    Loaded(const std::string& data, const std::string& name)
        : model(load_model(data)), scenario(load_scenario(find_scenario(data, name), model)),
          prepared(prepare_scenario(model, scenario))
    {
    }
};

// Every element with demand, every year: the headline kernel against run_scenario().
void check_same(const Loaded& d, const ParamValues& values)
{
    ParamValues balanced = values;  // the kernel balances each share set as it evaluates
    balance_shares(d.model, balanced);
    ScenarioResult r = run_scenario(d.model, d.prepared, balanced);
    std::vector<std::size_t> elements;
    for (Eigen::Index e = 0; e < d.prepared.demand_kg.rows(); ++e)
        if (d.prepared.demand_kg.row(e).maxCoeff() > 0) elements.push_back(static_cast<std::size_t>(e));
    REQUIRE_FALSE(elements.empty());
    ScenarioHeadline h(d.model, d.prepared, elements);
    h.evaluate(values);
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const auto e = static_cast<Eigen::Index>(elements[i]);
        for (Eigen::Index t = 0; t < r.n_years; ++t) {
            const double expected = r.recovered_eol_kg(e, t) + r.recovered_scrap_kg(e, t);
            CHECK(h.recovered_kg()(static_cast<Eigen::Index>(i), t) == Approx(expected).epsilon(1e-11).margin(1e-9));
        }
    }
}

}  // namespace

TEST_CASE("The scenario kernel gives run_scenario()'s recovered mass for the UK and tiny scenarios",
          "[engine][uncertainty][run]")
{
    Loaded uk(RECLAIM_REPO_DIR, "uk-2035");
    check_same(uk, uk.model.params.nominal());
    check_same(uk, sample_params(uk.model.params, 8, 1));
    check_same(uk, sample_params(uk.model.params, 8, 2));
    Loaded tiny(std::string(RECLAIM_TEST_DATA_DIR) + "/tiny", "tiny");
    check_same(tiny, tiny.model.params.nominal());
    check_same(tiny, sample_params(tiny.model.params, 3, 5));
}

TEST_CASE("The probability of meeting a target matches the hand-computed share of the yield's range",
          "[engine][uncertainty][run]")
{
    // tests/data/mc/README.md: met when y >= 0.9 with y ~ uniform(0.5, 1.0): P = 0.2;
    // standard error sqrt(0.2 x 0.8 / 20000) = 0.0028.
    Loaded d(std::string(RECLAIM_TEST_DATA_DIR) + "/mc", "one");
    RunUncertainty u = run_uncertainty(d.model, d.prepared, mc(20000, 9, 2), RunOutput{*d.model.elements.find("Nd"), 2010});
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
    RunUncertainty one = run_uncertainty(d.model, d.prepared, mc(400, 4, 1));
    RunUncertainty two = run_uncertainty(d.model, d.prepared, mc(400, 4, 2));
    REQUIRE(one.targets.size() == two.targets.size());
    for (std::size_t k = 0; k < one.targets.size(); ++k) {
        CHECK(one.targets[k].probability_met == two.targets[k].probability_met);
        CHECK(one.targets[k].recovered_kg.p5 == two.targets[k].recovered_kg.p5);
        CHECK(one.targets[k].recovered_kg.mean == two.targets[k].recovered_kg.mean);
    }
    CHECK(one.adjustments.clipped == two.adjustments.clipped);
}

TEST_CASE("The sensitivity output of a run names a bad element, year or an element without demand", "[engine][uncertainty][run]")
{
    Loaded d(std::string(RECLAIM_TEST_DATA_DIR) + "/mc", "one");
    CHECK(parse_run_output(d.model, d.scenario, "Nd").year == 2010);  // the first target's year
    CHECK(parse_run_output(d.model, d.scenario, "Nd:2011").year == 2011);
    CHECK_THROWS_WITH(parse_run_output(d.model, d.scenario, "Xx:2010"), Catch::Contains("no element 'Xx'"));
    CHECK_THROWS_WITH(parse_run_output(d.model, d.scenario, "Nd:1990"), Catch::Contains("outside the scenario's years 2000-2012"));
    CHECK_THROWS_WITH(parse_run_output(d.model, d.scenario, "Nd:20x"), Catch::Contains("expected ELEMENT:YEAR"));
    CHECK_THROWS_WITH(parse_run_output(d.model, d.scenario, "Fe:2010"), Catch::Contains("no demand for Fe in 2010"));
}
