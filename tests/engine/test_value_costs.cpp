// Route cost items, net value, ranking apart without cost data, break-even (issue 17).
// Expected numbers are computed by hand from the fixture tests/data/value (see its README).

#include <catch2/catch.hpp>

#include "engine/questions/feed_value.hpp"
#include "io/load.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;

namespace {

// Li2CO3 = 73.888 g/mol over 2 Li = 13.88 (tests/engine/test_value.cpp).
constexpr double kLi2co3PerLi = 73.888 / 13.88;
// CoSO4·7H2O 281.094194 over Co 58.933194.
constexpr double kCoso4PerCo = 281.094194 / 58.933194;

// hydro on 1 t of feed_bm: 45 kg Li -> 239.550 kg Li2CO3 at 10 = 2395.50 USD; 95 kg Co ->
// 453.123 kg sulfate at 6 x 0.8 payable = 2174.99 USD; gross 4570.49 USD/t.
constexpr double kHydroLi2co3Kg = 45 * kLi2co3PerLi;
constexpr double kHydroSulfateUsd = 95 * kCoso4PerCo * 6 * 0.8;
constexpr double kHydroGross = kHydroLi2co3Kg * 10 + kHydroSulfateUsd;

std::string problems_text(const Diagnostics& diag)
{
    std::string all;
    for (const auto& p : diag.problems()) all += p.str() + "\n";
    return all;
}

Feedstock tonne_of_feed(const Model& m) { return material_feed(m, m.find_material("feed_bm").value(), 1000.0, m.params.nominal()); }

}  // namespace

TEST_CASE("A route's cost is the sum of its items, one of them ranged, and gives its net per tonne", "[engine][value][costs]")
{
    test::TempData d("value");
    // processing 4000 USD/t fixed; reagents 1 USD/kg = 1000 USD/t, range 500..1500 USD/t.
    d.write("routes/costs.csv", "route,item,value,low,high,unit,date,source\n"
                                 "hydro,processing,4000,,,USD/t,2025-01-01,test fixture\n"
                                 "hydro,reagents,1,0.5,1.5,USD/kg,2025-02-01,test fixture\n");
    Model m = load_model(d.dir());
    Feedstock feed = tonne_of_feed(m);
    RouteValue hydro = value_route(m, feed, m.find_route("hydro").value(), m.params.nominal());
    REQUIRE(hydro.costs.size() == 2);
    CHECK(hydro.costs[0]->item == "processing");
    CHECK(hydro.costs[1]->item == "reagents");
    CHECK(hydro.cost_items_usd[0] == Approx(4000.0));
    CHECK(hydro.cost_items_usd[1] == Approx(1000.0));
    CHECK(hydro.cost_usd == Approx(5000.0));
    // net = 4570.49 - 5000 = -429.51 USD/t
    REQUIRE(hydro.net_usd_per_t.has_value());
    CHECK(*hydro.net_usd_per_t == Approx(kHydroGross - 5000.0).epsilon(1e-12));
    CHECK(*hydro.net_usd_per_t == Approx(-429.51).margin(0.01));
    // Break-even of the main product (Li2CO3, 2395.50 > 2174.99 USD): net = 0 when
    // 239.550 p + 2174.99 = 5000, p = 2825.01 / 239.550 = 11.793 USD/kg.
    REQUIRE(hydro.break_even.has_value());
    CHECK(hydro.break_even->form == "li2co3");
    CHECK(hydro.break_even->price_usd_per_kg == Approx((5000.0 - kHydroSulfateUsd) / kHydroLi2co3Kg).epsilon(1e-12));
    CHECK(hydro.break_even->price_usd_per_kg == Approx(11.793).margin(0.001));
    CHECK(hydro.break_even->current_usd_per_kg == Approx(10.0));

    // The tornado covers the ranged cost item: 500..1500 USD/t swings the net by 1000.
    auto swings = price_sensitivity(m, feed, hydro, m.params.nominal());
    auto it = std::find_if(swings.begin(), swings.end(), [](const PriceSwing& s) { return s.kind == "cost"; });
    REQUIRE(it != swings.end());
    CHECK(it->label == "hydro/reagents");
    CHECK(it->swing_usd_per_t() == Approx(1000.0));
    CHECK(it->net_usd_per_t_at_low == Approx(kHydroGross - 4500.0).epsilon(1e-12));
}

