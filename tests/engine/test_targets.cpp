#include <catch2/catch.hpp>

#include <memory>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;

namespace {

const std::string kData = RECLAIM_TEST_DATA_DIR "/scenario";

// tests/data/scenario, scenario `hand` (see test_scenario.cpp for the flows). Its targets,
// all in 2024: Co 20%, Co 30%, Co 50%, Nd 30%.
struct Analysis {
    Model model = load_model(kData);
    Scenario scenario;
    ParamValues values;
    std::unique_ptr<ScenarioQuestion> question;
    ScenarioResult base;
    std::vector<TargetAnalysis> targets;

    explicit Analysis(const std::string& name)
    {
        scenario = load_scenario(find_scenario(kData, name), model);
        values = scenario.params.nominal();
        question = std::make_unique<ScenarioQuestion>(model, scenario, Detail::Full);
        base = question->evaluate(values);
        targets = analyse_targets(*question, values, base);
    }
    double share_with(const RunLevers& levers, std::size_t target) const
    {
        ScenarioResult r = run_scenario(model, scenario, values, levers);
        const Target& t = scenario.targets[target];
        return r.recycled_share(t.element, r.index_of(t.year));
    }
};

}  // namespace

TEST_CASE("A target is met from the first year the recycled share reaches it", "[engine][targets]")
{
    Analysis a("hand");
    REQUIRE(a.targets.size() == 4);
    // Co shares: 2022 4.5/100 (100 gadgets: 20 kg, 10 collected, 5 to hydro, 4.5 recovered),
    // 2023 9/100, 2024 (13.5 + 9 scrap)/100 = 0.225.
    const TargetStatus& co20 = a.targets[0].status;
    CHECK(co20.achieved_share == Approx(0.225));
    CHECK(co20.met);
    CHECK(co20.first_year_met == 2024);
    CHECK(co20.recovered_scrap_kg == Approx(9));
    const TargetStatus& co30 = a.targets[1].status;
    CHECK_FALSE(co30.met);
    CHECK_FALSE(co30.first_year_met.has_value());  // 22.5% in 2025 too: not met within the horizon
}

TEST_CASE("The uniform collection rate that meets a target is solved exactly", "[engine][targets]")
{
    Analysis a("hand");
    // recovered(c) = c * R_full + scrap with R_full = 60 kg * 0.5 to hydro * 0.9 = 27 kg, scrap 9 kg.
    // 20%: c = (20 - 9) / 27 = 0.4074074074; 30%: c = (30 - 9) / 27 = 0.7777777778.
    CHECK(a.targets[0].collection.reachable);
    CHECK(a.targets[0].collection.required == Approx(11.0 / 27.0).epsilon(1e-12));
    CHECK(a.targets[1].collection.required == Approx(21.0 / 27.0).epsilon(1e-12));
    // 50% would need c = 41/27 > 1: not reachable, at most (27 + 9) / 100 = 36% at full collection.
    CHECK_FALSE(a.targets[2].collection.reachable);
    CHECK(a.targets[2].collection.max_share == Approx(0.36).epsilon(1e-12));
    // Nd is lost in the shredder whatever the collection: at most 0%.
    CHECK_FALSE(a.targets[3].collection.reachable);
    CHECK(a.targets[3].collection.max_share == 0.0);
}

TEST_CASE("Re-running at the solved collection rate meets the target to 1e-9", "[engine][targets]")
{
    Analysis a("hand");
    for (std::size_t i : {0u, 1u}) {
        RunLevers o;
        o.uniform_collection = a.targets[i].collection.required;
        CHECK(std::abs(a.share_with(o, i) - a.scenario.targets[i].share) <= 1e-9);
    }
}

TEST_CASE("The magnet extraction share that meets an Nd target is solved exactly", "[engine][targets]")
{
    Analysis a("hand");
    const TargetAnalysis& nd = a.targets[3];
    // 15 kg Nd collected in 2024, all shredded (lost). Moving y of it to magnet_hpms recovers
    // 15 * y * 0.8 = 12 y kg; 30% of 20 kg demand is 6 kg, so y = 0.5, and the magnet class share
    // sent to extraction becomes 0 + 0.5 * 1 = 50%; at most 12/20 = 60% with every magnet extracted.
    CHECK(nd.magnet_moved.applicable);
    CHECK(nd.magnet_moved.reachable);
    CHECK(nd.magnet_moved.required == Approx(0.5).epsilon(1e-12));
    CHECK(nd.magnet_extraction_share == Approx(0.5).epsilon(1e-12));
    CHECK(nd.magnet_extraction_max == 1.0);
    CHECK(nd.magnet_moved.max_share == Approx(0.6).epsilon(1e-12));
    RunLevers o;
    o.magnet_moved = nd.magnet_moved.required;
    CHECK(std::abs(a.share_with(o, 3) - 0.3) <= 1e-9);
    // Magnets hold no Co: the lever does not apply to the Co targets.
    CHECK_FALSE(a.targets[0].magnet_moved.applicable);
}

TEST_CASE("A target met without the lever needs none of it", "[engine][targets]")
{
    Analysis a("switch");
    // From 2024 the plan extracts every magnet: Nd (8 kg) / 20 kg = 40% >= 30%.
    REQUIRE(a.targets.size() == 1);
    CHECK(a.targets[0].status.met);
    CHECK(a.targets[0].status.achieved_share == Approx(0.4));
    CHECK(a.targets[0].magnet_moved.reachable);
    CHECK(a.targets[0].magnet_moved.required == 0.0);
    // Collection: 2024 Nd at full collection 20 kg * 0.8 = 16 kg; 6 kg / 16 kg = 0.375.
    CHECK(a.targets[0].collection.required == Approx(0.375).epsilon(1e-12));
}
