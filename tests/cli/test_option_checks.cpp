// Option values that are not what the option takes are usage errors (exit 2) naming the option,
// checked before anything runs: never wrapped, saturated, printed as inf or an exit 4.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

using namespace reclaim::test;
using Catch::Matchers::Contains;

namespace {

const std::string kTiny = std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/tiny";
const std::string kMc = std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/mc";

}  // namespace

TEST_CASE("The seed takes a plain integer from 0 to 2^64-1 and nothing else", "[cli][options]")
{
    for (const std::string seed : {"-5", "18446744073709551616", "99999999999999999999999", "1.5", "1e3", "+3", "0x10", ""}) {
        auto r = run_reclaim(kMc + " assess rotor --samples 10 --seed '" + seed + "'");
        INFO("--seed '" << seed << "'\n" << r.out);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.out, Contains("--seed"));
    }
    auto top = run_reclaim(kMc + " --format json assess rotor --samples 10 --seed 18446744073709551615", false);
    REQUIRE(top.exit_code == 0);
    CHECK(nlohmann::json::parse(top.out)["uncertainty"]["seed"].get<std::uint64_t>() == 18446744073709551615ULL);
    CHECK(run_reclaim(kMc + " assess rotor --samples 10 --seed 0").exit_code == 0);
}

TEST_CASE("Units, mass and collection outside what they take are usage errors naming the option",
          "[cli][options]")
{
    const std::pair<std::string, std::string> bad[] = {
        {"assess bev --collection nan", "--collection"},
        {"assess bev --collection inf", "--collection"},
        {"assess bev --units nan", "--units"},
        {"assess bev --units 1e308", "--units"},
        {"assess bev --units inf", "--units"},
        {"compare bev --routes shred_steel,magnet_hpms --units 1e308", "--units"},
        {"value bev --units 1e308", "--units"},
        {"value bev --units nan", "--units"},
        {"value bev --mass 1e305t", "--mass"},
        {"value nmc811_cam --mass 1e305t", "--mass"},
        {"assess bev --mass 1e308t", "--mass"},
        {"assess bev --mass 1e-310kg", "--mass"},
        {"assess bev --mass nan", "--mass"},
        {"value bev --mass 1e-310kg", "--mass"},
    };
    for (const auto& [args, option] : bad) {
        auto r = run_reclaim(kTiny + " " + args);
        INFO(args << "\n" << r.out);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.out, Contains(option));
        CHECK_THAT(r.out, !Contains("inf kg"));
    }
    CHECK(run_reclaim(kTiny + " value bev --units 2").exit_code == 0);
    CHECK(run_reclaim(kTiny + " value bev --mass 2.5t").exit_code == 0);
    CHECK(run_reclaim(kTiny + " assess bev --collection 0.5 --units 3").exit_code == 0);
}

TEST_CASE("A --mass without a unit is a usage error asking for one", "[cli][options][value]")
{
    // The default is 1t; a bare 20 used to mean 20 kg. Both commands that take --mass refuse it.
    for (const std::string args : {"value bev --mass 20", "assess bev --mass 20"}) {
        auto r = run_reclaim(kTiny + " " + args);
        INFO(args << "\n" << r.out);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.out, Contains("--mass"));
        CHECK_THAT(r.out, Contains("give a unit: 20t or 20kg"));
    }
    CHECK(run_reclaim(kTiny + " value bev --mass 20kg").exit_code == 0);
}
