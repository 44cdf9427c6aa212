// Numbers outside the range a quantity can have (after conversion to base units) and data
// nested deeper than the documented limits are data problems at their file and line: none
// passes `check` to print inf later, and none overflows the stack.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/formula.hpp"
#include "io/load.hpp"
#include "io/load_samples.hpp"
#include "io/load_scenario.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::all_problems;
using reclaim::test::has_problem;
using reclaim::test::TempData;

namespace {

constexpr const char* kRange = "is outside the range a quantity can have: |x| between 1e-30 and 1e30 in base units, or 0";

Diagnostics load(const TempData& d)
{
    Diagnostics diag;
    load_model(d.dir(), diag);
    return diag;
}

// The model's and the tiny scenario's problems together.
Diagnostics load_with_scenario(const TempData& d)
{
    Diagnostics diag;
    Model model = load_model(d.dir(), diag);
    load_scenario(d.dir() / "scenarios/tiny", model, diag);
    return diag;
}

}  // namespace

TEST_CASE("A BoM mass of 1e306 t is outside the range after conversion to kg", "[io][limits]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "nmc811_cam,1.3,1.2,1.45,,kg", "nmc811_cam,1e306,,,,t"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/bom.csv", 2, std::string("'1e306 t' ") + kRange));
}

TEST_CASE("The range is checked in base units: 1e28 t is too much, 1e-31 t is not too little", "[io][limits]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "nmc811_cam,1.3,1.2,1.45,,kg", "nmc811_cam,1e28,,,,t"));
    REQUIRE(d.replace("products/bom.csv", "graphite,1.0,,,,kg", "graphite,1e-31,,,,t"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/bom.csv", 2, kRange));
    CHECK(diag.size() == 1);
}

TEST_CASE("A range end outside the range is named by its column", "[io][limits]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "nmc811_cam,1.3,1.2,1.45,,kg", "nmc811_cam,1.3,1e-40,1.45,,kg"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/bom.csv", 2, "column 'low': '1e-40 kg' " + std::string(kRange)));
}

TEST_CASE("A price or a route cost of 1e308 is outside the range", "[io][limits]")
{
    TempData d;
    REQUIRE(d.replace("materials/prices.csv", "Li2CO3,10,8,14,", "Li2CO3,1e308,,,"));
    d.write("routes/costs.csv", "route,item,value,unit,date,source\nlib_hydro,processing,1e308,USD/t,2025,example only\n");
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "materials/prices.csv", 2, kRange));
    CHECK(has_problem(diag, "routes/costs.csv", 2, kRange));
}

TEST_CASE("An atomic weight of 1e308 or 1e-320 is refused", "[io][limits]")
{
    TempData d;
    REQUIRE(d.replace("materials/elements.csv", "H,hydrogen,1.008,", "H,hydrogen,1e308,"));
    REQUIRE(d.replace("materials/elements.csv", "S,sulfur,32.06,", "S,sulfur,1e-320,"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "materials/elements.csv", 3, kRange));
    CHECK(has_problem(diag, "materials/elements.csv", 9, "atomic_weight"));
}

TEST_CASE("A scenario's demand, put_on_market and scrap outside the range are refused", "[io][limits][scenario]")
{
    TempData d;
    REQUIRE(d.replace("scenarios/tiny/demand.csv", "Co,2020,5,t", "Co,2020,2e-308,t"));
    REQUIRE(d.replace("scenarios/tiny/demand.csv", "Nd,2020,2,t", "Nd,2020,1e-300,t"));
    REQUIRE(d.replace("scenarios/tiny/put_on_market.csv", "bev,2010,100,", "bev,2010,1e308,"));
    REQUIRE(d.replace("scenarios/tiny/scrap.csv", "2025,2,t", "2025,1e300,t"));
    auto diag = load_with_scenario(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "scenarios/tiny/demand.csv", 2, "'2e-308 t' " + std::string(kRange)));
    CHECK(has_problem(diag, "scenarios/tiny/demand.csv", 4, kRange));
    CHECK(has_problem(diag, "scenarios/tiny/put_on_market.csv", 2, kRange));
    CHECK(has_problem(diag, "scenarios/tiny/scrap.csv", 2, kRange));
}

