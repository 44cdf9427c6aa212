// The JSON keys of assess, compare and show route are a public contract (docs/json.md).

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "cli/defaults.hpp"
#include "engine/evaluate/route_network.hpp"
#include "io/load.hpp"
#include "report/assess_report.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const Model& tiny()
{
    static const Model m = load_model(std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "tiny");
    return m;
}

std::set<std::string> keys(const json& j)
{
    std::set<std::string> out;
    for (const auto& [k, v] : j.items()) out.insert(k);
    return out;
}

// As `reclaim assess bev`: the critical elements of the command line (Nd Pr Dy Tb Li Co Ni).
Assessment bev(const char* plan, double collection)
{
    AssessOptions o;
    o.product = *tiny().find_product("bev");
    o.plan = *tiny().find_plan(plan);
    o.collection = collection;
    o.critical = cli::critical_elements(tiny());
    return assess(tiny(), o);
}

}  // namespace

TEST_CASE("The assess JSON keeps its documented keys", "[report][assess][json]")
{
    json j = assess_json(tiny(), bev("today", 0.5));
    CHECK(keys(j) == std::set<std::string>{"product", "units", "unit", "mass_kg", "collection", "plan", "route",
                                           "route_classes", "untreated_classes", "overlays", "elements", "recyclability_rate", "balance_residual", "top_losses",
                                           "flows"});
    CHECK(j["product"] == "bev");
    CHECK(j["plan"] == "today");
    CHECK(j["route"].is_null());
    CHECK(j["collection"] == 0.5);
    const json& nd = j["elements"]["Nd"];
    CHECK(keys(nd) == std::set<std::string>{"contained_kg", "uncollected_kg", "untreated_kg", "recovered_kg", "lost_kg",
                                            "recovered_by_form", "recovered_by_route", "losses", "recovery_rate"});
    // 0.276 kg of Nd, half collected, 0.9 of the collected half to ferrous scrap: 0.1242 kg.
    REQUIRE(nd["losses"].size() == 2);
    CHECK(keys(nd["losses"][0]) == std::set<std::string>{"route", "process", "sink", "kg"});
    CHECK(nd["losses"][0]["sink"] == "loss:ferrous-scrap");
    CHECK(nd["losses"][0]["kg"].get<double>() == Approx(0.1242).epsilon(1e-12));
    CHECK(keys(j["top_losses"][0]) ==
          std::set<std::string>{"element", "kind", "class", "route", "process", "sink", "kg", "share", "cause"});
    CHECK(keys(j["flows"][0]) == std::set<std::string>{"from", "to", "element", "kg"});
    // Only contained elements appear: tiny's H is in no product.
    CHECK(!j["elements"].contains("H"));
}

TEST_CASE("The assess table states collection and plan and lists the top losses", "[report][assess]")
{
    std::ostringstream out;
    write_assessment(out, Format::Table, tiny(), bev("today", 0.5), true);
    CHECK_THAT(out.str(), Contains("collection 50%, plan today (default)"));
    CHECK_THAT(out.str(), Contains(". 45% of Nd: magnet — shredded with steel (shred_steel/shred) -> loss:ferrous-scrap"));
    // Not collecting half is the largest loss: 50% of each element, ties by kg (Ni has most).
    CHECK_THAT(out.str(), Contains("1. 50% of Ni: battery not collected -> uncollected"));
}

TEST_CASE("The compare JSON and table mark the best plan per element", "[report][compare]")
{
    std::vector<Assessment> as{bev("today", 1.0), bev("extract-magnets", 1.0)};
    json j = compare_json(tiny(), as);
    CHECK(keys(j) == std::set<std::string>{"product", "units", "unit", "collection", "compared", "overlays", "ids", "elements",
                                           "recyclability_rate", "assessments"});
    CHECK(j["compared"] == "plans");
    CHECK(keys(j["elements"]["Nd"]) == std::set<std::string>{"contained_kg", "recovered_kg", "recovery_rate", "best"});
    // Nd: today recovers nothing; extract-magnets 0.276 x 0.9 x 0.95 = 0.23598 kg.
    CHECK(j["elements"]["Nd"]["recovered_kg"]["extract-magnets"].get<double>() == Approx(0.23598).epsilon(1e-12));
    CHECK(j["elements"]["Nd"]["best"] == json::array({"extract-magnets"}));
    // Carbon is recovered by neither: no best.
    CHECK(j["elements"]["C"]["best"].empty());
    std::ostringstream out;
    write_comparison(out, Format::Table, tiny(), as);
    CHECK_THAT(out.str(), Contains("0.236 kg (85.5%) *"));
}

TEST_CASE("The show route JSON keeps its documented keys", "[report][routes][json]")
{
    auto values = tiny().params.nominal();
    std::size_t r = *tiny().find_route("lib_hydro");
    json j = route_json(tiny(), r, solve_route(tiny(), r, values), values);
    CHECK(keys(j) == std::set<std::string>{"id", "name", "entry", "trl", "sinks", "processes", "yields", "source"});
    CHECK(keys(j["processes"][0]) == std::set<std::string>{"name", "transfers"});
    CHECK(keys(j["processes"][0]["transfers"][0]) == std::set<std::string>{"element", "to", "share", "line"});
    // Li: 0.95 to leach x 0.85 = 0.8075 to Li2CO3; 0.95 x 0.15 = 0.1425 residue; 0.05 dust.
    CHECK(j["yields"]["Li"]["recovered:Li2CO3"].get<double>() == Approx(0.8075).epsilon(1e-12));
    CHECK(j["yields"]["Li"]["loss:residue"].get<double>() == Approx(0.1425).epsilon(1e-12));
    CHECK(j["yields"]["Li"]["loss:dust"].get<double>() == Approx(0.05).epsilon(1e-12));
    // JSON lists every element; the table only those with their own rows and '*'.
    CHECK(j["yields"].contains("Nd"));
    std::ostringstream out;
    write_route(out, Format::Csv, tiny(), r, solve_route(tiny(), r, values), values);
    CHECK_THAT(out.str(), Contains("\n*,0.05,"));
    CHECK_THAT(out.str(), !Contains("\nNd,"));
}
