// Price lists (materials/prices.csv or --prices FILE) and route costs (routes/costs.csv).

#include <catch2/catch.hpp>

#include "io/load.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;

namespace {

const std::string kValueData = std::string(RECLAIM_TEST_DATA_DIR) + "/value";

// The problems a price list gives on the value fixture's model, joined by newlines.
std::string price_problems(const std::string& file)
{
    Model model;
    Diagnostics diag;
    load_elements(DataSource(kValueData), model, diag);
    load_materials(DataSource(kValueData), model, diag);
    load_price_list(kValueData + "/bad_prices/" + file, "bad_prices/" + file, model, diag);
    std::string all;
    for (const auto& p : diag.problems()) all += p.str() + "\n";
    return all;
}

}  // namespace

TEST_CASE("A price list with an unknown form names the file, the line and the form", "[io][prices]")
{
    std::string p = price_problems("unknown_form.csv");
    CHECK_THAT(p, Catch::Contains("bad_prices/unknown_form.csv:3: column 'form': 'lithium_unobtainate'"));
    CHECK_THAT(p, Catch::Contains("neither a material id"));
}

TEST_CASE("A negative price is an error at its file and line", "[io][prices]")
{
    std::string p = price_problems("negative.csv");
    CHECK_THAT(p, Catch::Contains("bad_prices/negative.csv:2: column 'value': '-10' must not be negative"));
}

TEST_CASE("A price without a date is an error at its file and line", "[io][prices]")
{
    std::string p = price_problems("missing_date.csv");
    CHECK_THAT(p, Catch::Contains("bad_prices/missing_date.csv:3: column 'date':"));
    CHECK_THAT(p, Catch::Contains("is empty"));
}

TEST_CASE("A price list given to load_model replaces materials/prices.csv and keeps its payable shares", "[io][prices]")
{
    Model model = load_model(kValueData);
    REQUIRE(model.prices.size() == 4);
    // materials/prices.csv line 4: CoSO4·7H2O, 80% payable with its own source.
    CHECK(model.prices[1].payable.valid());
    CHECK(model.params[model.prices[1].payable].value == Approx(0.8));
    CHECK(model.params.origin(model.prices[1].payable).source == "test fixture: 80% payable");
    CHECK(model.prices[1].file == "materials/prices.csv");

    test::TempData d("value");
    d.write("mine.csv", d.read("materials/prices.csv"));
    const auto mine = d.dir() / "mine.csv";
    Model with = load_model(kValueData, mine);
    REQUIRE(with.prices.size() == 4);
    CHECK(with.prices[0].file == mine.string());
    CHECK(with.params.origin(with.prices[0].usd_per_kg).file == mine.string());
    // Built once: the list's parameters replace the data folder's, they are not added to them.
    CHECK(with.params.size() == model.params.size());
}

TEST_CASE("Problems of a --prices list name the list as given", "[io][prices]")
{
    Diagnostics diag;
    const std::string file = kValueData + "/bad_prices/negative.csv";
    load_model(kValueData, diag, file);
    REQUIRE(diag.size() == 1);
    CHECK(diag.problems()[0].str().rfind(file + ":2: column 'value': '-10' must not be negative", 0) == 0);
}

TEST_CASE("Malformed dates and payable shares in a price list are errors with file and line", "[io][prices]")
{
    test::TempData d("value");
    d.write("p.csv", "commodity,element,form,value,unit,date,source,payable,payable_source\n"
                           "a,Li,li2co3,10,USD/kg,2025-13-01,x,,\n"
                           "b,Li,li2co3,10,USD/kg,2025-06-30,x,1.2,y\n"
                           "c,Li,li2co3,10,USD/kg,2025-06-30,x,0.9,\n"
                           "d,Li,li2co3,10,EUR/kg,2025-06-30,x,,\n");
    Model model;
    Diagnostics diag;
    load_elements(DataSource(kValueData), model, diag);
    load_materials(DataSource(kValueData), model, diag);
    load_price_list(d.dir() / "p.csv", "p.csv", model, diag);
    std::string all;
    for (const auto& p : diag.problems()) all += p.str() + "\n";
    CHECK_THAT(all, Catch::Contains("p.csv:2: column 'date': '2025-13-01' is not a date"));
    CHECK_THAT(all, Catch::Contains("p.csv:3: column 'payable': '1.2' is not a fraction in [0, 1]"));
    CHECK_THAT(all, Catch::Contains("p.csv:4: column 'payable_source': "));
    CHECK_THAT(all, Catch::Contains("p.csv:5: column 'unit': 'EUR/kg' is not a price unit"));
    CHECK(model.prices.empty());
}

TEST_CASE("Route costs are read per kg of feed from USD/t or USD/kg", "[io][routes][costs]")
{
    Model model = load_model(kValueData);
    REQUIRE(model.route_costs.size() == 2);
    // hydro 300 USD/t = 0.3 USD/kg, range 200..400 USD/t; pyro 0.1 USD/kg.
    const RouteCost& hydro = model.route_costs[0];
    CHECK(model.routes[hydro.route].id == "hydro");
    CHECK(hydro.item == "processing");
    CHECK(model.params[hydro.usd_per_kg].value == Approx(0.3));
    CHECK(model.params[hydro.usd_per_kg].high == Approx(0.4));
    CHECK(hydro.date == "2025-01-01");
    CHECK(model.params[model.route_costs[1].usd_per_kg].value == Approx(0.1));
}

TEST_CASE("Route costs with an unknown route, a wrong unit or a second row are errors with file and line",
          "[io][routes][costs]")
{
    test::TempData d("value");
    d.write("routes/costs.csv", "route,item,value,unit,date,source\n"
                                 "nowhere,processing,1,USD/t,2025,x\n"
                                 "hydro,processing,1,EUR/t,2025,x\n"
                                 "hydro,processing,1,USD/t,2025,x\n"
                                 "hydro,processing,2,USD/t,2025,x\n"
                                 "pyro,processing,-1,USD/t,2025,x\n");
    Diagnostics diag;
    load_model(d.dir(), diag);
    std::string all;
    for (const auto& p : diag.problems()) all += p.str() + "\n";
    CHECK_THAT(all, Catch::Contains("routes/costs.csv:2: column 'route': 'nowhere' is not a route"));
    CHECK_THAT(all, Catch::Contains("routes/costs.csv:3: column 'unit': 'EUR/t' is not a cost unit"));
    CHECK_THAT(all, Catch::Contains("routes/costs.csv:5: column 'item': 'processing' is a cost of route 'hydro' already"));
    CHECK_THAT(all, Catch::Contains("routes/costs.csv:6: column 'value': '-1' must not be negative"));
}

TEST_CASE("A data folder without routes/costs.csv loads with no route costs", "[io][routes][costs]")
{
    test::TempData d("value");
    d.remove("routes/costs.csv");
    Model model = load_model(d.dir());
    CHECK(model.route_costs.empty());
}
