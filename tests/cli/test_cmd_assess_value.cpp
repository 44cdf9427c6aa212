// The value of what assess, compare and run recover, as a user sees it.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim::test;

namespace {

const std::string kData = std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/value";

}  // namespace

TEST_CASE("assess with --prices shows the user's price and its file and line", "[cli][value][assess]")
{
    TempData data("value");
    const std::string file = (data.dir() / "my_prices.csv").string();
    data.write("my_prices.csv",
               "commodity,element,form,value,unit,date,source\n"
               "# my own quote\n"
               "lithium carbonate,Li,li2co3,20,USD/kg,2025-11-01,my broker\n");
    RunResult r = run_reclaim(kData + " assess cell --route hydro --prices " + file);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains(file + ":3"));
    CHECK_THAT(r.out, Catch::Contains("2025-11-01"));
    // 0.4791 kg li2co3 x 20 USD/kg = 9.582 USD; the user's list replaces the cobalt price too.
    CHECK_THAT(r.out, Catch::Contains("9.582"));
    CHECK_THAT(r.out, Catch::Contains("unpriced"));
}

TEST_CASE("assess --format json carries the value in total and per unit with its price rows", "[cli][value][assess]")
{
    RunResult r = run_reclaim(kData + " assess cell --route hydro --units 2 --format json", false);
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out);
    const auto& v = j.at("value");
    // 2 cells x 9.141 USD (tests/engine/test_assess_value.cpp)
    CHECK(v.at("total_usd").get<double>() == Approx(18.282).margin(0.001));
    CHECK(v.at("per_unit_usd").get<double>() == Approx(9.141).margin(0.001));
    CHECK(v.at("price_dates") == nlohmann::json::array({"2025-06-30"}));
    CHECK(v.at("unpriced").empty());
    CHECK(v.at("forms").size() == 2);
    for (const auto& f : v.at("forms")) CHECK(f.contains("price_origin"));
}

TEST_CASE("compare marks the route whose recovered forms are worth most", "[cli][value][compare]")
{
    RunResult r = run_reclaim(kData + " compare cell --routes pyro,hydro --format json", false);
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out);
    // hydro 9.141 USD per cell, pyro 7.107 (tests/engine/test_assess_value.cpp)
    CHECK(j.at("value").at("best") == nlohmann::json::array({"hydro"}));
    CHECK(j.at("value").at("total_usd").at("pyro").get<double>() == Approx(7.107).margin(0.001));
    CHECK(j.at("assessments").at(1).at("value").at("total_usd").get<double>() == Approx(9.141).margin(0.001));
    RunResult t = run_reclaim(kData + " compare cell --routes pyro,hydro");
    CHECK_THAT(t.out, Catch::Contains("9.141 *"));
}

TEST_CASE("run --format json carries the value per year and the table its headline", "[cli][value][run]")
{
    RunResult r = run_reclaim(kData + " run value-run --no-files --format json", false);
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out);
    const auto& v = j.at("value");
    REQUIRE(v.at("usd").size() == 13);  // 2020-2032
    CHECK(v.at("usd").at(10).get<double>() == Approx(1120.15).margin(0.01));  // 2030
    CHECK(v.at("forms_kg").at("li2co3").at(10).get<double>() == Approx(47.91).margin(0.01));
    CHECK(v.at("prices").at("li2co3").at("origin") == "materials/prices.csv:3");
    RunResult t = run_reclaim(kData + " run value-run --no-files");
    CHECK_THAT(t.out, Catch::Contains("Value of what is recovered in 2030: 1120 USD"));
}
