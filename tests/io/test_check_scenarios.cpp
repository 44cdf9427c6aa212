// `check` validates every scenario under the data folder's scenarios/ with the loader `run`
// uses, and warns about price rows no recovered form uses (a warning: the exit code stays 0).

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "io/load.hpp"
#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::run_reclaim;
using reclaim::test::TempData;
using Catch::Matchers::Contains;

namespace {

std::string check(const TempData& d, const std::string& options = "") { return "--data " + d.dir().string() + " " + options + " check"; }

}  // namespace

TEST_CASE("check reports a scenario with reversed years at its file and line", "[io][check][scenario]")
{
    TempData d;
    REQUIRE(d.replace("scenarios/tiny/scenario.toml", "years = [2010, 2050]", "years = [2050, 2010]"));
    auto r = run_reclaim(check(d));
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("scenarios/tiny/scenario.toml:3: years = '[2050, 2010]' has the first year after the last"));
}

TEST_CASE("check reports a scenario's CSV problems together with the model's", "[io][check][scenario]")
{
    TempData d;
    REQUIRE(d.replace("scenarios/tiny/demand.csv", "Co,2020,5,t", "Co,2020,banana,t"));
    REQUIRE(d.replace("products/bom.csv", "graphite,1.0,", "graphite,-1,"));
    auto r = run_reclaim(check(d, "--format json"), false);
    CHECK(r.exit_code == 1);
    auto j = nlohmann::json::parse(r.out);
    std::set<std::string> files;
    for (const auto& p : j["problems"]) files.insert(p["file"].get<std::string>() + ":" + std::to_string(p["line"].get<int>()));
    CHECK(files == std::set<std::string>{"scenarios/tiny/demand.csv:2", "products/bom.csv:3"});
}

TEST_CASE("check loads every scenario folder, and a folder without scenario.toml is named", "[io][check][scenario]")
{
    TempData d;
    std::filesystem::create_directories(d.dir() / "scenarios/empty");
    auto r = run_reclaim(check(d));
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("scenarios/empty/scenario.toml"));
}

TEST_CASE("check warns about a price row that no recovered form uses, naming its line", "[io][check][prices]")
{
    TempData d;
    // An ASCII dot makes a different formula from the routes' NiSO4·6H2O.
    d.append("materials/prices.csv", "nickel sulfate,Ni,NiSO4.6H2O,5,,,USD/kg,2025-06-30,example only\n");
    SECTION("table")
    {
        auto r = run_reclaim(check(d));
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("reclaim check: warning: materials/prices.csv:5: column 'form': 'NiSO4.6H2O' is the form of no "
                                   "recovered:<form> sink of routes/transfers.csv"));
        CHECK_THAT(r.out, !Contains("prices.csv:2"));  // Li2CO3 is recovered by lib_hydro
    }
    SECTION("json")
    {
        auto r = run_reclaim(check(d, "--format json"), false);
        CHECK(r.exit_code == 0);
        auto j = nlohmann::json::parse(r.out);
        CHECK(j["count"] == 0);
        bool found = false;
        for (const auto& w : j["warnings"])
            found = found || (w["file"] == "materials/prices.csv" && w["line"] == 5 && w["column"] == "form");
        CHECK(found);
    }
}

TEST_CASE("The unused-price warning hints at '.' against '·' when only the dot differs from a recovered form",
          "[io][check][prices]")
{
    TempData d;
    d.append("materials/prices.csv", "nickel sulfate,Ni,NiSO4.6H2O,5,,,USD/kg,2025-06-30,example only\n"
                                     "made up,Ni,Ni3Co,5,,,USD/kg,2025-06-30,example only\n");
    auto r = run_reclaim(check(d));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("materials/prices.csv:5: column 'form': 'NiSO4.6H2O' is the form of no recovered:<form> sink "
                               "of routes/transfers.csv: this price is never used: the routes recover 'NiSO4·6H2O', which "
                               "differs only by '.' against '·' (U+00B7)"));
    // A form that is not a dot away from a recovered one gets the general question.
    CHECK_THAT(r.out, Contains("materials/prices.csv:6: column 'form': 'Ni3Co' is the form of no recovered:<form> sink of "
                               "routes/transfers.csv: this price is never used (is the form spelt as the routes spell it?)"));
}

TEST_CASE("Warnings leave the shipped data valid and standard output of a valid check one line", "[io][check][prices]")
{
    // The shipped prices of nd2o3, co_metal and ni_metal are reference prices no route recovers.
    auto r = run_reclaim(std::string("--data ") + RECLAIM_REPO_DIR + " check");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("warning: materials/prices.csv:14: column 'form': 'co_metal'"));
    auto out = run_reclaim(std::string("--data ") + RECLAIM_REPO_DIR + " check", false);
    CHECK(std::count(out.out.begin(), out.out.end(), '\n') == 1);
}

TEST_CASE("check counts a product's own plan rows as routing its class", "[io][check][classes]")
{
    // The magnet goes to magnet_hpms only by rows for the car and for the motor: every product
    // that holds a magnet has a row for it, so nothing is untreated.
    TempData d;
    const std::string rows = "plan,class,route,product,value,source\n"
                             "today,battery,lib_hydro,,0.6,x\ntoday,steel,shred_steel,,1,x\n"
                             "today,copper,shred_steel,,1,x\ntoday,magnet,magnet_hpms,bev,1,x\n"
                             "extract-magnets,battery,lib_hydro,,0.9,x\nextract-magnets,magnet,magnet_hpms,,1,x\n"
                             "extract-magnets,steel,shred_steel,,1,x\nextract-magnets,copper,shred_steel,,1,x\n";
    d.write("routes/plans.csv", rows + "today,magnet,magnet_hpms,traction_motor,1,x\n");
    auto r = run_reclaim(check(d));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, !Contains("is sent to no route"));
    // Without the motor's row, the motor assessed on its own has its magnet untreated.
    d.write("routes/plans.csv", rows);
    auto m = run_reclaim(check(d));
    CHECK_THAT(m.out, Contains("'magnet' is sent to no route by plan 'today' (routes/plans.csv has no row for it)"));
}

TEST_CASE("check warns about a class a plan sends to no route, naming the BoM line and the plan",
          "[io][check][classes]")
{
    TempData d;
    d.append("products/bom.csv", "bev,windscreen,glass,steel,20,,,,kg,example only\n");
    auto r = run_reclaim(check(d));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("warning: products/bom.csv:13: column 'class': 'glass' is sent to no route by plan "
                               "'today' (routes/plans.csv has no row for it): under that plan it is untreated"));
    CHECK_THAT(r.out, Contains("'glass' is sent to no route by plan 'extract-magnets'"));
    CHECK_THAT(r.out, !Contains("'steel' is sent to no route"));  // both plans route steel
}
