// Value of what a scenario recovers, by hand on tests/data/value/scenarios/value-run: 100 cells
// put on the market in 2020 with a fixed 10-year life all reach end of life in 2030, are all
// collected and sent to hydro; 10 kg of cobalt scrap goes to pyro in 2030.

#include <catch2/catch.hpp>

#include "engine/questions/run_value.hpp"
#include "engine/questions/scenario.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;

namespace {

struct ValueRun {
    std::string data = std::string(RECLAIM_TEST_DATA_DIR) + "/value";
    Model model = load_model(data);
    Scenario scenario = load_scenario(find_scenario(data, "value-run"), model);
    ParamValues values = scenario.params.nominal();
    ScenarioResult result = run_scenario(model, scenario, values);
    RunValue value = run_value(model, result, values);

    double form_kg(const std::string& form, int year) const
    {
        for (std::size_t f = 0; f < value.forms.size(); ++f)
            if (value.forms[f] == form) return value.form_kg(static_cast<Eigen::Index>(f), result.index_of(year));
        FAIL("no form " << form);
        return 0.0;
    }
};

// Per cell through hydro (tests/engine/test_assess_value.cpp): 0.09 kg Li -> 0.09 x 73.888/13.88
// kg li2co3 at 10 USD/kg; 0.19 kg Co -> 0.19 x 281.094194/58.933194 kg CoSO4·7H2O at 6 x 0.8.
constexpr double kLi2co3PerLi = 73.888 / 13.88;
constexpr double kCoso4PerCo = 281.094194 / 58.933194;
constexpr double kCellUsd = 0.09 * kLi2co3PerLi * 10.0 + 0.19 * kCoso4PerCo * 4.8;

}  // namespace

TEST_CASE("A run values 100 cells back in 2030 and 10 kg of cobalt scrap by hand", "[engine][value][scenario]")
{
    ValueRun r;
    // 100 cells: 914.1 USD; scrap: 9 kg Co (90% through pyro) -> 42.93 kg coso4_7h2o at 4.8 USD/kg
    // = 206.05 USD; 1120.15 USD in 2030 and nothing in any other year.
    const double scrap_usd = 9.0 * kCoso4PerCo * 4.8;
    CHECK(r.value.usd[r.result.index_of(2030)] == Approx(100 * kCellUsd + scrap_usd).epsilon(1e-12));
    CHECK(r.value.usd[r.result.index_of(2030)] == Approx(1120.15).margin(0.01));
    CHECK(r.value.usd[r.result.index_of(2029)] == 0.0);
    CHECK(r.value.usd[r.result.index_of(2031)] == 0.0);
    // The two routes name cobalt sulfate differently (formula, material id): two forms, one price row.
    CHECK(r.form_kg("CoSO4·7H2O", 2030) == Approx(100 * 0.19 * kCoso4PerCo).epsilon(1e-12));
    CHECK(r.form_kg("coso4_7h2o", 2030) == Approx(9.0 * kCoso4PerCo).epsilon(1e-12));
    CHECK(r.form_kg("li2co3", 2030) == Approx(100 * 0.09 * kLi2co3PerLi).epsilon(1e-12));
    CHECK(r.value.price_dates() == std::vector<std::string>{"2025-06-30"});
    CHECK(r.value.unpriced().empty());
}

TEST_CASE("A run's recovered forms add up to its recovered mass in every year", "[engine][value][scenario]")
{
    ValueRun r;
    Eigen::MatrixXd in_forms = Eigen::MatrixXd::Zero(r.result.recovered_eol_kg.rows(), r.result.n_years);
    for (const auto& f : r.result.recovered_form_kg) in_forms += f;
    const Eigen::MatrixXd recovered = r.result.recovered_eol_kg + r.result.recovered_scrap_kg;
    CHECK((in_forms - recovered).cwiseAbs().maxCoeff() <= 1e-12);
    // Co in 2030: 100 x 0.19 kg from the cells + 9 kg from scrap.
    const auto co = static_cast<Eigen::Index>(*r.model.elements.find("Co"));
    CHECK(recovered(co, r.result.index_of(2030)) == Approx(28.0).epsilon(1e-12));
}

TEST_CASE("A headline evaluation recovers the same mass and value as the full one to 1e-12",
          "[engine][value][scenario]")
{
    // The inverse questions and the Monte Carlo evaluate in headline detail: no forms, no losses,
    // the same recovered mass per element and year and the same value.
    ValueRun r;
    const auto li = *r.model.elements.find("Li");
    const auto co = *r.model.elements.find("Co");
    ScenarioQuestion headline(r.model, r.scenario, Detail::Headline, {li, co});
    const ScenarioResult& lean = headline.evaluate(r.values);
    CHECK(lean.recovered_form_kg.empty());
    for (auto e : {li, co}) {
        const auto row = static_cast<Eigen::Index>(e);
        CHECK((lean.recovered_eol_kg.row(row) - r.result.recovered_eol_kg.row(row)).cwiseAbs().maxCoeff() <= 1e-12);
        CHECK((lean.recovered_scrap_kg.row(row) - r.result.recovered_scrap_kg.row(row)).cwiseAbs().maxCoeff() <= 1e-12);
    }
    CHECK((lean.value_usd - r.result.value_usd).cwiseAbs().maxCoeff() <= 1e-12 * r.result.value_usd.cwiseAbs().maxCoeff());
    // And both are the hand value: 1120.15 USD in 2030.
    CHECK(lean.value_usd[lean.index_of(2030)] == Approx(100 * kCellUsd + 9.0 * kCoso4PerCo * 4.8).epsilon(1e-12));
}

TEST_CASE("A run's yearly value is the value of its listed forms", "[engine][value][scenario]")
{
    ValueRun r;
    Eigen::VectorXd from_forms = Eigen::VectorXd::Zero(r.result.n_years);
    for (std::size_t f = 0; f < r.value.forms.size(); ++f)
        if (r.value.prices[f])
            from_forms += r.value.form_kg.row(static_cast<Eigen::Index>(f)).transpose() * r.value.price_usd_per_kg[f] *
                          r.value.payable[f];
    CHECK((from_forms - r.result.value_usd).cwiseAbs().maxCoeff() <= 1e-9);
}
