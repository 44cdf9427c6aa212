#include <catch2/catch.hpp>

#include <cmath>

#include "engine/questions/scenario.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;

namespace {

const std::string kData = RECLAIM_TEST_DATA_DIR "/scenario";

// The fixture tests/data/scenario: one `gadget` per unit holds 0.1 kg Nd (class magnet), 1 kg Fe
// (steel) and 0.2 kg Co (battery); fixed lifetime 2 years. Plan `base`: magnets and steel to
// shred_steel (Fe 90% recovered, 10% loss:dust; everything else loss:slag), batteries 50% to
// hydro (90% recovered, 10% loss:residue), 50% untreated. Scenario `hand`: 2020-2025, 100
// gadgets in 2020 and 300 in 2022 (200 in 2021 by interpolation, 300 held after), collection
// 50%, 10 kg Co scrap to hydro from 2024, demand Co 100 kg and Nd 20 kg per year.
struct Run {
    Model model = load_model(kData);
    Scenario scenario;
    ScenarioResult result;

    explicit Run(const std::string& name, const RunLevers& levers = {})
    {
        scenario = load_scenario(find_scenario(kData, name), model);
        result = run_scenario(model, scenario, scenario.params.nominal(), levers);
    }
    std::size_t el(const char* symbol) const { return *model.elements.find(symbol); }
    double at(const Eigen::MatrixXd& m, const char* symbol, int year) const
    {
        return m(static_cast<Eigen::Index>(el(symbol)), result.index_of(year));
    }
    double loss(const char* name, const char* symbol, int year, bool scrap = false) const
    {
        for (std::size_t k = 0; k < result.loss_names.size(); ++k)
            if (result.loss_names[k] == name) return at(scrap ? result.loss_scrap_kg[k] : result.loss_eol_kg[k], symbol, year);
        return -1.0;
    }
};

}  // namespace

TEST_CASE("Series are interpolated between listed years and held flat outside them", "[engine][scenario]")
{
    ParamTable table;
    const ParamId a = table.add(Param{.value = 100, .low = 100, .high = 100}, Origin{});
    const ParamId b = table.add(Param{.value = 300, .low = 300, .high = 300}, Origin{});
    Series s;
    s.points = {{2020, a, 2}, {2022, b, 3}};
    const ParamValues v = table.nominal();
    CHECK(s.at(2019, v) == 100);  // before the first point: held flat
    CHECK(s.at(2020, v) == 100);
    CHECK(s.at(2021, v) == 200);  // 100 + (300 - 100) * 1/2
    CHECK(s.at(2022, v) == 300);
    CHECK(s.at(2030, v) == 300);  // after the last point: held flat
    // The values are read at evaluation: other values, other series (a sample moves every year).
    const ParamValues w{200, 400};
    CHECK(s.at(2021, w) == 300);
    CHECK(Series{}.at(2021, v) == 0.0);  // an empty series is 0
}

TEST_CASE("A listed series point is returned exactly, and interpolation stays between its points", "[engine][scenario]")
{
    // Issue 16: a + 1 * (b - a) is not b in floating point (0.7 + (0.1 - 0.7) = 0.09999999999999998).
    ParamTable table;
    const ParamId a = table.add(Param{.value = 0.7, .low = 0.7, .high = 0.7}, Origin{});
    const ParamId b = table.add(Param{.value = 0.1, .low = 0.1, .high = 0.1}, Origin{});
    const ParamId c = table.add(Param{.value = 0.5, .low = 0.5, .high = 0.5}, Origin{});
    Series s;
    s.points = {{2020, a, 2}, {2030, b, 3}, {2040, c, 4}};
    const ParamValues v = table.nominal();
    CHECK(s.at(2030, v) == 0.1);
    CHECK(s.at(2040, v) == 0.5);
    // 1e16 then 1: the listed 1 comes back, not 0.
    const ParamValues w{1e16, 1.0, 1.0};
    CHECK(s.at(2030, w) == 1.0);
    for (int year = 2020; year <= 2040; ++year) {
        CHECK(s.at(year, v) <= 0.7);
        CHECK(s.at(year, v) >= 0.1);
    }
}

TEST_CASE("Products age through the stock model and leave after their fixed lifetime", "[engine][scenario]")
{
    Run r("hand");
    REQUIRE(r.result.products.size() == 1);
    // Inflow 100, 200, 300, 300, 300, 300; a fixed lifetime of 2 shifts it by two years.
    Eigen::RowVectorXd inflow(6), outflow(6), stock(6);
    inflow << 100, 200, 300, 300, 300, 300;
    outflow << 0, 0, 100, 200, 300, 300;
    stock << 100, 300, 500, 600, 600, 600;  // the last two cohorts are in use
    CHECK(r.result.inflow.row(0) == inflow);
    CHECK(r.result.outflow.row(0) == outflow);
    CHECK(r.result.stock.row(0) == stock);
}

