// `reclaim improve`: each design change assessed against the product as it is, on hand cases.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "support/temp_data.hpp"

using reclaim::test::run_reclaim;
using reclaim::test::TempData;
using Catch::Matchers::Contains;

namespace {

// The hand case on tiny: a 0.5 kg magnet, 24% Nd, shredded with the steel today, against
// an extraction route that recovers 60% of what it is fed.
void hand_case(const TempData& d)
{
    REQUIRE(d.replace("products/bom.csv", "rotor magnets,magnet,ndfeb_low_dy,1.2,0.8,2.0,", "rotor magnets,magnet,ndfeb_low_dy,0.5,,,"));
    REQUIRE(d.replace("materials/composition.csv", "ndfeb_low_dy,Nd,23,22,25", "ndfeb_low_dy,Nd,24,22,25"));
    REQUIRE(d.replace("routes/transfers.csv", "magnet_hpms,extract,*,hpms,0.9,0.85,0.95", "magnet_hpms,extract,*,hpms,0.6,,"));
    REQUIRE(d.replace("routes/transfers.csv", "magnet_hpms,extract,*,loss:not-liberated,0.1,0.05,0.15",
                      "magnet_hpms,extract,*,loss:not-liberated,0.4,,"));
    REQUIRE(d.replace("routes/transfers.csv", "magnet_hpms,hpms,*,recovered:NdFeB-alloy,0.95", "magnet_hpms,hpms,*,recovered:NdFeB-alloy,1"));
    REQUIRE(d.replace("routes/transfers.csv", "magnet_hpms,hpms,*,loss:oxidised-fines,0.05", "magnet_hpms,hpms,*,loss:oxidised-fines,0"));
}

nlohmann::json improve(const TempData& d, const std::string& args)
{
    auto r = run_reclaim("--data " + d.dir().string() + " --format json improve " + args, false);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

const nlohmann::json& change(const nlohmann::json& j, const std::string& text)
{
    for (const auto& c : j["changes"])
        if (c["change"] == text) return c;
    FAIL("no change '" << text << "'");
    return j;
}

}  // namespace

TEST_CASE("improve finds extracting the magnet gains 0.072 kg Nd per unit", "[cli][improve]")
{
    TempData d;
    hand_case(d);
    const auto j = improve(d, "bev --plan today --by Nd");
    CHECK(j["product"] == "bev");
    CHECK(j["by"] == "Nd");
    CHECK(j["baseline"]["recovered_kg"]["Nd"].get<double>() == 0.0);  // shredded with the steel
    const auto& best = j["changes"][0];
    CHECK(best["change"] == "extract the magnet before shredding: route magnet_hpms");
    CHECK(best["kind"] == "route");
    CHECK(best["class"] == "magnet");
    CHECK(best["route"] == "magnet_hpms");
    // 0.5 kg x 24% x 60% = 0.072 kg of the 0.12 kg Nd: a gain of 60% of the content.
    CHECK(best["gain"].get<double>() == Approx(0.072).epsilon(1e-12));
    CHECK(best["gain_kg"]["Nd"].get<double>() == Approx(0.072).epsilon(1e-12));
    CHECK(best["gain_share"]["Nd"].get<double>() == Approx(0.6).epsilon(1e-12));
    // Leaving out the motor: its 8 kg windings go, of which 60% of the copper comes back today.
    const auto& windings = change(j, "leave out the part 'motor' (what its absence changes)");
    CHECK(windings["kind"] == "remove_part");
    CHECK(windings["gain_kg"]["Cu"].get<double>() == Approx(-4.8).epsilon(1e-12));
    // Ranked by gain, largest first.
    for (std::size_t k = 1; k < j["changes"].size(); ++k)
        CHECK(j["changes"][k - 1]["gain"].get<double>() >= j["changes"][k]["gain"].get<double>());
}

TEST_CASE("improve separates one part of a shared class and sends it alone to its best route", "[cli][improve]")
{
    TempData d;
    hand_case(d);
    // A second magnet part beside the motor's: 0.1 kg in two lines, also 24% Nd.
    d.append("products/bom.csv", "bev,door speakers,magnet,ndfeb_low_dy,0.04,,,,kg,test\n"
                                 "bev,door speakers,magnet,ndfeb_low_dy,0.06,,,,kg,test\n");
    const auto j = improve(d, "bev --plan today --by Nd");
    // The whole class: (0.5 + 0.1) kg x 24% x 60% = 0.0864 kg.
    CHECK(change(j, "extract the magnet before shredding: route magnet_hpms")["gain"].get<double>() ==
          Approx(0.0864).epsilon(1e-12));
    // The motor's magnets alone, through the sub-assembly: 0.5 x 24% x 60% = 0.072 kg; the speakers
    // stay with the steel.
    const auto& rotor = change(j, "separate the part 'motor/rotor magnets' from the rest of the magnet: route magnet_hpms");
    CHECK(rotor["kind"] == "separate_part");
    CHECK(rotor["class"] == "magnet");
    CHECK(rotor["part"] == "motor/rotor magnets");
    CHECK(rotor["route"] == "magnet_hpms");
    CHECK(rotor["gain"].get<double>() == Approx(0.072).epsilon(1e-12));
    const auto& speakers = change(j, "separate the part 'door speakers' from the rest of the magnet: route magnet_hpms");
    CHECK(speakers["gain"].get<double>() == Approx(0.0144).epsilon(1e-12));
    // One change per part (both speaker lines together), its best route: two magnet parts and two
    // steel parts (body, stator); a part alone in its class (the pack, the windings) is not separated.
    std::multiset<std::string> separated;
    for (const auto& c : j["changes"])
        if (c["kind"] == "separate_part") separated.insert(c["class"].get<std::string>());
    CHECK(separated == std::multiset<std::string>{"magnet", "magnet", "steel", "steel"});
}

TEST_CASE("improve separates a part to a route that accepts only its class", "[cli][improve][accepts]")
{
    TempData d;
    hand_case(d);
    REQUIRE(d.replace("routes/routes.csv", "id,name,entry,trl,source", "id,name,entry,trl,accepts,source"));
    REQUIRE(d.replace("routes/routes.csv", "lib_hydro,Li-ion: shredding to black mass then hydrometallurgy,shred,9,",
                      "lib_hydro,Li-ion: shredding to black mass then hydrometallurgy,shred,9,battery,"));
    REQUIRE(d.replace("routes/routes.csv", "magnet_hpms,NdFeB: extraction then hydrogen processing,extract,7,",
                      "magnet_hpms,NdFeB: extraction then hydrogen processing,extract,7,magnet,"));
    REQUIRE(d.replace("routes/routes.csv", "shred_steel,shredded with steel,shred,9,", "shred_steel,shredded with steel,shred,9,*,"));
    d.append("products/bom.csv", "bev,door speakers,magnet,ndfeb_low_dy,0.1,,,,kg,test\n");
    const auto j = improve(d, "bev --plan today --by Nd");
    // The separated class is new; the route takes it because it accepts the part's class.
    const auto& rotor = change(j, "separate the part 'motor/rotor magnets' from the rest of the magnet: route magnet_hpms");
    CHECK(rotor["gain"].get<double>() == Approx(0.072).epsilon(1e-12));
    for (const auto& c : j["changes"])
        if (c["kind"] == "separate_part" && c["class"] == "magnet") CHECK(c["route"] == "magnet_hpms");
}

TEST_CASE("improve --mass compares the same number of products", "[cli][improve]")
{
    TempData d;
    hand_case(d);
    // Leaving out the all-steel body of a car must not gain copper: with the mass held, a lighter
    // car would count more cars.
    const auto j = improve(d, "bev --plan today --by Cu --mass 1t");
    const auto& body = change(j, "leave out the part 'body in white' (what its absence changes)");
    CHECK(body["gain_kg"].find("Cu") == body["gain_kg"].end());
    CHECK(body["gain"].get<double>() == 0.0);
}

TEST_CASE("improve --samples gives each gain's P5 to P95 on common samples", "[cli][improve][uncertainty]")
{
    TempData d;
    hand_case(d);
    // Only the magnet's mass is uncertain, uniform on 0.4..0.6 kg: the gain is 0.5 x 24% x 60% =
    // 0.144 kg per kg of magnet, so P5 = 0.144 x 0.41 and P95 = 0.144 x 0.59.
    REQUIRE(d.replace("products/bom.csv", "rotor magnets,magnet,ndfeb_low_dy,0.5,,,", "rotor magnets,magnet,ndfeb_low_dy,0.5,0.4,0.6,uniform"));
    REQUIRE(d.replace("materials/composition.csv", "ndfeb_low_dy,Nd,24,22,25,", "ndfeb_low_dy,Nd,24,,,"));
    TempData v;
    for (const char* sub : {"materials", "routes", "scenarios"}) std::filesystem::remove_all(v.dir() / sub);
    v.write("products/bom.csv", "product,part,class,item,value,unit,source\n"
                                "traction_motor,windings,copper,copper,4,kg,variant\n");
    std::filesystem::remove(v.dir() / "products/products.csv");
    std::filesystem::remove(v.dir() / "products/lifetimes.csv");
    const auto j = improve(d, "bev --plan today --by Nd --samples 4000 --seed 3 --variant v=" + v.dir().string());
    const auto& best = j["changes"][0];
    REQUIRE(best["change"] == "extract the magnet before shredding: route magnet_hpms");
    CHECK(best["gain"].get<double>() == Approx(0.072).epsilon(1e-12));
    const auto& u = best["uncertainty"];
    CHECK(u["gain"]["p5"].get<double>() == Approx(0.144 * 0.41).epsilon(0.015));
    CHECK(u["gain"]["p50"].get<double>() == Approx(0.072).epsilon(0.015));
    CHECK(u["gain"]["p95"].get<double>() == Approx(0.144 * 0.59).epsilon(0.015));
    CHECK(u["probability_positive"].get<double>() == 1.0);
    // Leaving the magnet out loses what the baseline recovers of it: nothing, in every sample.
    const auto& no_magnet = change(j, "leave out the part 'motor' (what its absence changes)");
    CHECK(no_magnet["uncertainty"]["probability_positive"].get<double>() == 0.0);
    // A variant's data is another parameter table: nominal only.
    CHECK(change(j, "variant v (overlay " + v.dir().string() + ")")["uncertainty"].is_null());
    CHECK(j["uncertainty"]["samples"] == 4000);
    const auto top2 = improve(d, "bev --plan today --by Nd --top 2");
    REQUIRE(top2["changes"].size() == 2);
    CHECK(top2["changes"][0]["change"] == best["change"]);
    CHECK(j["uncertainty"]["seed"] == 3);
    auto tornado = run_reclaim("--data " + d.dir().string() + " improve bev --samples 10 --sensitivity Nd");
    CHECK(tornado.exit_code == 2);
    CHECK_THAT(tornado.out, Contains("improve has no --sensitivity"));
}

TEST_CASE("improve's gains are differences on common samples", "[cli][improve][uncertainty]")
{
    TempData d;
    hand_case(d);  // Nd 24% of the magnet, triangular on 22..25%
    // Half the magnets go to magnet_hpms today: the baseline recovers 0.5 x Nd x 0.5 x 0.6 and
    // extracting every magnet 0.5 x Nd x 0.6, so the gain is 0.15 x Nd in every sample. Drawn
    // apart, the two would spread the gain to about 0.3 x Nd2 - 0.15 x Nd1.
    REQUIRE(d.replace("routes/plans.csv", "today,magnet,shred_steel,1,,,example only",
                      "today,magnet,shred_steel,0.5,,,x\ntoday,magnet,magnet_hpms,0.5,,,x"));
    const auto j = improve(d, "bev --plan today --by Nd --samples 4000 --seed 5");
    const auto& u = change(j, "extract the magnet before shredding: route magnet_hpms")["uncertainty"];
    // Triangular(0.22, 0.24, 0.25): P5 = 0.22 + sqrt(0.05 x 0.03 x 0.02), P95 = 0.25 - sqrt(0.05 x 0.03 x 0.01).
    CHECK(u["gain"]["p5"].get<double>() == Approx(0.15 * (0.22 + std::sqrt(0.05 * 0.03 * 0.02))).epsilon(0.01));
    CHECK(u["gain"]["p95"].get<double>() == Approx(0.15 * (0.25 - std::sqrt(0.05 * 0.03 * 0.01))).epsilon(0.01));
    CHECK(u["probability_positive"].get<double>() == 1.0);
    // A change that changes nothing gains exactly 0 in every sample.
    const auto& none = change(j, "extract the steel before shredding: route shred_steel")["uncertainty"];
    CHECK(none["gain"]["p5"].get<double>() == 0.0);
    CHECK(none["gain"]["p95"].get<double>() == 0.0);
    CHECK(none["probability_positive"].get<double>() == 0.0);
}

TEST_CASE("improve writes an HTML report and Markdown from one document", "[cli][improve][report]")
{
    TempData d;
    hand_case(d);
    auto html = run_reclaim("--data " + d.dir().string() + " --format html improve bev --plan today --by Nd", false);
    REQUIRE(html.exit_code == 0);
    CHECK_THAT(html.out, Contains("<title>Which change to bev gains most"));
    CHECK_THAT(html.out, Contains("extract the magnet before shredding: route magnet_hpms"));
    CHECK_THAT(html.out, Contains("Assumptions of the baseline"));
    auto md = run_reclaim("--data " + d.dir().string() + " --format md improve bev --plan today --by Nd", false);
    REQUIRE(md.exit_code == 0);
    CHECK_THAT(md.out, Contains("| 1 | extract the magnet before shredding: route magnet_hpms | +0.072 |"));
}

TEST_CASE("improve tries a variant given as an overlay", "[cli][improve][overlay]")
{
    TempData d;
    hand_case(d);
    TempData v;
    for (const char* sub : {"materials", "routes", "scenarios"}) std::filesystem::remove_all(v.dir() / sub);
    v.write("products/bom.csv", "product,part,class,item,value,unit,source\n"
                                "traction_motor,rotor magnets,magnet,ndfeb_low_dy,0.5,kg,variant\n"
                                "traction_motor,windings,copper,copper,4,kg,variant: half the copper\n");
    std::filesystem::remove(v.dir() / "products/products.csv");
    std::filesystem::remove(v.dir() / "products/lifetimes.csv");
    const auto j = improve(d, "bev --plan today --by Cu --variant half-copper=" + v.dir().string());
    const auto& c = change(j, "variant half-copper (overlay " + v.dir().string() + ")");
    CHECK(c["variant"] == "half-copper");
    CHECK(c["gain"].get<double>() == Approx(-2.4).epsilon(1e-12));  // 4 kg fewer, 60% of them recovered
}

TEST_CASE("improve's JSON keys are the documented contract", "[cli][improve][json]")
{
    TempData d;
    const auto j = improve(d, "bev --plan today");
    std::set<std::string> keys, change_keys, baseline_keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
    for (auto it = j["changes"][0].begin(); it != j["changes"][0].end(); ++it) change_keys.insert(it.key());
    for (auto it = j["baseline"].begin(); it != j["baseline"].end(); ++it) baseline_keys.insert(it.key());
    CHECK(keys == std::set<std::string>{"product", "by", "overlays", "baseline", "changes", "uncertainty"});
    CHECK(j["uncertainty"].is_null());
    CHECK(baseline_keys == std::set<std::string>{"plan", "units", "collection", "recovered_kg", "value_usd", "score"});
    CHECK(change_keys == std::set<std::string>{"change", "kind", "class", "part", "route", "variant", "gain_kg",
                                               "gain_share", "gain_value_usd", "gain_value_usd_per_unit",
                                               "gain_value_usd_per_t", "gain", "uncertainty"});
    CHECK(j["by"] == "critical");
    auto bad = run_reclaim("--data " + d.dir().string() + " improve bev --by Xx");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.out, Contains("'Xx' is not critical, value or an element symbol"));
}
