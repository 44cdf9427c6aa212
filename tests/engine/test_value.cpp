// Value of recovered forms: stoichiometry, price choice, two routes ranked, the price tornado.
// Expected numbers are computed by hand from the fixture tests/data/value (see its README).

#include <catch2/catch.hpp>

#include "engine/evaluate/contents.hpp"
#include "engine/evaluate/route_network.hpp"
#include "engine/questions/feed_value.hpp"
#include "io/load.hpp"

using namespace reclaim;

namespace {

const Model& value_model()
{
    static const Model model = load_model(std::string(RECLAIM_TEST_DATA_DIR) + "/value");
    return model;
}

std::size_t element(const Model& m, const char* symbol) { return m.elements.find(symbol).value(); }

// Atomic weights of the fixture (IUPAC 2021): H 1.008, Li 6.94, C 12.011, O 15.999, S 32.06,
// Co 58.933194, Pr 140.90766, Nd 144.242.
// Li2CO3 = 2*6.94 + 12.011 + 3*15.999 = 73.888, Li = 13.88: 73.888 / 13.88 = 5.32334...
constexpr double kLi2co3PerLi = 73.888 / 13.88;
// CoSO4·7H2O = 58.933194 + 32.06 + 4*15.999 + 7*(2*1.008 + 15.999)
//            = 58.933194 + 32.06 + 63.996 + 126.105 = 281.094194: 281.094194 / 58.933194 = 4.76971...
constexpr double kCoso4PerCo = 281.094194 / 58.933194;
// Nd2O3 = 2*144.242 + 3*15.999 = 336.481, Nd = 288.484: 336.481 / 288.484 = 1.16638...
constexpr double kNd2o3PerNd = 336.481 / 288.484;

}  // namespace

TEST_CASE("One kg of lithium makes 5.32 kg of lithium carbonate", "[engine][value]")
{
    const Model& m = value_model();
    double f = form_kg_per_element_kg(m, "Li2CO3", element(m, "Li"));
    CHECK(f == Approx(kLi2co3PerLi).epsilon(1e-12));
    CHECK(f == Approx(5.3233).margin(5e-5));
    // Li mass fraction of Li2CO3: 13.88 / 73.888 = 0.18785
    CHECK(1.0 / f == Approx(0.18785).margin(5e-6));
    // The material id and the formula are the same substance.
    CHECK(form_kg_per_element_kg(m, "li2co3", element(m, "Li")) == Approx(kLi2co3PerLi).epsilon(1e-12));
}

TEST_CASE("Cobalt converts to cobalt sulfate heptahydrate and neodymium to its oxide by formula", "[engine][value]")
{
    const Model& m = value_model();
    CHECK(form_kg_per_element_kg(m, "CoSO4·7H2O", element(m, "Co")) == Approx(kCoso4PerCo).epsilon(1e-12));
    CHECK(form_kg_per_element_kg(m, "CoSO4*7H2O", element(m, "Co")) == Approx(4.76971).margin(1e-5));
    CHECK(form_kg_per_element_kg(m, "Nd2O3", element(m, "Nd")) == Approx(kNd2o3PerNd).epsilon(1e-12));
    CHECK(form_kg_per_element_kg(m, "nd2o3", element(m, "Nd")) == Approx(1.16638).margin(1e-5));
}

TEST_CASE("A form without the element or an unknown form name is a lookup error", "[engine][value]")
{
    const Model& m = value_model();
    CHECK_THROWS_AS(form_kg_per_element_kg(m, "Li2CO3", element(m, "Co")), LookupError);
    CHECK_THROWS_AS(form_kg_per_element_kg(m, "steel-scrap", element(m, "Co")), LookupError);
}