TEST_CASE("A route without cost data has no net and is ranked apart, after the costed routes", "[engine][value][costs]")
{
    test::TempData d("value");
    // Only pyro is costed (net 3453.48 USD/t); hydro's gross 4570.49 must not rank above it.
    d.write("routes/costs.csv", "route,item,value,unit,date,source\npyro,processing,0.1,USD/kg,2025-01-01,test fixture\n");
    Model m = load_model(d.dir());
    Feedstock feed = tonne_of_feed(m);
    auto ranked = value_routes(m, feed, {m.find_route("hydro").value(), m.find_route("pyro").value()}, m.params.nominal());
    REQUIRE(ranked.size() == 2);
    CHECK(m.routes[ranked[0].route].id == "pyro");
    CHECK(ranked[0].costed());
    CHECK(*ranked[0].net_usd_per_t == Approx(3453.48).margin(0.01));
    CHECK(m.routes[ranked[1].route].id == "hydro");
    CHECK_FALSE(ranked[1].costed());
    CHECK_FALSE(ranked[1].net_usd_per_t.has_value());
    CHECK_FALSE(ranked[1].break_even.has_value());
    CHECK(ranked[1].gross_usd_per_t == Approx(kHydroGross).epsilon(1e-12));
}

TEST_CASE("Cost rows with an unknown item or a repeated route and item are errors with file, line and column",
          "[io][routes][costs]")
{
    test::TempData d("value");
    d.write("routes/costs.csv", "route,item,value,unit,date,source\n"
                                 "hydro,magic,1,USD/t,2025,x\n"
                                 "hydro,energy,1,USD/t,2025,x\n"
                                 "hydro,energy,2,USD/t,2025,x\n"
                                 "hydro,labour,1,EUR/t,2025,x\n");
    Diagnostics diag;
    load_model(d.dir(), diag);
    const std::string all = problems_text(diag);
    CHECK_THAT(all, Catch::Contains("routes/costs.csv:2: column 'item': 'magic' is not a cost item (expected processing, "
                                    "reagents, energy, labour, capital, transport, disposal, treatment_charge, "
                                    "refining_charge or other)"));
    CHECK_THAT(all, Catch::Contains("routes/costs.csv:4: column 'item': 'energy' is a cost of route 'hydro' already, at line 3"));
    CHECK_THAT(all, Catch::Contains("routes/costs.csv:5: column 'unit': 'EUR/t' is not a cost unit (expected USD/t or USD/kg of feed)"));
}

TEST_CASE("Prices and costs share one unit table: a price in USD/t is read per kg", "[io][prices][costs]")
{
    test::TempData d("value");
    REQUIRE(d.replace("materials/prices.csv", "li2co3,10,8,14,USD/kg", "li2co3,10000,8000,14000,USD/t"));
    Model m = load_model(d.dir());
    const Price& li = m.prices.front();
    CHECK(m.params[li.usd_per_kg].value == Approx(10.0));
    CHECK(m.params[li.usd_per_kg].high == Approx(14.0));
}

TEST_CASE("An overlay replaces one cost item of a route by route and item, keeping the others", "[io][overlay][costs]")
{
    test::TempData d("value");
    d.write("routes/costs.csv", "route,item,value,unit,date,source\n"
                                 "hydro,processing,200,USD/t,2025,x\n"
                                 "hydro,reagents,100,USD/t,2025,x\n");
    std::filesystem::create_directories(d.dir() / "over/routes");
    d.write("over/routes/costs.csv", "route,item,value,unit,date,source\nhydro,reagents,150,USD/t,2025,y\n");
    Model m = load_model(DataSource(d.dir(), {d.dir() / "over"}));
    auto costs = costs_of(m, m.find_route("hydro").value());
    REQUIRE(costs.size() == 2);
    double total = 0.0;
    for (const RouteCost* c : costs) total += m.params[c->usd_per_kg].value * 1000.0;
    CHECK(total == Approx(350.0));
}
