// The value of what a run recovers over Monte Carlo samples: by hand on tests/data/value-mc
// (tests/data/value with only the cobalt sulfate price ranged, uniform 4-8 USD/kg), and equal to
// run_value() at nominal values on the shipped UK scenario.

#include <catch2/catch.hpp>

#include "engine/uncertainty/run_uncertainty.hpp"
#include "engine/questions/run_value.hpp"
#include "engine/questions/scenario.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;

TEST_CASE("A run's value in the target year follows a uniform cobalt sulfate price", "[engine][value][uncertainty]")
{
    const std::string data = std::string(RECLAIM_TEST_DATA_DIR) + "/value-mc";
    Model model = load_model(data);
    Scenario sc = load_scenario(find_scenario(data, "value-run"), model);
    MonteCarloOptions mc;
    mc.samples = 20000;
    mc.seed = 7;
    mc.threads = 2;
    RunUncertainty u = run_uncertainty(model, sc, mc);
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

TEST_CASE("A run's headline value at nominal values equals run_value on the UK scenario", "[engine][value][uncertainty]")
{
    const std::string data = RECLAIM_REPO_DIR;
    Model model = load_model(data);
    Scenario sc = load_scenario(find_scenario(data, "uk-2035"), model);
    const ParamValues nominal = sc.params.nominal();
    ScenarioResult result = run_scenario(model, sc, nominal);
    RunValue value = run_value(model, result, nominal);
    // The yearly value from the forms' masses and prices, as run_value lists them.
    Eigen::VectorXd from_forms = Eigen::VectorXd::Zero(result.n_years);
    for (std::size_t f = 0; f < value.forms.size(); ++f)
        if (value.prices[f])
            from_forms += value.form_kg.row(static_cast<Eigen::Index>(f)).transpose() * value.price_usd_per_kg[f] *
                          value.payable[f];
    std::vector<std::size_t> elements;
    for (std::size_t e = 0; e < sc.demand_kg.size(); ++e)
        if (!sc.demand_kg[e].empty()) elements.push_back(e);
    // The Monte Carlo's question: headline detail on the elements with demand, the value's
    // elements added by the question itself.
    ScenarioQuestion headline(model, sc, Detail::Headline, elements);
    const ScenarioResult& h = headline.evaluate(nominal);
    REQUIRE(h.value_usd.size() == value.usd.size());
    CHECK(value.usd.maxCoeff() > 0);
    for (Eigen::Index t = 0; t < value.usd.size(); ++t) {
        CHECK(h.value_usd[t] == Approx(value.usd[t]).epsilon(1e-9).margin(1e-9));
        CHECK(from_forms[t] == Approx(value.usd[t]).epsilon(1e-9).margin(1e-9));
    }
    // Reporting fewer elements changes neither the value nor the recovered mass of those reported.
    const std::size_t nd = *model.elements.find("Nd");
    ScenarioQuestion nd_only(model, sc, Detail::Headline, {nd});
    const ScenarioResult& n = nd_only.evaluate(nominal);
    CHECK((n.value_usd - value.usd).cwiseAbs().maxCoeff() <= 1e-9 * value.usd.cwiseAbs().maxCoeff());
    const auto row = static_cast<Eigen::Index>(nd);
    CHECK(((n.recovered_eol_kg.row(row) + n.recovered_scrap_kg.row(row)) -
           (result.recovered_eol_kg.row(row) + result.recovered_scrap_kg.row(row)))
              .cwiseAbs()
              .maxCoeff() <= 1e-9);
}
