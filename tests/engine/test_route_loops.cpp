// Issue 16: a loop an element cannot leave, or one closed to floating-point precision, is a
// data problem (exit 1, the route's line), not a failed balance (exit 3, "a bug in reclaim").

#include <catch2/catch.hpp>

#include "engine/evaluate/route_network.hpp"
#include "io/load.hpp"
#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using namespace reclaim::test;
using Catch::Matchers::Contains;

namespace {

// tests/data/tiny's magnet_hpms: extract -> hpms (0.9) or loss (0.1); hpms -> alloy (0.95) or
// fines (0.05). Here hpms sends everything back to extract but for `exit_share`, and extract
// sends everything to hpms: the loop is left through the alloy alone.
void close_the_loop(const TempData& d, const std::string& back_share, const std::string& exit_share)
{
    REQUIRE(d.replace("routes/transfers.csv", "magnet_hpms,extract,*,hpms,0.9,0.85,0.95,,example only\n"
                                              "magnet_hpms,extract,*,loss:not-liberated,0.1,0.05,0.15,,example only\n",
                      "magnet_hpms,extract,*,hpms,1,,,,example only\n"));
    REQUIRE(d.replace("routes/transfers.csv", "magnet_hpms,hpms,*,recovered:NdFeB-alloy,0.95,,,,example only\n"
                                              "magnet_hpms,hpms,*,loss:oxidised-fines,0.05,,,,example only\n",
                      "magnet_hpms,hpms,*,extract," + back_share + ",,,,example only\n"
                      "magnet_hpms,hpms,*,recovered:NdFeB-alloy," + exit_share + ",,,,example only\n"));
}

std::size_t route_index(const Model& m, const std::string& id)
{
    for (std::size_t r = 0; r < m.routes.size(); ++r)
        if (m.routes[r].id == id) return r;
    FAIL("no route " << id);
    return npos;
}

}  // namespace

TEST_CASE("A loop closed to floating-point precision is a data problem that check reports", "[engine][route][loop]")
{
    TempData d;
    close_the_loop(d, "1", "1e-17");  // 1 + 1e-17 == 1: the loop returns everything
    auto r = run_reclaim("check --data " + d.dir().string());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("routes/routes.csv:3"));
    CHECK_THAT(r.out, Contains("magnet_hpms"));
    CHECK_THAT(r.out, Contains("loop"));
    auto a = run_reclaim("assess traction_motor --route magnet_hpms --data " + d.dir().string());
    CHECK(a.exit_code == 1);
    CHECK_THAT(a.out, Contains("routes/routes.csv:3"));
}

TEST_CASE("A loop left through a small but representable share still solves exactly", "[engine][route][loop]")
{
    // Exit 1e-6 per pass: every kg passes hpms 1e6 times and leaves as alloy; closed form 1.
    TempData d;
    close_the_loop(d, "0.999999", "1e-6");
    const Model m = load_model(d.dir());
    RouteSolution s = solve_route(m, route_index(m, "magnet_hpms"), m.params.nominal());
    const auto nd = static_cast<Eigen::Index>(*m.elements.find("Nd"));
    CHECK(s.recovered[nd] == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("Values that leave a loop without an exit are a data problem naming the route", "[engine][route][loop]")
{
    // A Monte Carlo sample can draw the only exit share of a loop to 0.
    TempData d;
    close_the_loop(d, "0.5", "0.5");
    const Model m = load_model(d.dir());
    const std::size_t route = route_index(m, "magnet_hpms");
    ParamValues values = m.params.nominal();
    for (std::size_t i = 0; i < values.size(); ++i) {
        const Origin& o = m.params.origin(ParamId{static_cast<std::uint32_t>(i)});
        if (o.file == "routes/transfers.csv" && o.line == 15) values[i] = 0.0;  // the alloy exit
    }
    try {
        solve_route(m, route, values);
        FAIL("a loop without an exit was solved");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].where.file == "routes/routes.csv");
        CHECK(e.problems()[0].where.line == 3);
        CHECK_THAT(e.problems()[0].message, Contains("cannot leave the loop"));
    }
}
