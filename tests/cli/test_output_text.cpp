// What reaches the output is always valid: invalid UTF-8 from the data is replaced, never a
// crash; a number that is not finite is never printed with exit 0; a report nobody asked for
// is not built.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim::test;
using Catch::Matchers::Contains;

TEST_CASE("check --format json lists a problem whose text is not UTF-8", "[cli][check][json]")
{
    TempData d;
    REQUIRE(d.replace("materials/elements.csv", "Fe,iron,55.845", "Fe,iron,\xff\xfe"));
    auto r = run_reclaim("--data " + d.dir().string() + " --format json check", false);
    CHECK(r.exit_code == 1);
    nlohmann::json j;
    REQUIRE_NOTHROW(j = nlohmann::json::parse(r.out));
    CHECK(j["count"].get<int>() >= 1);
    CHECK_THAT(r.out, Contains("materials/elements.csv"));
}

TEST_CASE("A name that is not UTF-8 never makes a JSON writer fail", "[cli][json]")
{
    TempData d;
    REQUIRE(d.replace("products/products.csv", "bev,battery electric car", "bev,battery \xc3 car"));
    for (const std::string cmd : {"show product bev", "list products"}) {
        auto r = run_reclaim("--data " + d.dir().string() + " --format json " + cmd, false);
        INFO(cmd << "\n" << r.out);
        // The loader may refuse the name (exit 1); it must never end in an internal error.
        CHECK(r.exit_code != 4);
        if (r.exit_code == 0) {
            nlohmann::json j;
            REQUIRE_NOTHROW(j = nlohmann::json::parse(r.out));
            CHECK_THAT(r.out, Contains("battery \xef\xbf\xbd car"));  // U+FFFD
        }
    }
}

TEST_CASE("A result that is not a finite number is never printed with exit 0", "[cli][run]")
{
    TempData d;
    // 1e305 t of scrap: its value overflows to inf (the loader may refuse the amount instead).
    d.append("scenarios/tiny/scrap.csv", "nmc811_cam,lib_hydro,2026,1e305,t,x\n");
    for (const std::string format : {"table", "json", "csv", "md", "html"}) {
        const std::string args = "--data " + d.dir().string() + " --format " + format + " run tiny --no-files";
        auto r = run_reclaim(args);
        INFO(format << "\n" << r.out.substr(0, 2000));
        CHECK(r.exit_code != 0);
        CHECK(r.exit_code != 3);
        if (r.exit_code == 4) CHECK_THAT(r.out, Contains("internal error: results.json field '"));
        // Nothing at all on standard output: no half report, no inf.
        CHECK(run_reclaim(args, false).out.empty());
    }
}

TEST_CASE("run --no-files does not build the report it does not write", "[cli][run]")
{
    TempData d;
    // Sums of this scrap overflow in the Sankey diagram of report.html; with --no-files and a
    // table no report is built, so its diagram can neither fail nor be the error.
    d.append("scenarios/tiny/scrap.csv", "nmc811_cam,lib_hydro,2026,1e307,t,x\n");
    auto r = run_reclaim("--data " + d.dir().string() + " run tiny --no-files");
    INFO(r.out.substr(0, 2000));
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.out, !Contains("Sankey"));
}
