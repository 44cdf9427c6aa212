// `value --samples`: percentiles of gross and net per tonne, P(net > 0) and P(route beats route)
// through the one Monte Carlo runner, checked against uniform cost ranges by hand (issue 17).

#include <catch2/catch.hpp>

#include "engine/uncertainty/value_uncertainty.hpp"
#include "io/load.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;

namespace {

constexpr double kLi2co3PerLi = 73.888 / 13.88;
constexpr double kCoso4PerCo = 281.094194 / 58.933194;
constexpr double kNd2o3PerNd = 336.481 / 288.484;
// Gross per tonne of feed_bm at the fixture's nominal prices (tests/engine/test_value.cpp):
// hydro 4570.49, pyro 2060.52 + 1492.96 = 3553.48 USD/t.
constexpr double kHydroGross = 45 * kLi2co3PerLi * 10 + 95 * kCoso4PerCo * 6 * 0.8;
constexpr double kPyroGross = 90 * kCoso4PerCo * 6 * 0.8 + 16 * kNd2o3PerNd * 80;

}  // namespace

TEST_CASE("Net percentiles and P(net > 0) follow a uniform cost range, and P(A beats B) uses common samples",
          "[engine][value][uncertainty][costs]")
{
    test::TempData d("value");
    // Fixed prices; hydro's processing cost uniform 4000..5000 USD/t, pyro's 3000..4000 USD/t.
    REQUIRE(d.replace("materials/prices.csv", "li2co3,10,8,14,", "li2co3,10,,,"));
    REQUIRE(d.replace("materials/prices.csv", "CoSO4·7H2O,6,5,8,", "CoSO4·7H2O,6,,,"));
    d.write("routes/costs.csv", "route,item,value,low,high,dist,unit,date,source\n"
                                 "hydro,processing,4500,4000,5000,uniform,USD/t,2025-01-01,test fixture\n"
                                 "pyro,processing,3500,3000,4000,uniform,USD/t,2025-01-01,test fixture\n");
    Model m = load_model(d.dir());
    Feedstock feed = material_feed(m, m.find_material("feed_bm").value(), 1000.0, m.params.nominal());
    MonteCarloOptions mc;
    mc.samples = 20000;
    mc.seed = 7;
    const std::size_t hydro = m.find_route("hydro").value(), pyro = m.find_route("pyro").value();
    ValueUncertainty u = value_uncertainty(m, feed, {hydro, pyro}, mc);
    CHECK(u.samples == 20000);
    CHECK(u.ranged_params == 2);
    REQUIRE(u.routes.size() == 2);

    // hydro: net = 4570.49 - U(4000, 5000): P5 = 4570.49 - 4950 = -379.51, P50 = 70.49,
    // P95 = 4570.49 - 4050 = 520.49; P(net > 0) = P(cost < 4570.49) = 0.57049.
    const auto& h = u.routes[0];
    CHECK(h.gross_usd_per_t.p5 == Approx(kHydroGross).epsilon(1e-12));
    CHECK(h.gross_usd_per_t.p95 == Approx(kHydroGross).epsilon(1e-12));
    REQUIRE(h.net_usd_per_t.has_value());
    const double margin = 10.0;  // sampling error of a percentile at N = 20000: ~1.5 USD/t on a 1000 USD/t range
    CHECK(h.net_usd_per_t->p5 == Approx(kHydroGross - 4950.0).margin(margin));
    CHECK(h.net_usd_per_t->p50 == Approx(kHydroGross - 4500.0).margin(margin));
    CHECK(h.net_usd_per_t->p95 == Approx(kHydroGross - 4050.0).margin(margin));
    CHECK(kHydroGross - 4950.0 == Approx(-379.51).margin(0.01));
    REQUIRE(h.probability_positive.has_value());
    CHECK(*h.probability_positive == Approx((kHydroGross - 4000.0) / 1000.0).margin(0.01));
    CHECK(*h.probability_positive == Approx(0.5705).margin(0.01));

    // pyro: P(net > 0) = P(cost < 3553.48) = 0.55348.
    CHECK(*u.routes[1].probability_positive == Approx((kPyroGross - 3000.0) / 1000.0).margin(0.01));

    // hydro beats pyro when 4570.49 - A > 3553.48 - B, A - B < 1017.01: with A - B = 1000 + 1000 D,
    // D = U1 - U2 triangular on [-1, 1], P(D < 0.01701) = 1 - (1 - 0.01701)^2 / 2 = 0.51687.
    REQUIRE(u.beats.size() == 1);
    CHECK(u.beats[0].a == hydro);
    CHECK(u.beats[0].b == pyro);
    const double dd = (kHydroGross - kPyroGross - 1000.0) / 1000.0;
    CHECK(u.beats[0].probability == Approx(1 - (1 - dd) * (1 - dd) / 2).margin(0.01));
    CHECK(u.beats[0].probability == Approx(0.5169).margin(0.01));
}

TEST_CASE("A route without cost data has a gross summary and no net, no P(net > 0), no beats", "[engine][value][uncertainty]")
{
    test::TempData d("value-mc");
    d.write("routes/costs.csv", "route,item,value,unit,date,source\npyro,processing,100,USD/t,2025-01-01,test fixture\n");
    Model m = load_model(d.dir());
    Feedstock feed = material_feed(m, m.find_material("feed_bm").value(), 1000.0, m.params.nominal());
    MonteCarloOptions mc;
    mc.samples = 2000;
    ValueUncertainty u = value_uncertainty(m, feed, {m.find_route("pyro").value(), m.find_route("hydro").value()}, mc);
    REQUIRE(u.routes.size() == 2);
    CHECK(u.routes[0].net_usd_per_t.has_value());
    CHECK_FALSE(u.routes[1].net_usd_per_t.has_value());
    CHECK_FALSE(u.routes[1].probability_positive.has_value());
    CHECK(u.beats.empty());
    // Cobalt sulfate uniform 4..8 USD/kg on hydro's 453.123 kg at 0.8 payable moves its gross.
    CHECK(u.routes[1].gross_usd_per_t.p95 - u.routes[1].gross_usd_per_t.p5 ==
          Approx(0.9 * 4 * 95 * kCoso4PerCo * 0.8).margin(30.0));
}
