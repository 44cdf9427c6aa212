// `reclaim assess`, `compare` and `show route` as a user runs them: exit codes and output.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

using Catch::Matchers::Contains;

namespace {

struct Run {
    int code;
    std::string out;
};

// Runs reclaim on the tiny data with `args`; standard error is folded into the output.
Run reclaim_run(const std::string& args)
{
    std::string cmd = std::string(RECLAIM_BINARY) + " --data " + RECLAIM_TEST_DATA_DIR + "/tiny " + args + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
    int status = pclose(pipe);
    return {WEXITSTATUS(status), out};
}

}  // namespace

TEST_CASE("reclaim assess states the default plan and balances", "[cli][assess]")
{
    Run r = reclaim_run("assess bev --units 2 --collection 0.5");
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Contains("bev — battery electric car: 2 unit (2414 kg), collection 50%, plan today (default)"));
    Run j = reclaim_run("--format json assess bev --route magnet_hpms");
    REQUIRE(j.code == 0);
    auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["route"] == "magnet_hpms");
    CHECK(doc["balance_residual"].get<double>() <= 1e-9);
    // Nd through magnet_hpms: 0.276 x 0.9 x 0.95 = 0.23598 kg.
    CHECK(doc["elements"]["Nd"]["recovered_kg"].get<double>() == Approx(0.23598).epsilon(1e-12));
}

TEST_CASE("reclaim assess lists the largest losses of the critical elements", "[cli][assess]")
{
    // The command line's critical elements (Nd Pr Dy Tb Li Co Ni): half of the bev is not
    // collected, and the collected Nd is shredded with steel: 0.9 x 0.5 = 45% to ferrous scrap.
    Run r = reclaim_run("assess bev --collection 0.5");
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Contains("1. 50% of Ni: battery not collected -> uncollected"));
    CHECK_THAT(r.out, Contains(". 45% of Nd: magnet — shredded with steel (shred_steel/shred) -> loss:ferrous-scrap"));
    Run j = reclaim_run("--format json assess bev --collection 0.5");
    REQUIRE(j.code == 0);
    auto doc = nlohmann::json::parse(j.out);
    REQUIRE_FALSE(doc["top_losses"].empty());
    const std::set<std::string> critical{"Nd", "Pr", "Dy", "Tb", "Li", "Co", "Ni"};
    for (const auto& t : doc["top_losses"]) CHECK(critical.count(t["element"].get<std::string>()) == 1);
}

TEST_CASE("reclaim assess rejects bad options before loading", "[cli][assess][errors]")
{
    CHECK(reclaim_run("assess bev --collection 1.5").code == 2);
    CHECK(reclaim_run("assess bev --units 2 --mass 10").code == 2);
    CHECK(reclaim_run("assess bev --route nope").code == 2);
    Run r = reclaim_run("assess bev --plan nope");
    CHECK(r.code == 2);
    CHECK_THAT(r.out, Contains("no plan 'nope'"));
}

TEST_CASE("reclaim compare needs plans or routes and marks the best", "[cli][compare]")
{
    Run r = reclaim_run("compare bev --routes shred_steel,magnet_hpms");
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Contains(" *"));
    CHECK(reclaim_run("compare bev").code == 2);
}

TEST_CASE("reclaim show route prints links and yields", "[cli][routes]")
{
    Run r = reclaim_run("show route magnet_hpms");
    CHECK(r.code == 0);
    // '*' through extract 0.9 and hpms 0.95: 85.5% NdFeB-alloy.
    CHECK_THAT(r.out, Contains("85.5%"));
    CHECK_THAT(r.out, Contains("hpms     *        recovered:NdFeB-alloy"));
}
