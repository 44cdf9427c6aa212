#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

using namespace reclaim::test;
using nlohmann::json;

namespace {

std::string mc_data() { return std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/mc"; }

}  // namespace

TEST_CASE("assess --samples puts the documented uncertainty keys beside the deterministic values",
          "[cli][uncertainty][json]")
{
    auto r = run_reclaim(mc_data() + " --format json assess rotor --samples 400 --seed 3 --sensitivity Nd", false);
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    const json& nd = j["elements"]["Nd"];
    CHECK(nd["recovered_kg"].get<double>() == Approx(0.27));  // the deterministic value stays
    for (const char* k : {"mean", "p5", "p50", "p95"}) {
        CHECK(nd["uncertainty"]["recovered_kg"].contains(k));
        CHECK(nd["uncertainty"]["recovery_rate"].contains(k));
        CHECK(j["uncertainty"]["recyclability_rate"].contains(k));
    }
    CHECK(j["uncertainty"]["samples"] == 400);
    CHECK(j["uncertainty"]["seed"] == 3);
    CHECK(j["uncertainty"]["adjustments"]["renormalised"] == 800);  // 2 sets x 400 samples
    CHECK(j["uncertainty"]["adjustments"]["clipped"] == 0);
    const json& top = j["uncertainty"]["sensitivity"]["parameters"][0];
    CHECK(top["file"] == "routes/transfers.csv");
    CHECK(top["line"] == 2);
    CHECK(top["source"] == "test fixture: wide yield y1");
    CHECK(top["swing"].get<double>() == Approx(0.12).epsilon(1e-9));  // 0.3 x (1.0 - 0.6), tests/data/mc
}

TEST_CASE("assess --samples gives the same JSON with one and two threads", "[cli][uncertainty]")
{
    auto one = run_reclaim(mc_data() + " --format json assess rotor --samples 300 --threads 1", false);
    auto two = run_reclaim(mc_data() + " --format json assess rotor --samples 300 --threads 2", false);
    REQUIRE(one.exit_code == 0);
    CHECK(one.out == two.out);
    auto other = run_reclaim(mc_data() + " --format json assess rotor --samples 300 --seed 2", false);
    CHECK(other.out != one.out);
}

TEST_CASE("assess --samples prints P5 - P95 and the tornado with file:line in the table", "[cli][uncertainty]")
{
    auto r = run_reclaim(mc_data() + " assess rotor --samples 200 --sensitivity Nd", false);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("P5 – P95"));
    CHECK_THAT(r.out, Catch::Contains("routes/transfers.csv:2 (value)"));
    CHECK_THAT(r.out, Catch::Contains("200 samples, seed 1"));
}

TEST_CASE("Monte Carlo options are checked: --seed needs --samples, an unknown element is named",
          "[cli][uncertainty]")
{
    CHECK(run_reclaim(mc_data() + " assess rotor --seed 3").exit_code == 2);
    CHECK(run_reclaim(mc_data() + " assess rotor --samples 0").exit_code == 2);
    auto r = run_reclaim(mc_data() + " assess rotor --samples 10 --sensitivity Xx");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("no element 'Xx'"));
}

TEST_CASE("run --samples gives each target its probability of being met", "[cli][uncertainty][run]")
{
    auto r = run_reclaim(mc_data() + " --format json run one --no-files --samples 4000 --seed 5", false);
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    const json& t = j["targets"][0];
    // tests/data/mc/README.md: P(met) = 0.2; standard error sqrt(0.16/4000) = 0.0063.
    CHECK(t["uncertainty"]["probability_met"].get<double>() == Approx(0.2).margin(0.025));
    for (const char* k : {"mean", "p5", "p50", "p95"}) {
        CHECK(t["uncertainty"]["recycled_share"].contains(k));
        CHECK(j["elements"]["Nd"]["uncertainty"]["recycled_share"][k].size() == 13);  // 2000-2012
    }
    CHECK(j["uncertainty"]["sensitivity"]["output"] == "Nd recycled_share 2010");
    auto bad = run_reclaim(mc_data() + " run one --no-files --samples 10 --sensitivity Nd:1999");
    CHECK(bad.exit_code != 0);
    CHECK_THAT(bad.out, Catch::Contains("outside the scenario's years"));
}

TEST_CASE("The sensitivity or the threads without samples to run are a usage error", "[cli][uncertainty]")
{
    for (const std::string cmd : {"assess rotor --sensitivity Nd", "compare rotor --plans p,q --sensitivity Nd",
                                  "run one --no-files --sensitivity Nd:2010", "run one --no-files --threads 2"}) {
        auto r = run_reclaim(mc_data() + " " + cmd);
        INFO(cmd << "\n" << r.out);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.out, Catch::Contains("needs --samples N or --samples-in FILE"));
    }
}

TEST_CASE("run --sensitivity names an unknown element, a year outside the scenario, a malformed output or an element without demand", "[cli][uncertainty][run]")
{
    // tests/data/mc scenario `one`: 2000-2012, demand for Nd only, its target in 2010.
    auto output = [](const std::string& what) {
        auto r = run_reclaim(mc_data() + " --format json run one --no-files --samples 20 --sensitivity " + what, false);
        REQUIRE(r.exit_code == 0);
        return json::parse(r.out)["uncertainty"]["sensitivity"]["output"].get<std::string>();
    };
    CHECK(output("Nd") == "Nd recycled_share 2010");  // the first target's year
    CHECK(output("Nd:2011") == "Nd recycled_share 2011");
    const std::pair<const char*, const char*> bad[] = {
        {"Xx:2010", "no element 'Xx'"},
        {"Nd:1990", "outside the scenario's years 2000-2012"},
        {"Nd:20x", "expected ELEMENT:YEAR"},
        {"Fe:2010", "no demand for Fe in 2010"},
    };
    for (const auto& [what, message] : bad) {
        auto r = run_reclaim(mc_data() + " run one --no-files --samples 10 --sensitivity " + what);
        INFO(what << "\n" << r.out);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.out, Catch::Contains(message));
    }
}