TEST_CASE("End-of-life content is collected, routed by the plan and recovered or lost by reason", "[engine][scenario]")
{
    Run r("hand");
    // 2024: 300 gadgets reach end of life. Co: 300 * 0.2 = 60 kg; 50% collected = 30; the plan sends
    // half of the batteries to hydro (15 kg) and leaves 15 kg untreated; hydro recovers 0.9 * 15 =
    // 13.5 kg and loses 1.5 kg as loss:residue.
    CHECK(r.at(r.result.eol_kg, "Co", 2024) == Approx(60));
    CHECK(r.at(r.result.collected_kg, "Co", 2024) == Approx(30));
    CHECK(r.at(r.result.uncollected_kg, "Co", 2024) == Approx(30));
    CHECK(r.at(r.result.untreated_kg, "Co", 2024) == Approx(15));
    CHECK(r.at(r.result.recovered_eol_kg, "Co", 2024) == Approx(13.5));
    CHECK(r.loss("loss:residue", "Co", 2024) == Approx(1.5));
    // Scrap: 10 kg Co to hydro -> 9 kg recovered, 1 kg loss:residue, shown apart.
    CHECK(r.at(r.result.scrap_kg, "Co", 2024) == Approx(10));
    CHECK(r.at(r.result.recovered_scrap_kg, "Co", 2024) == Approx(9));
    CHECK(r.loss("loss:residue", "Co", 2024, true) == Approx(1));
    // Scrap is 0 in 2023 (its first listed year), so nothing before it either.
    CHECK(r.at(r.result.scrap_kg, "Co", 2022) == 0.0);
    // Nd: 30 kg at end of life, 15 collected, shredded with steel: all 15 kg to loss:slag.
    CHECK(r.at(r.result.recovered_eol_kg, "Nd", 2024) == 0.0);
    CHECK(r.loss("loss:slag", "Nd", 2024) == Approx(15));
    // Fe: 300 kg, 150 collected, 135 recovered as steel, 15 kg loss:dust.
    CHECK(r.at(r.result.recovered_eol_kg, "Fe", 2024) == Approx(135));
    CHECK(r.loss("loss:dust", "Fe", 2024) == Approx(15));
    // Recycled share of Co: (13.5 + 9) / 100 = 0.225. Nd demand is 0.02 t = 20 kg.
    CHECK(r.result.recycled_share(r.el("Co"), r.result.index_of(2024)) == Approx(0.225));
    CHECK(r.at(r.result.demand_kg, "Nd", 2025) == Approx(20));
    // Fe has no demand: its share is undefined, not zero.
    CHECK(std::isnan(r.result.recycled_share(r.el("Fe"), 0)));
}

TEST_CASE("Every year every element's end of life and scrap are recovered or a named loss", "[engine][scenario]")
{
    Run r("hand");
    const auto& x = r.result;
    for (int t = 0; t < x.n_years; ++t) {
        for (Eigen::Index e = 0; e < x.eol_kg.rows(); ++e) {
            double lost = 0.0, lost_scrap = 0.0;
            for (std::size_t k = 0; k < x.loss_names.size(); ++k) {
                lost += x.loss_eol_kg[k](e, t);
                lost_scrap += x.loss_scrap_kg[k](e, t);
            }
            double out = x.uncollected_kg(e, t) + x.untreated_kg(e, t) + x.recovered_eol_kg(e, t) + lost;
            CHECK(out == Approx(x.eol_kg(e, t)).epsilon(1e-12));
            CHECK(x.recovered_scrap_kg(e, t) + lost_scrap == Approx(x.scrap_kg(e, t)).epsilon(1e-12));
        }
    }
    CHECK(x.max_balance_residual <= kScenarioBalanceTolerance);
    // Over the horizon, units put on the market = units in use at the end + units retired.
    CHECK(x.inflow.sum() == Approx(x.stock(0, x.n_years - 1) + x.outflow.sum()));
}

TEST_CASE("A plan switch, a lifetime override and the middle convention change the years after", "[engine][scenario]")
{
    Run r("switch");
    // Lifetime override: fixed 3 at middle (S(a) = 1 while a + 0.5 < 3): the 2020 cohort leaves in 2023.
    CHECK(r.result.outflow(0, r.result.index_of(2023)) == 100);
    CHECK(r.result.outflow(0, r.result.index_of(2024)) == 200);
    // 2023 still runs `base`; from 2024 `later` treats all batteries and extracts magnets.
    CHECK(r.model.plans[r.result.plan_of_year[3]].id == "base");
    CHECK(r.model.plans[r.result.plan_of_year[4]].id == "later");
    // 2024: 200 gadgets. Co 40 kg, 20 collected, all to hydro: 18 recovered; Nd 20 kg, 10 collected,
    // to magnet_hpms: 8 recovered, 2 kg loss:fines.
    CHECK(r.at(r.result.untreated_kg, "Co", 2024) == 0.0);
    CHECK(r.at(r.result.recovered_eol_kg, "Co", 2024) == Approx(18));
    CHECK(r.at(r.result.recovered_eol_kg, "Nd", 2024) == Approx(8));
    CHECK(r.loss("loss:fines", "Nd", 2024) == Approx(2));
    CHECK(r.at(r.result.recovered_eol_kg, "Nd", 2023) == 0.0);
}

