// Every kind of bad input gives a problem that names the file and the line; none crashes and
// none passes silently. Each case edits one file of a scratch copy of tests/data/tiny.

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

TEST_CASE("The tiny fixture loads without problems", "[io][load]")
{
    TempData d;
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(diag.empty());
}

TEST_CASE("A missing file is named", "[io][load]")
{
    TempData d;
    d.remove("routes/plans.csv");
    auto diag = load(d);
    CHECK(has_problem(diag, "routes/plans.csv", 0, "file not found"));
}

TEST_CASE("An empty file is named", "[io][load]")
{
    TempData d;
    d.write("products/lifetimes.csv", "# only a comment\n\n");
    auto diag = load(d);
    CHECK(has_problem(diag, "products/lifetimes.csv", 0, "file is empty"));
}

TEST_CASE("A header with an unknown column is an error naming the column", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("products/products.csv", "id,name,category,unit,source", "id,name,categroy,unit,source"));
    auto diag = load(d);
    CHECK(has_problem(diag, "products/products.csv", 1, "'categroy' is not a column of this file"));
    CHECK(has_problem(diag, "products/products.csv", 1, "'category' required column is missing"));
}

TEST_CASE("A row with too few or too many cells is an error", "[io][load]")
{
    TempData d;
    d.append("products/products.csv", "hdd,hard disk,electronics,unit\n");                 // line 5
    d.append("products/products.csv", "ssd,solid state,electronics,unit,src,extra\n");     // line 6
    auto diag = load(d);
    CHECK(has_problem(diag, "products/products.csv", 5, "row has 4 cells, the header has 5 columns"));
    CHECK(has_problem(diag, "products/products.csv", 6, "row has 6 cells, the header has 5 columns"));
}

TEST_CASE("A non-number, nan and inf are rejected", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "nmc811_pack,anode,battery,graphite,1.0,", "nmc811_pack,anode,battery,graphite,1.O,"));
    REQUIRE(d.replace("products/bom.csv", "nmc811_pack,current collectors,battery,copper,0.36,", "nmc811_pack,current collectors,battery,copper,nan,"));
    REQUIRE(d.replace("products/bom.csv", "nmc811_pack,casing and foil,battery,aluminium,1.2,", "nmc811_pack,casing and foil,battery,aluminium,inf,"));
    auto diag = load(d);
    CHECK(has_problem(diag, "products/bom.csv", 3, "column 'value': '1.O' is not a finite number"));
    CHECK(has_problem(diag, "products/bom.csv", 4, "'nan' is not a finite number"));
    CHECK(has_problem(diag, "products/bom.csv", 5, "'inf' is not a finite number"));
}

TEST_CASE("A negative mass is rejected", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "bev,body in white,steel,steel,900,", "bev,body in white,steel,steel,-900,"));
    auto diag = load(d);
    CHECK(has_problem(diag, "products/bom.csv", 12, "must not be negative"));
}

TEST_CASE("A fraction above 1 is rejected", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("routes/plans.csv", "today,battery,lib_hydro,0.6,0.4,0.8", "today,battery,lib_hydro,1.6,0.4,1.8"));
    REQUIRE(d.replace("materials/composition.csv", "steel,Fe,98,,,,%", "steel,Fe,120,,,,%"));
    auto diag = load(d);
    CHECK(has_problem(diag, "routes/plans.csv", 2, "is a fraction outside [0, 1]"));
    CHECK(has_problem(diag, "materials/composition.csv", 7, "is a fraction outside [0, 1]"));
}

TEST_CASE("low <= value <= high is enforced", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "1.3,1.2,1.45", "1.5,1.2,1.45"));
    auto diag = load(d);
    CHECK(has_problem(diag, "products/bom.csv", 2, "violates low <= value <= high"));
}

TEST_CASE("An unknown unit lists the known ones", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "traction_motor,windings,copper,copper,8,,,,kg,", "traction_motor,windings,copper,copper,8,,,,kilo,"));
    auto diag = load(d);
    CHECK(has_problem(diag, "products/bom.csv", 9, "column 'unit': 'kilo' is not a known unit (known: kg g"));
}

TEST_CASE("A unit of the wrong dimension names the item and what was expected", "[io][load]")
{
    TempData d;
    // A material counted in kWh, and a kWh-based pack counted in kg.
    REQUIRE(d.replace("products/bom.csv", "traction_motor,rotor magnets,magnet,ndfeb_low_dy,1.2,0.8,2.0,,kg,",
                      "traction_motor,rotor magnets,magnet,ndfeb_low_dy,1.2,0.8,2.0,,kWh,"));
    REQUIRE(d.replace("products/bom.csv", "bev,battery,battery,nmc811_pack,60,,,,kWh,", "bev,battery,battery,nmc811_pack,60,,,,kg,"));
    auto diag = load(d);
    CHECK(has_problem(diag, "products/bom.csv", 7, "'kWh' does not fit a material (a material needs a mass per unit"));
    CHECK(has_problem(diag, "products/bom.csv", 10, "'kg' does not fit item 'nmc811_pack'"));
}

TEST_CASE("An unknown element or material id is named", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("materials/composition.csv", "steel,C,balance", "steel,Cx,balance"));
    REQUIRE(d.replace("products/bom.csv", "traction_motor,stator and shaft,steel,steel,", "traction_motor,stator and shaft,steel,stainless,"));
    auto diag = load(d);
    CHECK(has_problem(diag, "materials/composition.csv", 8, "'Cx' is neither an element symbol nor a material id"));
    CHECK(has_problem(diag, "products/bom.csv", 8, "'stainless' is neither a material nor a product id"));
}

