// The command line as a user meets it: exit codes, messages and the JSON keys of show.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim::test;
using Catch::Matchers::Contains;

namespace {
const std::string kTiny = std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/tiny";
}

TEST_CASE("check exits 0 on valid data and 1 with every problem on bad data", "[cli][check]")
{
    CHECK(run_reclaim("check " + kTiny).exit_code == 0);
    TempData d;
    d.replace("products/bom.csv", "bev,body in white,steel,steel,900,", "bev,body in white,steel,steel,-900,");
    d.replace("materials/elements.csv", "Fe,iron,55.845", "Fe,iron,heavy");
    auto r = run_reclaim("check --data " + d.dir().string());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("products/bom.csv:12: column 'value': '-900' must not be negative"));
    CHECK_THAT(r.out, Contains("materials/elements.csv:11: column 'atomic_weight': 'heavy' is not a finite number"));
}

TEST_CASE("The shipped data passes check", "[cli][check][data]")
{
    auto r = run_reclaim(std::string("check --data ") + RECLAIM_REPO_DIR);
    INFO(r.out);
    CHECK(r.exit_code == 0);
}

TEST_CASE("Usage errors exit 2", "[cli]")
{
    CHECK(run_reclaim("frobnicate").exit_code == 2);
    CHECK(run_reclaim("list gizmos " + kTiny).exit_code == 2);
    CHECK(run_reclaim("show product no_such_thing " + kTiny).exit_code == 2);
    CHECK(run_reclaim("list products --format pdf " + kTiny).exit_code == 2);
    CHECK(run_reclaim("check --data /no/such/folder").exit_code == 2);
}

TEST_CASE("show material JSON has the documented keys", "[cli][show][json]")
{
    auto r = run_reclaim("show material nmc811_cam --format json " + kTiny, false);
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("id") == "nmc811_cam");
    // Li = 6.94 / 97.2798437 (see tests/core/test_formula.cpp)
    CHECK(j.at("composition").at("Li").get<double>() == Approx(6.94 / 97.2798437).epsilon(1e-9));
}

TEST_CASE("show product JSON has the documented keys", "[cli][show][json]")
{
    auto r = run_reclaim("show product bev --format json " + kTiny, false);
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"id", "name", "unit", "content_kg", "by_class", "parts"}) CHECK(j.contains(key));
    CHECK(j.at("unit") == "unit");
    CHECK(j.at("content_kg").at("Nd").get<double>() == Approx(0.276));  // 1.2 kg magnet x 23%
    CHECK(j.at("by_class").at("magnet").at("Nd").get<double>() == Approx(0.276));
    REQUIRE(j.at("parts").size() == 3);
    CHECK(j.at("parts")[0].at("item") == "nmc811_pack");
    CHECK(j.at("parts")[0].at("unit") == "kWh");
}

TEST_CASE("The -o option writes the output to a file", "[cli]")
{
    TempData d;
    auto file = d.dir() / "out" / "products.csv";
    auto r = run_reclaim("list products --format csv -o " + file.string() + " " + kTiny);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(d.read("out/products.csv"), Contains("traction_motor,EV traction motor,motor,unit"));
}