TEST_CASE("A mixed oxide takes its mass from all its rare earths together", "[engine][value]")
{
    const Model& m = value_model();
    auto comps = material_compositions(m, m.params.nominal());
    FormInfo ndpr = resolve_form(m, "ndpr_oxide", comps);
    REQUIRE(ndpr.resolved);
    // ndpr_oxide = 75% Nd2O3 + 25% Pr6O11. Nd in Nd2O3: 288.484/336.481 = 0.857356;
    // Pr6O11 = 6*140.90766 + 11*15.999 = 845.44596 + 175.989 = 1021.43496, Pr: 845.44596/1021.43496 = 0.827705.
    // Rare-earth fraction of the oxide: 0.75*0.857356 + 0.25*0.827705 = 0.849944.
    double w_nd = 0.75 * 288.484 / 336.481, w_pr = 0.25 * 845.44596 / 1021.43496;
    Eigen::VectorXd kg = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m.elements.size()));
    kg[static_cast<Eigen::Index>(element(m, "Nd"))] = 8.0;
    kg[static_cast<Eigen::Index>(element(m, "Pr"))] = 2.0;
    kg[static_cast<Eigen::Index>(element(m, "O"))] = 1.0;  // oxygen routed along does not add oxide
    double other = -1;
    // (8 + 2) / 0.849944 = 11.7655 kg of oxide
    CHECK(form_mass_kg(ndpr, kg, &other) == Approx(10.0 / (w_nd + w_pr)).epsilon(1e-12));
    CHECK(form_mass_kg(ndpr, kg, &other) == Approx(11.7655).margin(1e-4));
    CHECK(other == Approx(1.0));
    // A name that is neither a material nor a formula keeps the routed element mass.
    FormInfo scrap = resolve_form(m, "steel-scrap", comps);
    CHECK_FALSE(scrap.resolved);
    CHECK(form_mass_kg(scrap, kg) == Approx(11.0));
}

TEST_CASE("The latest dated price row of a substance is used", "[engine][value]")
{
    const Model& m = value_model();
    auto comps = material_compositions(m, m.params.nominal());
    // prices.csv: nd2o3 at 50 (2024-01-01, line 5) and Nd2O3 at 80 (2025-03-31, line 6).
    const Price* p = price_of(m, resolve_form(m, "nd2o3", comps));
    REQUIRE(p != nullptr);
    CHECK(p->line == 6);
    CHECK(p->date == "2025-03-31");
    CHECK(price_of(m, resolve_form(m, "pr6o11", comps)) == nullptr);
}

TEST_CASE("Two routes are valued by hand and ranked by net value per tonne", "[engine][value]")
{
    const Model& m = value_model();
    auto values = m.params.nominal();
    Feedstock feed = material_feed(m, m.find_material("feed_bm").value(), 1000.0, values);
    // 1 t of feed_bm: Li 50 kg, Co 100 kg, Nd 20 kg.
    auto ranked = value_routes(m, feed, {m.find_route("pyro").value(), m.find_route("hydro").value()}, values);
    REQUIRE(ranked.size() == 2);

    // hydro: Li 0.9*50 = 45 kg -> 45 * 5.32334 = 239.550 kg Li2CO3 at 10 USD/kg = 2395.50 USD;
    //        Co 0.95*100 = 95 kg -> 95 * 4.76971 = 453.123 kg sulfate at 6 USD/kg * 0.8 payable = 2174.99 USD;
    //        gross 4570.49, cost 300 USD/t -> net 4270.49 USD/t.
    const RouteValue& hydro = ranked[0];
    CHECK(m.routes[hydro.route].id == "hydro");
    double li2co3_kg = 45 * kLi2co3PerLi, hydro_coso4_kg = 95 * kCoso4PerCo;
    REQUIRE(hydro.value.forms.size() == 2);
    CHECK(hydro.value.forms[0].form == "li2co3");
    CHECK(hydro.value.forms[0].kg == Approx(li2co3_kg).epsilon(1e-9));
    CHECK(hydro.value.forms[0].value_usd == Approx(2395.50).margin(0.01));
    CHECK(hydro.value.forms[1].payable == Approx(0.8));
    CHECK(hydro.value.forms[1].value_usd == Approx(hydro_coso4_kg * 6 * 0.8).epsilon(1e-9));
    CHECK(hydro.value.gross_usd == Approx(4570.49).margin(0.01));
    CHECK(hydro.cost_usd == Approx(300.0));
    CHECK(hydro.net_usd_per_t == Approx(li2co3_kg * 10 + hydro_coso4_kg * 4.8 - 300).epsilon(1e-9));

    // pyro: Co 90 kg -> 429.274 kg sulfate * 4.8 = 2060.52 USD; Nd 16 kg -> 16 * 1.16638 = 18.6620 kg
    //       Nd2O3 at 80 (the 2025 row, not the 2024 one at 50) = 1492.96 USD; cost 0.1 USD/kg = 100 USD/t;
    //       net 2060.52 + 1492.96 - 100 = 3453.48 USD/t.
    const RouteValue& pyro = ranked[1];
    CHECK(m.routes[pyro.route].id == "pyro");
    CHECK(pyro.value.forms[1].kg == Approx(16 * kNd2o3PerNd).epsilon(1e-9));
    CHECK(pyro.value.forms[1].price_usd_per_kg == Approx(80.0));
    CHECK(pyro.cost_usd == Approx(100.0));
    REQUIRE(pyro.net_usd_per_t.has_value());
    CHECK(pyro.net_usd_per_t == Approx(3453.48).margin(0.01));
    CHECK(pyro.value.unpriced == 0);
}