TEST_CASE("A given sample outside the range is refused at its cell", "[io][limits][samples]")
{
    TempData d;
    Model model = load_model(d.dir());
    auto file = d.dir() / "samples.csv";
    std::ofstream(file) << "products/bom.csv:2:value\n1.3\n1e300\n";
    try {
        load_given_samples(file, model.params);
        FAIL("a sample of 1e300 kg was accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find(":3: column 'products/bom.csv:2:value': '1e300' is outside the range") !=
              std::string::npos);
    }
}

// ----- depth -----

TEST_CASE("A formula nested 100000 deep is a problem at its line, not a crash", "[io][limits][depth]")
{
    TempData d;
    d.append("materials/materials.csv",
             "deep,deep,\"" + std::string(100000, '(') + "Cu" + std::string(100000, ')') + "\",example only,\n");
    auto diag = load(d);
    INFO(all_problems(diag).substr(0, 2000));
    CHECK(has_problem(diag, "materials/materials.csv", 12, "nested more than 32 deep"));
}

namespace {

// A chain of `n` products, each made of one of the next, the last of copper.
void product_chain(const TempData& d, std::size_t n)
{
    std::string products = d.read("products/products.csv"), bom = d.read("products/bom.csv");
    for (std::size_t i = 0; i < n; ++i) {
        products += fmt::format("p{},level {},test,unit,example only\n", i, i);
        if (i + 1 < n) bom += fmt::format("p{},sub,,p{},1,,,,unit,example only\n", i, i + 1);
        else bom += fmt::format("p{},wire,copper,copper,1,,,,kg,example only\n", i);
    }
    d.write("products/products.csv", products);
    d.write("products/bom.csv", bom);
}

// A chain of `n` materials, each made of the next, the last of the element Cu.
void material_chain(const TempData& d, std::size_t n)
{
    std::string materials = d.read("materials/materials.csv"), composition = d.read("materials/composition.csv");
    for (std::size_t i = 0; i < n; ++i) {
        const std::string id = fmt::format("m{}", i);
        materials += fmt::format("{},level {},,example only,\n", id, i);
        composition += fmt::format("{},{},100,,,,%,example only,\n", id, i + 1 < n ? fmt::format("m{}", i + 1) : "Cu");
    }
    d.write("materials/materials.csv", materials);
    d.write("materials/composition.csv", composition);
}

}  // namespace

TEST_CASE("Sub-assemblies nest at most 64 deep", "[io][limits][depth]")
{
    SECTION("65 products in a chain (64 levels of sub-assembly) load")
    {
        TempData d;
        product_chain(d, 65);
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(diag.empty());
    }
    SECTION("66 products in a chain are refused at the line of the 65th level")
    {
        TempData d;
        product_chain(d, 66);
        auto diag = load(d);
        INFO(all_problems(diag));
        // bom.csv has 11 rows after its header; p64's line to p65 is row 13 + 64.
        CHECK(has_problem(diag, "products/bom.csv", 13 + 64, "nest more than 64 deep"));
        CHECK(diag.size() == 1);
    }
}

TEST_CASE("Chains of 30000 and 100000 sub-assemblies are problems, not crashes", "[io][limits][depth]")
{
    for (std::size_t n : {30000, 100000}) {
        TempData d;
        product_chain(d, n);
        auto diag = load(d);
        INFO(all_problems(diag).substr(0, 2000));
        CHECK(has_problem(diag, "products/bom.csv", 13 + 64, "nest more than 64 deep"));
    }
}

TEST_CASE("A cycle at the end of a chain of 100000 products is found without recursion", "[io][limits][depth]")
{
    TempData d;
    product_chain(d, 100000);
    d.append("products/bom.csv", "p99999,back,,p0,1,,,,unit,example only\n");
    auto diag = load(d);
    INFO(all_problems(diag).substr(0, 2000));
    bool cycle = false;
    for (const auto& p : diag.problems()) cycle = cycle || p.message.find("is a cycle") != std::string::npos;
    CHECK(cycle);
}

TEST_CASE("Materials nest at most 64 deep; 100000 nested materials are a problem, not a crash",
          "[io][limits][depth]")
{
    {
        TempData d;
        material_chain(d, 65);
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(diag.empty());
    }
    for (std::size_t n : {66, 100000}) {
        TempData d;
        material_chain(d, n);
        auto diag = load(d);
        INFO(all_problems(diag).substr(0, 2000));
        // composition.csv has 9 rows after its header; m64's row (made of m65) is row 11 + 64.
        CHECK(has_problem(diag, "materials/composition.csv", 11 + 64, "nest more than 64 deep"));
    }
}
