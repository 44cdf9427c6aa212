// The one JSON text writer (src/report/json_text.cpp): invalid UTF-8 is replaced by U+FFFD, a
// number that is not finite is refused with the field that holds it; null stays null.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "report/format.hpp"
#include "report/json_text.hpp"

using namespace reclaim;
using nlohmann::json;
using Catch::Matchers::Contains;

TEST_CASE("JSON text replaces invalid UTF-8 with U+FFFD instead of throwing", "[report][json]")
{
    json j = {{"name", std::string("battery \xc3 car")}, {"ok", "Nd\xe2\x82\x82"}};
    std::string text;
    REQUIRE_NOTHROW(text = json_text(j, "test.json"));
    CHECK_THAT(text, Contains("battery \xef\xbf\xbd car"));
    CHECK_THAT(text, Contains("Nd\xe2\x82\x82"));
    CHECK(text.back() == '\n');
    CHECK(json::parse(text)["ok"] == "Nd\xe2\x82\x82");
}

TEST_CASE("JSON text is indented by two spaces as before", "[report][json]")
{
    json j = {{"a", json::array({1, 2})}};
    CHECK(json_text(j, "x") == j.dump(2) + "\n");
}

TEST_CASE("JSON text refuses a number that is not finite and names its field", "[report][json]")
{
    const double inf = std::numeric_limits<double>::infinity();
    json j = {{"elements", {{"Nd", {{"recovered_t", json::array({1.0, 2.0, inf})}}}}}};
    try {
        (void)json_text(j, "results.json");
        FAIL("no error for inf");
    } catch (const NonFiniteError& e) {
        CHECK_THAT(e.what(), Contains("internal error: results.json field 'elements.Nd.recovered_t[2]' is inf"));
    }
    json n = {{"a", {{"b", std::nan("")}}}};
    CHECK_THROWS_WITH(json_text(n, "x.json"), Contains("field 'a.b' is nan"));
    CHECK_THROWS_AS(check_finite(n, "x.json"), NonFiniteError);
}

TEST_CASE("JSON text writes null, the undefined share by design, as null", "[report][json]")
{
    json j = {{"recycled_share", json::array({nullptr, 0.5})}, {"big", 1e300}, {"n", -3}};
    std::string text;
    REQUIRE_NOTHROW(text = json_text(j, "results.json"));
    CHECK(json::parse(text)["recycled_share"][0].is_null());
}

TEST_CASE("Numbers written as text refuse nan and inf", "[report][format]")
{
    CHECK_THROWS_AS(sig(std::numeric_limits<double>::infinity()), NonFiniteError);
    CHECK_THROWS_AS(sig(std::nan("")), NonFiniteError);
    CHECK_THROWS_AS(percent(std::nan("")), NonFiniteError);
    CHECK_THROWS_WITH(sig(-std::numeric_limits<double>::infinity()), Contains("internal error"));
    CHECK(sig(0.0716) == "0.0716");
    CHECK(sig(0.0) == "0");
}
