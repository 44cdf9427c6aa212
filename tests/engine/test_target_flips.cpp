// What would flip each verdict: a parameter whose low or high end alone changes met/not met.
// The `hand` scenario of tests/data/scenario (arithmetic in test_targets.cpp): Co in 2024 is
// (60 kg retired x collection x 0.5 to hydro x 0.9 + scrap 10 kg x 0.9) / 100 kg demand = 22.5%.

#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "engine/uncertainty/target_flips.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::TempData;

namespace {

// Collection 0.5 ranged 0.3..0.8, scrap 10 kg ranged 8..12.
void ranged(const TempData& d)
{
    d.write("scenarios/hand/collection.csv", "product,year,value,low,high,source\n*,2020,0.5,0.3,0.8,test\n");
    d.write("scenarios/hand/scrap.csv", "item,route,year,value,low,high,unit,source\n"
                                        "cobalt,hydro,2023,0,,,kg,test\ncobalt,hydro,2024,10,8,12,kg,test\n");
}

std::vector<TargetAnalysis> analysed(const TempData& d)
{
    const Model model = load_model(d.dir());
    const Scenario sc = load_scenario(find_scenario(d.dir(), "hand"), model);
    ScenarioQuestion q(model, sc, Detail::Full);
    const ParamValues values = sc.params.nominal();
    const ScenarioResult r = q.evaluate(values);
    auto targets = analyse_targets(q, values, r);
    add_target_flips(model, sc, targets);
    return targets;
}

}  // namespace

TEST_CASE("A target flips at the end of a range that crosses it, not at one that does not", "[engine][targets][flips]")
{
    TempData d("scenario");
    ranged(d);
    const auto t = analysed(d);
    REQUIRE(t.size() == 4);
    // Co 20%, met at 22.5%: collection at 0.3 gives (60 x 0.3 x 0.45 + 9) / 100 = 17.1%, not met.
    // Scrap at 8 kg gives 13.5 + 7.2 = 20.7%: still met, so the scrap range flips nothing.
    REQUIRE(t[0].status.met);
    REQUIRE(t[0].flips.size() == 1);
    const TargetFlip& low = t[0].flips[0];
    CHECK_FALSE(low.high);
    CHECK(low.value == Approx(0.3).epsilon(1e-12));
    CHECK(low.achieved_share == Approx(0.171).epsilon(1e-12));
    CHECK_FALSE(low.met);
    CHECK(low.origin.file.find("collection.csv") != std::string::npos);
    CHECK(low.origin.line == 2);
    // Co 30%, not met: collection at 0.8 gives (21.6 + 9) / 100 = 30.6%, met; scrap at 12 kg
    // gives 13.5 + 10.8 = 24.3%, not.
    REQUIRE(t[1].flips.size() == 1);
    CHECK(t[1].flips[0].high);
    CHECK(t[1].flips[0].achieved_share == Approx(0.306).epsilon(1e-12));
    CHECK(t[1].flips[0].met);
    // Co 50% is out of reach of either end, and the shredded Nd of any.
    CHECK(t[2].flips.empty());
    CHECK(t[3].flips.empty());
}

TEST_CASE("run's JSON gives every target its flips", "[cli][targets][flips]")
{
    TempData d("scenario");
    ranged(d);
    auto r = reclaim::test::run_reclaim("--data " + d.dir().string() + " --format json run hand --no-files", false);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& flip = j["targets"][0]["flips"][0];
    std::set<std::string> keys;
    for (auto it = flip.begin(); it != flip.end(); ++it) keys.insert(it.key());
    CHECK(keys == std::set<std::string>{"file", "line", "column", "source", "end", "value", "achieved_share", "met"});
    CHECK(flip["end"] == "low");
    CHECK(flip["column"] == "value");
    CHECK(flip["met"] == false);
    CHECK(j["targets"][2]["flips"].empty());
}

TEST_CASE("Every target has its own tornado with samples", "[cli][targets][sensitivity]")
{
    TempData d("scenario");
    ranged(d);
    auto r = reclaim::test::run_reclaim("--data " + d.dir().string() + " --format json run hand --no-files --samples 300",
                                        false);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    // Co in 2024: collection 0.3 -> 17.1%, 0.8 -> 30.6% (swing 0.135); scrap 8 kg -> 20.7%,
    // 12 kg -> 24.3% (swing 0.036). The same for each Co target, and none for the shredded Nd.
    for (int k : {0, 1, 2}) {
        const auto& s = j["targets"][k]["uncertainty"]["sensitivity"];
        REQUIRE(s["parameters"].size() == 2);
        CHECK(s["output"] == "Co recycled_share 2024");
        CHECK(s["parameters"][0]["swing"].get<double>() == Approx(0.135).epsilon(1e-9));
        CHECK(s["parameters"][1]["swing"].get<double>() == Approx(0.036).epsilon(1e-9));
        CHECK(s["parameters"][0]["first_order"].is_number());
    }
    const auto& nd = j["targets"][3]["uncertainty"]["sensitivity"];
    CHECK(nd["output"] == "Nd recycled_share 2024");
    for (const auto& p : nd["parameters"]) CHECK(p["swing"].get<double>() == 0.0);
}
