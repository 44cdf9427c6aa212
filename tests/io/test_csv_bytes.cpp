// A data file must be clean UTF-8 text: a stray Latin-1 byte, a NUL byte, a UTF-16 file and a
// line longer than the limit are each one problem at their file and line, and the other files'
// problems are still reported in the same pass.

#include <catch2/catch.hpp>

#include <string>

#include "io/csv.hpp"
#include "io/load.hpp"
#include "support/run.hpp"
#include "support/load_problems.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::all_problems;
using reclaim::test::has_problem;
using reclaim::test::TempData;

namespace {

Diagnostics load(const TempData& d) { return reclaim::test::load_problems(d); }

}  // namespace

TEST_CASE("A Latin-1 byte in a sink name is invalid UTF-8 at its line", "[io][csv][bytes]")
{
    TempData d;
    REQUIRE(d.replace("routes/transfers.csv", "loss:dust", "loss:d\xE9" "bris"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "routes/transfers.csv", 3, "invalid UTF-8 at byte"));
}

TEST_CASE("A Latin-1 byte in a comment line is invalid UTF-8 at its line", "[io][csv][bytes]")
{
    TempData d;
    d.write("materials/elements.csv", "# abr\xE9g\xE9\n" + d.read("materials/elements.csv"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "materials/elements.csv", 1, "invalid UTF-8 at byte 6"));
}

TEST_CASE("Overlong and truncated UTF-8 sequences are invalid; real multi-byte characters pass", "[io][csv][bytes]")
{
    TempData d;
    // C0 AF is an overlong '/'; E2 82 at the end of a cell is a truncated euro sign.
    REQUIRE(d.replace("products/products.csv", "EV traction motor", "EV \xC0\xAF motor"));
    REQUIRE(d.replace("products/products.csv", "battery electric car", "car \xE2\x82"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/products.csv", 3, "invalid UTF-8"));
    CHECK(has_problem(diag, "products/products.csv", 4, "invalid UTF-8"));
    // The middle dot of CoSO4·7H2O (C2 B7) in materials.csv and prices.csv is fine.
    for (const auto& p : diag.problems()) CHECK(p.where.file.rfind("materials/", 0) != 0);
}

TEST_CASE("A NUL byte is a problem at its line, not the end of the line", "[io][csv][bytes]")
{
    TempData d;
    REQUIRE(d.replace("products/bom.csv", "nmc811_pack,anode", std::string("nmc811_pack,an\0ode", 18)));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/bom.csv", 3, "NUL byte at byte 15"));
}

TEST_CASE("A UTF-16 file is refused at line 1, with either byte order mark", "[io][csv][bytes]")
{
    for (std::string bom : {std::string("\xFF\xFE"), std::string("\xFE\xFF")}) {
        TempData d;
        std::string utf8 = d.read("routes/routes.csv"), utf16 = bom;
        for (char c : utf8) {
            if (bom[0] == '\xFF') utf16 += std::string{c, '\0'};
            else utf16 += std::string{'\0', c};
        }
        d.write("routes/routes.csv", utf16);
        auto diag = load(d);
        INFO(all_problems(diag));
        CHECK(has_problem(diag, "routes/routes.csv", 1, "file is UTF-16; save it as UTF-8"));
    }
}

TEST_CASE("A UTF-8 byte order mark stays accepted", "[io][csv][bytes]")
{
    TempData d;
    d.write("routes/routes.csv", "\xEF\xBB\xBF" + d.read("routes/routes.csv"));
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(diag.empty());
}

TEST_CASE("A line longer than the limit is one problem at its line; other files are still checked",
          "[io][csv][bytes]")
{
    TempData d;
    d.write("materials/elements.csv",
            "# " + std::string(std::size_t{1} << 24, 'x') + "\n" + d.read("materials/elements.csv"));
    REQUIRE(d.replace("products/bom.csv", "nmc811_cam,1.3,", "nmc811_cam,banana,"));
    auto diag = load(d);
    INFO(all_problems(diag).substr(0, 2000));
    CHECK(has_problem(diag, "materials/elements.csv", 1, "more than the limit of"));
    CHECK(has_problem(diag, "products/bom.csv", 2, "is not a finite number"));
}

TEST_CASE("check reports bad bytes as data problems (exit 1)", "[io][csv][bytes][cli]")
{
    TempData d;
    REQUIRE(d.replace("routes/transfers.csv", "loss:dust", "loss:d\xE9" "bris"));
    auto r = reclaim::test::run_reclaim("--data " + d.dir().string() + " check");
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("routes/transfers.csv:3") != std::string::npos);
}
