// `compare --products A,B`: several products side by side under one plan, against hand figures
// on the tiny data folder.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

using reclaim::test::run_reclaim;
using Catch::Matchers::Contains;

namespace {

const std::string kData = std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/tiny";

nlohmann::json compare_json(const std::string& args)
{
    auto r = run_reclaim(kData + " --format json compare " + args, false);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("compare --products puts products side by side under one plan", "[cli][compare][products]")
{
    const auto j = compare_json("--products bev,traction_motor --plan extract-magnets");
    CHECK(j["compared"] == "products");
    CHECK(j["ids"] == nlohmann::json::array({"bev", "traction_motor"}));
    const auto& cu = j["elements"]["Cu"];
    // bev: 0.36 kg/kWh x 60 kWh of pack copper, 90% to lib_hydro where Cu is recovered whole
    // (19.44 kg), + 8 kg windings with the steel, 60% recovered (4.8 kg): 24.24 of 29.6 kg.
    CHECK(cu["contained_kg"]["bev"].get<double>() == Approx(29.6).epsilon(1e-12));
    CHECK(cu["recovered_kg"]["bev"].get<double>() == Approx(24.24).epsilon(1e-12));
    // The motor alone: its 8 kg windings, 4.8 kg back.
    CHECK(cu["contained_kg"]["traction_motor"].get<double>() == Approx(8.0).epsilon(1e-12));
    CHECK(cu["recovery_rate"]["traction_motor"].get<double>() == Approx(0.6).epsilon(1e-12));
    CHECK(cu["best"] == nlohmann::json::array({"bev"}));  // 81.9% against 60%
    // Nd: both hold the same 1.2 kg magnet, extracted: 0.276 x 0.9 x 0.95 kg each, a tie.
    const auto& nd = j["elements"]["Nd"];
    CHECK(nd["recovered_kg"]["traction_motor"].get<double>() == Approx(0.276 * 0.9 * 0.95).epsilon(1e-12));
    CHECK(nd["best"].size() == 2);
    // Li is only in the car: the motor's column has 0 contained.
    CHECK(j["elements"]["Li"]["contained_kg"]["traction_motor"].get<double>() == 0.0);
}

TEST_CASE("compare names what it compares", "[cli][compare]")
{
    CHECK(compare_json("bev --routes magnet_hpms,shred_steel --plan today")["compared"] == "routes");
    CHECK(compare_json("bev --plans today,extract-magnets")["compared"] == "plans");
}

TEST_CASE("compare --products refuses a product together with PRODUCT or --plans", "[cli][compare][errors]")
{
    CHECK(run_reclaim(kData + " compare bev --products bev,traction_motor").exit_code == 2);
    CHECK(run_reclaim(kData + " compare --products bev,traction_motor --plans today").exit_code == 2);
    auto none = run_reclaim(kData + " compare --plan today");
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.out, Contains("--products A,B"));
    // Columns are told apart by what differs: a product twice, or one product, is refused.
    auto twice = run_reclaim(kData + " compare --products bev,bev --plan today");
    CHECK(twice.exit_code == 2);
    CHECK_THAT(twice.out, Contains("'bev' is given twice"));
    auto one = run_reclaim(kData + " compare --products bev --plan today");
    CHECK(one.exit_code == 2);
    CHECK_THAT(one.out, Contains("at least two products"));
    CHECK(run_reclaim(kData + " compare bev --plans today,today").exit_code == 2);
    auto table = run_reclaim(kData + " compare --products bev,traction_motor --plan today");
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Contains("Products compared under plan today"));
}
