#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/evaluate/stock.hpp"
#include "engine/questions/scenario.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;

// ODYM's compute_stock_driven_model(NegativeInflowCorrect=True), by hand. Each year: the
// cohorts already in use decay, the inflow fills the gap to the stock (divided by S(0)), and
// when the gap is negative the inflow is 0 and every cohort gives up the same share of its stock.

TEST_CASE("A stock-driven product takes the inflow that fills the stock, with a fixed lifetime", "[engine][stock][stock_driven]")
{
    // Fixed lifetime 2, convention end: S = 1, 1, 0, ... Stock 100, 200, 300, 100, 80, 80.
    // 2000: inflow 100. 2001: 100 in use, inflow 100. 2002: the 100 of 2000 leave; 100 in use,
    // inflow 200. 2003: the 100 of 2001 leave; 200 in use for a stock of 100: inflow 0 and the
    // 2002 cohort gives up half (100 extra outflow). 2004: the 100 left of 2002 leave; inflow
    // 80. 2005: 80 in use, inflow 0.
    const std::vector<double> survival{1, 1, 0, 0, 0, 0};
    Eigen::MatrixXd by_cohort;
    const StockSeries s = run_stock_driven_model({100, 200, 300, 100, 80, 80}, survival, &by_cohort);
    CHECK(s.inflow == std::vector<double>{100, 100, 200, 0, 80, 0});
    CHECK(s.outflow == std::vector<double>{0, 0, 100, 200, 100, 0});
    CHECK(s.stock == std::vector<double>{100, 200, 300, 100, 80, 80});
    CHECK(by_cohort(3, 1) == 100.0);  // the 2001 cohort retires at age 2
    CHECK(by_cohort(3, 2) == 100.0);  // the 2002 cohort's extra outflow
    CHECK(by_cohort(4, 2) == 100.0);  // and the rest of it a year later
    CHECK_NOTHROW(check_stock_balance(s, "test"));
}

TEST_CASE("A falling stock: every cohort gives up the same share", "[engine][stock][stock_driven]")
{
    // S = 1, 0.5, 0: half a cohort leaves at age 1, the rest at age 2. Stock 100, 150, 100, 20.
    // 2000: inflow 100 (in use: 100, 50, 0). 2001: 50 leave, 50 in use, inflow 100 (100, 50).
    // 2002: 50 + 50 leave, 50 in use, inflow 50 (50, 25). 2003: 50 + 25 leave, 25 in use for a
    // stock of 20: inflow 0, the 2002 cohort gives up 20% = 5 more: outflow 80.
    const StockSeries s = run_stock_driven_model({100, 150, 100, 20}, {1, 0.5, 0, 0});
    CHECK(s.inflow == std::vector<double>{100, 100, 50, 0});
    CHECK(s.outflow == std::vector<double>{0, 50, 100, 80});
    CHECK(s.stock == std::vector<double>{100, 150, 100, 20});

    // Products that never retire within the horizon: stock 100, 200, 50. In 2002 the two
    // cohorts of 100 give up 75% each.
    Eigen::MatrixXd by_cohort;
    const StockSeries t = run_stock_driven_model({100, 200, 50}, {1, 1, 1}, &by_cohort);
    CHECK(t.inflow == std::vector<double>{100, 100, 0});
    CHECK(t.outflow == std::vector<double>{0, 0, 150});
    CHECK(by_cohort(2, 0) == 75.0);
    CHECK(by_cohort(2, 1) == 75.0);
    CHECK_NOTHROW(check_stock_balance(t, "test"));
}

TEST_CASE("A stock-driven model with S(0) < 1 rescales the inflow by 1/S(0), as ODYM does", "[engine][stock][stock_driven]")
{
    // S = 0.8, 0.4, 0: 20% leave in the year they are sold. Stock 80: inflow 100 (80 in use, 20
    // out). Next year 40 remain of it, stock 80: inflow (80 - 40) / 0.8 = 50.
    const StockSeries s = run_stock_driven_model({80, 80}, {0.8, 0.4});
    CHECK(s.inflow[0] == Approx(100));
    CHECK(s.outflow[0] == Approx(20));
    CHECK(s.inflow[1] == Approx(50));
    CHECK(s.outflow[1] == Approx(40 + 10));
    CHECK(s.stock[1] == Approx(80));
}

namespace {

// Scenario `hand` with the gadgets given by their stock instead of what is put on the market.
struct StockDriven {
    reclaim::test::TempData data{"scenario"};
    std::string dir = (data.dir() / "scenarios" / "hand").string();
    explicit StockDriven(bool keep_put_on_market = false)
    {
        data.write("scenarios/hand/stock.csv", "product,year,value,unit,source\n"
                                               "gadget,2020,100,unit,test\ngadget,2021,200,unit,test\n"
                                               "gadget,2022,300,unit,test\ngadget,2023,100,unit,test\n"
                                               "gadget,2024,80,unit,test\n");
        if (!keep_put_on_market) data.write("scenarios/hand/put_on_market.csv", "product,year,value,unit,source\n");
        data.replace("scenarios/hand/scenario.toml", "scrap = \"scrap.csv\"", "scrap = \"scrap.csv\"\nstock = \"stock.csv\"");
    }
};

}  // namespace

TEST_CASE("A stock-driven product in a run: inflows from the stock, end of life from them", "[engine][scenario][stock_driven]")
{
    StockDriven s;
    const Model model = load_model(s.data.dir());
    const Scenario sc = load_scenario(s.dir, model);
    const ScenarioResult r = run_scenario(model, sc);
    REQUIRE(r.products.size() == 1);
    // As by hand above (fixed lifetime 2, stock held flat at 80 after 2024).
    Eigen::RowVectorXd inflow(6), outflow(6), stock(6);
    inflow << 100, 100, 200, 0, 80, 0;
    outflow << 0, 0, 100, 200, 100, 0;
    stock << 100, 200, 300, 100, 80, 80;
    CHECK(r.inflow.row(0) == inflow);
    CHECK(r.outflow.row(0) == outflow);
    CHECK(r.stock.row(0) == stock);
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    CHECK(r.eol_kg(co, r.index_of(2023)) == Approx(200 * 0.2));
    CHECK(r.recovered_eol_kg(co, r.index_of(2023)) == Approx(200 * 0.2 * 0.5 * 0.5 * 0.9));
}

TEST_CASE("A product with both a stock and a put-on-market series is an error", "[io][scenario][stock_driven]")
{
    StockDriven s(true);
    const Model model = load_model(s.data.dir());
    try {
        load_scenario(s.dir, model);
        FAIL("loaded");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains(
                                 "scenarios/hand/stock.csv:2: column 'product': 'gadget' has both a stock and a "
                                 "put-on-market series (scenarios/hand/put_on_market.csv line 2): give one of them"));
    }
}
