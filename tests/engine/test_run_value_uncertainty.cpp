// The value of what a run recovers over Monte Carlo samples: by hand on tests/data/value-mc
// (tests/data/value with only the cobalt sulfate price ranged, uniform 4-8 USD/kg), and equal to
// run_value() at nominal values on the shipped UK scenario.

#include <catch2/catch.hpp>

#include "engine/uncertainty/run_uncertainty.hpp"
#include "engine/questions/run_value.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;

TEST_CASE("A run's value in the target year follows a uniform cobalt sulfate price", "[engine][value][uncertainty]")
{
    const std::string data = std::string(RECLAIM_TEST_DATA_DIR) + "/value-mc";
    Model model = load_model(data);
    Scenario sc = load_scenario(find_scenario(data, "value-run"), model);
    PreparedScenario p = prepare_scenario(model, sc);
    MonteCarloOptions mc;
    mc.samples = 20000;
    mc.seed = 7;
    mc.threads = 2;
    RunUncertainty u = run_uncertainty(model, p, mc);
    // In 2030 (the Co target's year): 100 cells x 0.09 kg Li -> li2co3 (73.888/13.88 kg per kg)
    // at a fixed 10 USD/kg = 479.11 USD; cobalt: 100 x 0.19 kg through hydro + 9 of 10 kg scrap
    // through pyro = 28 kg Co -> 28 x 281.094194/58.933194 = 133.55 kg CoSO4·7H2O, paid 80%:
    // B = 106.84 USD per USD/kg of price. Value = A + B x P, P ~ U(4, 8): mean and P50 at P = 6,
    // P5 at 4 + 0.05 x 4 = 4.2, P95 at 7.8.
    const double a = 100 * 0.09 * (73.888 / 13.88) * 10.0;
    const double b = 28.0 * (281.094194 / 58.933194) * 0.8;
    CHECK(u.value_year == 2030);
    CHECK(u.ranged_params == 1);
    const double margin = 0.02 * b;  // sampling error of a percentile at N = 20000: ~0.006 x 4 x b
    CHECK(u.value_usd.mean == Approx(a + 6.0 * b).margin(margin));
    CHECK(u.value_usd.p50 == Approx(a + 6.0 * b).margin(margin));
    CHECK(u.value_usd.p5 == Approx(a + 4.2 * b).margin(margin));
    CHECK(u.value_usd.p95 == Approx(a + 7.8 * b).margin(margin));
    CHECK(a + 6.0 * b == Approx(1120.15).margin(0.01));  // the deterministic value (test_run_value.cpp)
}

TEST_CASE("A run's value kernel at nominal values equals run_value on the UK scenario", "[engine][value][uncertainty]")
{
    const std::string data = RECLAIM_REPO_DIR;
    Model model = load_model(data);
    Scenario sc = load_scenario(find_scenario(data, "uk-2035"), model);
    PreparedScenario p = prepare_scenario(model, sc);
    const ParamValues nominal = model.params.nominal();
    ScenarioResult result = run_scenario(model, p, nominal);
    RunValue value = run_value(model, result, nominal);
    std::vector<std::size_t> elements;
    for (Eigen::Index e = 0; e < p.demand_kg.rows(); ++e)
        if (p.demand_kg.row(e).maxCoeff() > 0) elements.push_back(static_cast<std::size_t>(e));
    ScenarioHeadline h(model, p, elements, true);
    h.evaluate(nominal);
    REQUIRE(h.value_usd().size() == value.usd.size());
    CHECK(value.usd.maxCoeff() > 0);
    for (Eigen::Index t = 0; t < value.usd.size(); ++t)
        CHECK(h.value_usd()[t] == Approx(value.usd[t]).epsilon(1e-9).margin(1e-9));
    // The kept elements come first and their recovered mass is unchanged by the value.
    ScenarioHeadline plain(model, p, elements);
    plain.evaluate(nominal);
    CHECK((h.recovered_kg() - plain.recovered_kg()).cwiseAbs().maxCoeff() == 0.0);
}