TEST_CASE("A product feed is its content times units, or scaled to a mass", "[engine][value]")
{
    const Model& m = value_model();
    auto values = m.params.nominal();
    std::size_t cell = m.find_product("cell").value();
    // One cell holds 2 kg of feed_bm: 3 cells = 6 kg, Li 5% = 0.3 kg.
    Feedstock three = product_feed_units(m, cell, 3.0, values);
    CHECK(three.mass_kg == Approx(6.0));
    CHECK(three.element_kg[static_cast<Eigen::Index>(element(m, "Li"))] == Approx(0.3));
    // 1 t of cells = 500 cells.
    Feedstock tonne = product_feed_mass(m, cell, 1000.0, values);
    CHECK(tonne.units == Approx(500.0));
    CHECK(tonne.element_kg[static_cast<Eigen::Index>(element(m, "Co"))] == Approx(100.0));
}

TEST_CASE("Forms from several routes add up and an unpriced form is counted, not valued at zero", "[engine][value]")
{
    const Model& m = value_model();
    auto values = m.params.nominal();
    const auto n = static_cast<Eigen::Index>(m.elements.size());
    Eigen::VectorXd li = Eigen::VectorXd::Zero(n), pr = Eigen::VectorXd::Zero(n);
    li[static_cast<Eigen::Index>(element(m, "Li"))] = 1.0;
    pr[static_cast<Eigen::Index>(element(m, "Pr"))] = 1.0;
    std::vector<RecoveredForm> forms{{"li2co3", li}};
    add_forms(forms, {{"li2co3", li}, {"pr6o11", pr}});
    REQUIRE(forms.size() == 2);
    FormsValue v = value_forms(m, forms, values);
    // 2 kg Li -> 2 * 5.32334 = 10.6467 kg Li2CO3 at 10 USD/kg = 106.467 USD; Pr6O11 has no price.
    CHECK(v.forms[0].kg == Approx(2 * kLi2co3PerLi).epsilon(1e-12));
    CHECK(v.gross_usd == Approx(20 * kLi2co3PerLi).epsilon(1e-12));
    CHECK_FALSE(v.forms[1].priced());
    CHECK(v.unpriced == 1);
}

TEST_CASE("The price tornado ranks the prices and the cost by their swing of the net value", "[engine][value]")
{
    const Model& m = value_model();
    auto values = m.params.nominal();
    Feedstock feed = material_feed(m, m.find_material("feed_bm").value(), 1000.0, values);
    RouteValue hydro = value_route(m, feed, m.find_route("hydro").value(), values);
    auto swings = price_sensitivity(m, feed, hydro, values);
    REQUIRE(swings.size() == 3);
    // Li2CO3 8..14 USD/kg on 239.550 kg: swing 6 * 239.550 = 1437.30 USD/t;
    // sulfate 5..8 on 453.123 kg at 0.8 payable: 3 * 0.8 * 453.123 = 1087.49; cost 200..400 USD/t: 200.
    CHECK(swings[0].kind == "price");
    CHECK(swings[0].label == "li2co3");
    CHECK(swings[0].swing_usd_per_t() == Approx(6 * 45 * kLi2co3PerLi).epsilon(1e-9));
    CHECK(swings[0].net_usd_per_t_at_low == Approx(*hydro.net_usd_per_t - 2 * 45 * kLi2co3PerLi).epsilon(1e-9));
    CHECK(swings[1].label == "CoSO4·7H2O");
    CHECK(swings[1].swing_usd_per_t() == Approx(1087.49).margin(0.01));
    CHECK(swings[2].kind == "cost");
    CHECK(swings[2].label == "hydro/processing");
    CHECK(swings[2].net_usd_per_t_at_high == Approx(*hydro.net_usd_per_t - 100).epsilon(1e-9));
}