TEST_CASE("A duplicate id is an error", "[io][load]")
{
    TempData d;
    d.append("materials/materials.csv", "copper,copper again,Cu,example only,\n");
    auto diag = load(d);
    CHECK(has_problem(diag, "materials/materials.csv", 12, "'copper' is a duplicate material id"));
}

TEST_CASE("Compositions must sum to 1 within 1e-6", "[io][load]")
{
    TempData d;
    // electrolyte: Li 1.1% + C balance -> make it Li 1.1% + C 98% = 99.1%
    REQUIRE(d.replace("materials/composition.csv", "electrolyte,C,balance,,,,%", "electrolyte,C,98,,,,%"));
    auto diag = load(d);
    CHECK(has_problem(diag, "materials/composition.csv", 9, "fractions sum to 0.991, expected 1 within 1e-6"));
}

TEST_CASE("Two balance rows are an error", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("materials/composition.csv", "ndfeb_low_dy,B,1,,,,%", "ndfeb_low_dy,B,balance,,,,%"));
    auto diag = load(d);
    CHECK(has_problem(diag, "materials/composition.csv", 6, "appears twice for material 'ndfeb_low_dy'"));
}

TEST_CASE("A cyclic bill of materials names the cycle", "[io][load]")
{
    TempData d;
    d.append("products/bom.csv", "traction_motor,spare car,,bev,1,,,,unit,example only\n");  // line 13
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK((has_problem(diag, "products/bom.csv", 11, "is a cycle") || has_problem(diag, "products/bom.csv", 13, "is a cycle")));
    bool named = false;
    for (const auto& p : diag.problems()) named = named || p.text.find("bev -> traction_motor -> bev") != std::string::npos ||
                                              p.text.find("traction_motor -> bev -> traction_motor") != std::string::npos;
    CHECK(named);
}

TEST_CASE("A UTF-8 byte order mark and CRLF line ends simply work", "[io][load]")
{
    TempData d;
    for (const char* f : {"materials/elements.csv", "products/bom.csv", "routes/transfers.csv"}) {
        std::string s = d.read(f), crlf = "\xEF\xBB\xBF";
        for (char c : s) {
            if (c == '\n') crlf += '\r';
            crlf += c;
        }
        d.write(f, crlf);
    }
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(diag.empty());
}

TEST_CASE("A quoted cell may hold a comma and escaped quotes", "[io][load]")
{
    TempData d;
    d.append("products/products.csv", "hdd,\"hard disk drive, 3.5\"\" desktop\",electronics,unit,\"Smith, J. (2020)\"\n");
    d.append("products/bom.csv", "hdd,magnets,magnet,ndfeb_low_dy,15,,,,g,\"a, b\"\n");
    Diagnostics diag;
    Model m = load_model(d.dir(), diag);
    INFO(all_problems(diag));
    REQUIRE(diag.empty());
    auto hdd = m.find_product("hdd");
    REQUIRE(hdd);
    CHECK(m.products[*hdd].name == "hard disk drive, 3.5\" desktop");
    CHECK(m.products[*hdd].source == "Smith, J. (2020)");
}

TEST_CASE("An unclosed quote is reported", "[io][load]")
{
    TempData d;
    d.append("products/products.csv", "hdd,\"hard disk,electronics,unit,src\n");
    auto diag = load(d);
    CHECK(has_problem(diag, "products/products.csv", 5, "a quoted cell is not closed"));
}

TEST_CASE("A missing or empty source is an error", "[io][load]")
{
    TempData d;
    REQUIRE(d.replace("routes/routes.csv", "shred_steel,shredded with steel,shred,9,example only", "shred_steel,shredded with steel,shred,9,"));
    auto diag = load(d);
    CHECK(has_problem(diag, "routes/routes.csv", 4, "every row needs a citation"));
}

TEST_CASE("Transfer coefficients of a process must sum to one", "[io][routes]")
{
    TempData d;
    REQUIRE(d.replace("routes/transfers.csv", "lib_hydro,leach,Li,loss:residue,0.15,0.1,0.2,", "lib_hydro,leach,Li,loss:residue,0.25,0.1,0.3,"));
    auto diag = load(d);
    CHECK(has_problem(diag, "routes/transfers.csv", 6, "transfer coefficients sum to 1.1, expected 1"));
}

TEST_CASE("A transfer to something that is neither a process nor a sink is named", "[io][routes]")
{
    TempData d;
    REQUIRE(d.replace("routes/transfers.csv", "lib_hydro,leach,*,loss:residue,1", "lib_hydro,leach,*,residue,1"));
    auto diag = load(d);
    CHECK(has_problem(diag, "routes/transfers.csv", 12, "'residue' is not a process of route 'lib_hydro' nor a sink"));
}

TEST_CASE("Plan shares of a class may not exceed 1", "[io][routes]")
{
    TempData d;
    d.append("routes/plans.csv", "today,battery,shred_steel,0.5,,,example only\n");
    auto diag = load(d);
    CHECK(has_problem(diag, "routes/plans.csv", 2, "shares of the class sum to 1.1"));
}

TEST_CASE("A material that contains itself through a mixture names the cycle", "[io][load]")
{
    TempData d;
    d.append("materials/materials.csv", "mix_a,mix a,,test,\nmix_b,mix b,,test,\n");  // lines 12, 13
    d.append("materials/composition.csv",
             "mix_a,mix_b,50,,,,%,test,\n"   // line 11
             "mix_a,Fe,balance,,,,%,test,\n"
             "mix_b,mix_a,50,,,,%,test,\n"   // line 13
             "mix_b,Fe,balance,,,,%,test,\n");
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "materials/composition.csv", 13, "'mix_a -> mix_b -> mix_a' is a cycle"));
}
