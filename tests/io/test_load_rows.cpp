// Cells that a row does not use must be empty, and rows that repeat another row (two prices
// for one form on one date, the same BoM line twice) are problems naming both lines; a
// recovered form must be a name without spaces, as the valuer matches names exactly.

#include <catch2/catch.hpp>

#include "io/load.hpp"
#include "support/load_problems.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::all_problems;
using reclaim::test::has_problem;
using reclaim::test::TempData;

namespace {

Diagnostics load(const TempData& d) { return reclaim::test::load_problems(d); }

}  // namespace

TEST_CASE("A lifetime cell the model does not use must be empty", "[io][rows][lifetimes]")
{
    for (const std::string cell : {"nan", "banana", "-5", "4"}) {
        TempData d;
        // bev is weibull (shape, scale): its sd is not used.
        REQUIRE(d.replace("products/lifetimes.csv", "bev,weibull,,,3.5,16", "bev,weibull,," + cell + ",3.5,16"));
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(has_problem(diag, "products/lifetimes.csv", 2, "column 'sd': '" + cell + "' is given but model 'weibull' does not use sd"));
    }
}

TEST_CASE("A balance row's low, high and dist must be empty", "[io][rows][composition]")
{
    for (const std::string cells : {"nan,,", ",banana,", "-5,1,", ",,uniform"}) {
        TempData d;
        REQUIRE(d.replace("materials/composition.csv", "steel,C,balance,,,,", "steel,C,balance," + cells + ","));
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(has_problem(diag, "materials/composition.csv", 8, "is set on a balance row"));
    }
}

TEST_CASE("Two prices for one form on one date are a problem naming both lines", "[io][rows][prices]")
{
    SECTION("the same form")
    {
        TempData d;
        d.append("materials/prices.csv", "lithium carbonate,Li,Li2CO3,12,,,USD/kg,2025-06-30,example only\n");
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(has_problem(diag, "materials/prices.csv", 5, "has a price on 2025-06-30 already, at materials/prices.csv:2"));
    }
    SECTION("the same substance by material id")
    {
        TempData d;
        d.append("materials/prices.csv", "lithium carbonate,Li,li2co3,12,,,USD/kg,2025-06-30,example only\n");
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(has_problem(diag, "materials/prices.csv", 5, "at materials/prices.csv:2"));
    }
    SECTION("another date, or another element of the same form, is fine")
    {
        TempData d;
        d.append("materials/prices.csv", "lithium carbonate,Li,Li2CO3,12,,,USD/kg,2024-06-30,example only\n"
                                         "carbonate,C,Li2CO3,10,,,USD/kg,2025-06-30,example only\n");
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(diag.empty());
    }
}

TEST_CASE("An exact duplicate BoM row is a problem naming both lines", "[io][rows][bom]")
{
    TempData d;
    d.append("products/bom.csv", "nmc811_pack,anode,battery,graphite,1.0,,,,kg,example only\n");
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/bom.csv", 13, "repeats line 3"));
}

TEST_CASE("Two BoM rows of one part with different items stay allowed", "[io][rows][bom]")
{
    TempData d;
    d.append("products/bom.csv", "nmc811_pack,anode,battery,copper,0.1,,,,kg,example only\n");
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(diag.empty());
}

TEST_CASE("A recovered form with spaces is a problem at its line", "[io][rows][routes]")
{
    for (const std::string to : {"recovered:NdFeB alloy", "recovered: Li2CO3", "recovered:Li2CO3 "}) {
        TempData d;
        const std::string from = to.find("NdFeB") != std::string::npos ? "recovered:NdFeB-alloy" : "recovered:Li2CO3";
        REQUIRE(d.replace("routes/transfers.csv", from, "\"" + to + "\""));
        auto diag = load(d);
        INFO(all_problems(diag));
        const std::size_t line = from == "recovered:Li2CO3" ? 6 : 15;
        CHECK(has_problem(diag, "routes/transfers.csv", line, "is not a form name"));
    }
}
