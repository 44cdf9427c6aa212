// `reclaim value` end to end for issue 17: --price overrides, --prices --merge, --samples, a route
// without cost data in the JSON. Hand values from the fixture tests/data/value.

#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::string kValue = std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/value";
constexpr double kLi2co3PerLi = 73.888 / 13.88;

std::set<std::string> keys(const json& j)
{
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
    return out;
}

const json* route_of(const json& j, const std::string& id)
{
    for (const auto& r : j["routes"])
        if (r["route"] == id) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("value --price overrides one form's price for the run and the report lists it", "[cli][value][price]")
{
    auto r = run_reclaim(kValue + " value feed_bm --price li2co3=12 --format json", false);
    REQUIRE(r.exit_code == 0);
    auto j = json::parse(r.out);
    // hydro: 239.550 kg Li2CO3 at 12 instead of 10: 4570.49 + 2 x 239.550 - 300 = 4749.59 USD/t.
    const json* hydro = route_of(j, "hydro");
    REQUIRE(hydro != nullptr);
    CHECK((*hydro)["net_usd_per_t"].get<double>() == Approx(4270.49 + 2 * 45 * kLi2co3PerLi).margin(0.01));
    CHECK((*hydro)["forms"][0]["price_usd_per_kg"].get<double>() == 12.0);
    CHECK((*hydro)["forms"][0]["price_origin"] == "--price:1");
    // The other form keeps its list price.
    CHECK((*hydro)["forms"][1]["price_usd_per_kg"].get<double>() == 6.0);
    REQUIRE(j["price_overrides"].size() == 1);
    CHECK(keys(j["price_overrides"][0]) == std::set<std::string>{"form", "text", "usd_per_kg", "low", "high", "replaces"});
    CHECK(j["price_overrides"][0]["replaces"] == json::array({"materials/prices.csv:3"}));

    auto table = run_reclaim(kValue + " value feed_bm --price li2co3=12:9:15");
    REQUIRE(table.exit_code == 0);
    CHECK_THAT(table.out, Contains("price overrides (--price): li2co3 = 12 (9 to 15) USD/kg, replacing materials/prices.csv:3"));
}

TEST_CASE("value --price for a form the list does not price, or malformed, is a usage error", "[cli][value][price]")
{
    auto none = run_reclaim(kValue + " value feed_bm --price pr6o11=3");
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.out, Contains("--price pr6o11=3: no row of the price list prices 'pr6o11'"));
    for (const std::string bad : {"li2co3", "=3", "li2co3=x", "li2co3=12:15:20", "li2co3=1:2", "li2co3=-1"}) {
        auto r = run_reclaim(kValue + " value feed_bm --price '" + bad + "'");
        INFO(bad << "\n" << r.out);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.out, Contains("--price"));
    }
}

TEST_CASE("value with --prices FILE --merge adds rows to the list, without --merge the file replaces it", "[cli][value][price]")
{
    TempData d("value");
    d.write("later.csv", "commodity,element,form,value,unit,date,source\n"
                         "lithium carbonate,Li,Li2CO3,20000,USD/t,2025-09-30,test: a later quote\n");
    const std::string list = (d.dir() / "later.csv").string();
    auto merged = run_reclaim(kValue + " --prices " + list + " --merge value feed_bm --route hydro --format json", false);
    REQUIRE(merged.exit_code == 0);
    auto j = json::parse(merged.out);
    // The later row wins for Li2CO3 (20 USD/kg); the sulfate keeps its list price: 239.550 x 20 + 2174.99 - 300.
    CHECK(j["routes"][0]["forms"][0]["price_usd_per_kg"].get<double>() == Approx(20.0));
    CHECK(j["routes"][0]["forms"][1]["priced"] == true);
    CHECK(j["routes"][0]["net_usd_per_t"].get<double>() == Approx(4270.49 + 10 * 45 * kLi2co3PerLi).margin(0.01));

    auto replaced = run_reclaim(kValue + " --prices " + list + " value feed_bm --route hydro --format json", false);
    REQUIRE(replaced.exit_code == 0);
    CHECK(json::parse(replaced.out)["routes"][0]["forms"][1]["priced"] == false);

    CHECK(run_reclaim(kValue + " --merge value feed_bm").exit_code == 2);
}

TEST_CASE("value --samples gives per route percentiles and P(net > 0), and P(beats) per pair", "[cli][value][uncertainty]")
{
    auto r = run_reclaim(kValue + " value feed_bm --samples 400 --seed 3 --format json", false);
    REQUIRE(r.exit_code == 0);
    auto j = json::parse(r.out);
    for (const auto& route : j["routes"]) {
        CHECK(keys(route["uncertainty"]) == std::set<std::string>{"gross_usd_per_t", "net_usd_per_t", "probability_positive"});
        CHECK(keys(route["uncertainty"]["net_usd_per_t"]) == std::set<std::string>{"mean", "p5", "p50", "p95"});
    }
    // Both routes are costed and every sample is positive on net (hydro >= 4570.49 - 3 x 0.8 x 453 - ... > 0).
    CHECK(j["routes"][0]["uncertainty"]["probability_positive"].get<double>() == 1.0);
    CHECK(keys(j["uncertainty"]) == std::set<std::string>{"samples", "seed", "samples_in", "ranged_params", "adjustments",
                                                          "beats"});
    CHECK(keys(j["uncertainty"]["adjustments"]) == std::set<std::string>{"clipped", "renormalised"});
    CHECK(j["uncertainty"]["samples"] == 400);
    REQUIRE(j["uncertainty"]["beats"].size() == 1);
    CHECK(keys(j["uncertainty"]["beats"][0]) == std::set<std::string>{"route", "over", "probability"});
    CHECK(j["uncertainty"]["beats"][0]["route"] == "hydro");
    CHECK(j["uncertainty"]["beats"][0]["over"] == "pyro");

    auto again = run_reclaim(kValue + " value feed_bm --samples 400 --seed 3 --format json", false);
    CHECK(again.out == r.out);
    CHECK(run_reclaim(kValue + " value feed_bm --samples 10 --sensitivity Li").exit_code == 2);
}

TEST_CASE("A route without cost data has null net and rank in JSON and 'no cost data' in the table", "[cli][value][costs]")
{
    TempData d("value");
    d.write("routes/costs.csv", "route,item,value,unit,date,source\npyro,processing,0.1,USD/kg,2025-01-01,test fixture\n");
    auto r = run_reclaim("--data " + d.dir().string() + " value feed_bm --format json", false);
    REQUIRE(r.exit_code == 0);
    auto j = json::parse(r.out);
    // hydro's gross 4570.49 is above pyro's net 3453.48, yet pyro is the one ranked.
    CHECK(j["routes"][0]["route"] == "pyro");
    CHECK(j["routes"][0]["rank"] == 1);
    CHECK(j["routes"][1]["route"] == "hydro");
    CHECK(j["routes"][1]["rank"].is_null());
    CHECK(j["routes"][1]["ranking"] == "no cost data");
    CHECK(j["routes"][1]["net_usd_per_t"].is_null());
    CHECK(j["routes"][1]["net_usd"].is_null());
    CHECK(j["routes"][1]["costs"] == json::array());
    CHECK(j["routes"][1]["break_even"].is_null());
    auto t = run_reclaim("--data " + d.dir().string() + " value feed_bm");
    REQUIRE(t.exit_code == 0);
    CHECK_THAT(t.out, Contains("no cost data"));
    CHECK_THAT(t.out, Contains("What moves the gross value of hydro"));
    CHECK_THAT(t.out, Contains("What moves the net value of pyro"));
}
