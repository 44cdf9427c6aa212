// `reclaim value` end to end: the binary on the value fixture.

#include <array>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>


namespace {

struct Run {
    int status = 0;
    std::string out;  //!< standard output and standard error together
};

Run run(const std::string& args)
{
    std::string cmd = std::string(RECLAIM_BINARY) + " --data " + RECLAIM_TEST_DATA_DIR + "/value " + args + " 2>&1";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), p)) r.out += buf.data();
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

}  // namespace

TEST_CASE("reclaim value ranks every route by net value per tonne of feed", "[cli][value]")
{
    Run r = run("value feed_bm --format json");
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["routes"].size() == 2);
    // hydro 4270.49 > pyro 3453.48 USD/t (tests/engine/test_value.cpp)
    CHECK(j["routes"][0]["route"] == "hydro");
    CHECK(j["routes"][1]["net_usd_per_t"].get<double>() == Approx(3453.48).margin(0.01));
}

TEST_CASE("reclaim value takes a mass with a unit and one route", "[cli][value]")
{
    Run r = run("value feed_bm --route pyro --mass 500kg --format json");
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["mass_kg"] == 500.0);
    REQUIRE(j["routes"].size() == 1);
    // Half the feed, same per tonne: net 3453.48 / 2 = 1726.74 USD.
    CHECK(j["routes"][0]["net_usd"].get<double>() == Approx(1726.74).margin(0.01));
    CHECK(j["routes"][0]["net_usd_per_t"].get<double>() == Approx(3453.48).margin(0.01));
}

TEST_CASE("reclaim value values a product by its units", "[cli][value]")
{
    Run r = run("value cell --units 3 --routes hydro --format json");
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    // 3 cells x 2 kg of feed_bm = 6 kg
    CHECK(j["mass_kg"].get<double>() == Approx(6.0));
    CHECK(j["units"].get<double>() == Approx(3.0));
}

TEST_CASE("reclaim value with a bad price list names the file and line and exits 1", "[cli][value]")
{
    std::string file = std::string(RECLAIM_TEST_DATA_DIR) + "/value/bad_prices/negative.csv";
    Run r = run("value feed_bm --prices " + file);
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains(file + ":2: column 'value': '-10' must not be negative"));
}

TEST_CASE("reclaim value rejects an unknown feedstock, route or mass", "[cli][value]")
{
    CHECK(run("value nothing").status == 2);
    CHECK_THAT(run("value feed_bm --route nowhere").out, Catch::Contains("no route 'nowhere'"));
    Run bad_mass = run("value feed_bm --mass 3kWh");
    CHECK(bad_mass.status == 2);
    CHECK_THAT(bad_mass.out, Catch::Contains("'3kWh' is not a positive mass"));
}