TEST_CASE("Levers of the inverse questions scale collection and move magnets to extraction", "[engine][scenario]")
{
    RunLevers full;
    full.uniform_collection = 1.0;
    Run r("hand", full);
    // Everything collected: Co 2024 = 60 kg to the plan, 30 kg to hydro, 27 kg recovered.
    CHECK(r.at(r.result.recovered_eol_kg, "Co", 2024) == Approx(27));
    RunLevers moved;
    moved.magnet_moved = 0.5;
    Run m("hand", moved);
    // Half of the 15 kg collected Nd goes to magnet_hpms (80% recovered): 7.5 * 0.8 = 6 kg.
    CHECK(m.at(m.result.recovered_eol_kg, "Nd", 2024) == Approx(6));
    CHECK(m.loss("loss:slag", "Nd", 2024) == Approx(7.5));
}

TEST_CASE("The magnet lever needs the scenario's [levers] table", "[engine][scenario]")
{
    // `switch` without its [levers] table: no magnet lever, and moving magnets is an error.
    Model model = load_model(kData);
    Scenario sc = load_scenario(find_scenario(kData, "switch"), model);
    REQUIRE(sc.magnet_lever.has_value());
    sc.magnet_lever.reset();
    RunLevers moved;
    moved.magnet_moved = 0.5;
    CHECK_THROWS_WITH(run_scenario(model, sc, sc.params.nominal(), moved), Catch::Contains("[levers]"));
    // Without the lever the run is as given.
    CHECK_NOTHROW(run_scenario(model, sc, sc.params.nominal()));
}

TEST_CASE("A headline evaluation equals the full one on recovered mass, demand and value to 1e-12",
          "[engine][scenario]")
{
    Model model = load_model(kData);
    for (const char* name : {"hand", "switch"}) {
        Scenario sc = load_scenario(find_scenario(kData, name), model);
        const ParamValues v = sc.params.nominal();
        const std::vector<std::size_t> reported{*model.elements.find("Co"), *model.elements.find("Nd")};
        for (const RunLevers& levers : {RunLevers{}, RunLevers{1.0, 0.0}, RunLevers{std::nullopt, 0.5}}) {
            const ScenarioResult full = run_scenario(model, sc, v, levers);
            ScenarioQuestion headline(model, sc, Detail::Headline, reported);
            const ScenarioResult& h = headline.evaluate(v, levers);
            REQUIRE(h.n_years == full.n_years);
            for (auto e : reported) {
                const auto row = static_cast<Eigen::Index>(e);
                CHECK((h.recovered_eol_kg.row(row) - full.recovered_eol_kg.row(row)).cwiseAbs().maxCoeff() <= 1e-12);
                CHECK((h.recovered_scrap_kg.row(row) - full.recovered_scrap_kg.row(row)).cwiseAbs().maxCoeff() <=
                      1e-12);
                CHECK((h.demand_kg.row(row) - full.demand_kg.row(row)).cwiseAbs().maxCoeff() <= 1e-12);
                for (int t = 0; t < h.n_years; ++t)
                    CHECK(h.recycled_share(e, t) == Approx(full.recycled_share(e, t)).epsilon(1e-12));
            }
            CHECK((h.value_usd - full.value_usd).cwiseAbs().maxCoeff() <= 1e-12 * (1.0 + full.value_usd.cwiseAbs().maxCoeff()));
        }
    }
    // The hand numbers hold in headline detail too: Co 2024 = 13.5 kg end of life + 9 kg scrap.
    Scenario hand = load_scenario(find_scenario(kData, "hand"), model);
    ScenarioQuestion q(model, hand, Detail::Headline, {*model.elements.find("Co")});
    const ScenarioResult& h = q.evaluate(hand.params.nominal());
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    CHECK(h.recovered_eol_kg(co, h.index_of(2024)) == Approx(13.5).epsilon(1e-12));
    CHECK(h.recovered_scrap_kg(co, h.index_of(2024)) == Approx(9).epsilon(1e-12));
}

TEST_CASE("A question evaluated again at other values forgets the previous values", "[engine][scenario]")
{
    // The question caches outflows and collection per product; evaluating at the levers, then as
    // given, must give the run as given (the hand numbers).
    Model model = load_model(kData);
    Scenario sc = load_scenario(find_scenario(kData, "hand"), model);
    ScenarioQuestion q(model, sc, Detail::Full);
    const ParamValues v = sc.params.nominal();
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    CHECK(q.evaluate(v, RunLevers{1.0, 0.0}).recovered_eol_kg(co, 4) == Approx(27));
    CHECK(q.evaluate(v).recovered_eol_kg(co, 4) == Approx(13.5));
    CHECK(q.evaluate(v).collected_kg(co, 4) == Approx(30));
}
