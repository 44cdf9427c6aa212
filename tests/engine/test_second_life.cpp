#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

#include "engine/questions/scenario.hpp"
#include "engine/evaluate/sampler.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/run_report.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::TempData;
using Catch::Matchers::Contains;

namespace {

const std::string kHeader =
    "product,class,year,value,low,high,model,mean,mean_low,mean_high,sd,shape,scale,source\n";

// Scenario `hand` as a pulse: 100 gadgets put on the market in 2020 and none after, a fixed
// lifetime of 2 years (they all retire in 2022), every one collected; each carries 0.2 kg Co in
// its battery, which the base plan sends half to hydro (90% recovered). second_life.csv sends
// a share of the battery class to a second use.
struct SecondLifeData {
    TempData data{"scenario"};
    std::string dir = (data.dir() / "scenarios" / "hand").string();
    explicit SecondLifeData(const std::string& rows = "gadget,battery,2020,0.5,,,fixed,3,,,,,,test\n")
    {
        data.write("scenarios/hand/put_on_market.csv",
                   "product,year,value,unit,source\ngadget,2020,100,unit,test\ngadget,2021,0,unit,test\n");
        data.write("scenarios/hand/collection.csv", "product,year,value,source\n*,2020,1,test\n");
        data.write("scenarios/hand/second_life.csv", kHeader + rows);
        data.replace("scenarios/hand/scenario.toml", "scrap = \"scrap.csv\"",
                     "scrap = \"scrap.csv\"\nsecond_life = \"second_life.csv\"");
    }
    [[nodiscard]] std::string error() const
    {
        try {
            const Model model = load_model(data.dir());
            load_scenario(dir, model);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    }
};

}  // namespace

TEST_CASE("A second-life pulse: half the battery content reaches treatment L years later, half L + L2",
          "[engine][scenario][second_life]")
{
    SecondLifeData d;
    const Model model = load_model(d.data.dir());
    const Scenario sc = load_scenario(d.dir, model);
    const ScenarioResult r = run_scenario(model, sc);
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    const auto nd = static_cast<Eigen::Index>(*model.elements.find("Nd"));
    // 2022 (L = 2): 20 kg Co retire; 10 kg go to the second use, 10 kg are collected, 5 kg of
    // them to hydro: 4.5 kg recovered. 2025 (L + L2 = 5): the 10 kg leave the second use, are
    // collected, 5 kg to hydro: 4.5 kg recovered. Nothing in between.
    const double eol[] = {0, 0, 20, 0, 0, 0};
    const double collected[] = {0, 0, 10, 0, 0, 10};
    const double recovered[] = {0, 0, 4.5, 0, 0, 4.5};
    const double stock[] = {0, 0, 10, 10, 10, 0};
    const double leaving[] = {0, 0, 0, 0, 0, 10};
    for (int t = 0; t < 6; ++t) {
        INFO(2020 + t);
        CHECK(r.eol_kg(co, t) == Approx(eol[t]));
        CHECK(r.collected_kg(co, t) == Approx(collected[t]));
        CHECK(r.uncollected_kg(co, t) == Approx(0).margin(1e-12));
        CHECK(r.recovered_eol_kg(co, t) == Approx(recovered[t]).margin(1e-12));
        CHECK(r.second_life_stock_kg(co, t) == Approx(stock[t]).margin(1e-12));
        CHECK(r.second_life_eol_kg(co, t) == Approx(leaving[t]).margin(1e-12));
        // The magnet class has no second life: its 10 kg Nd are collected in 2022.
        CHECK(r.collected_kg(nd, t) == Approx(t == 2 ? 10 : 0).margin(1e-12));
        CHECK(r.second_life_stock_kg(nd, t) == 0);
    }
    CHECK(r.max_balance_residual < 1e-12);

    // The JSON and the CSV give the second-use stock and what leaves it per element, in t.
    const nlohmann::json j = run_json(model, sc, r, {});
    CHECK(j["elements"]["Co"]["second_life_stock_t"][3].get<double>() == Approx(0.01));
    CHECK(j["elements"]["Co"]["second_life_eol_t"][5].get<double>() == Approx(0.01));
    CHECK(j["elements"]["Nd"]["second_life_stock_t"][3].get<double>() == 0);
    std::ostringstream csv;
    write_run_csv(csv, model, r);
    CHECK_THAT(csv.str(), Contains("2023,Co,second_life_stock,0.01,t\n"));
    CHECK_THAT(csv.str(), Contains("2025,Co,second_life_eol,0.01,t\n"));
}

TEST_CASE("What leaves a second use meets the product's collection rate of that year", "[engine][scenario][second_life]")
{
    SecondLifeData d;
    d.data.write("scenarios/hand/collection.csv", "product,year,value,source\n*,2022,1,test\n*,2025,0.4,test\n");
    const Model model = load_model(d.data.dir());
    const ScenarioResult r = run_scenario(model, load_scenario(d.dir, model));
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    // 2025: 10 kg leave the second use; 40% collected (4 kg), 6 kg uncollected; 2 kg to hydro.
    CHECK(r.collected_kg(co, 5) == Approx(4));
    CHECK(r.uncollected_kg(co, 5) == Approx(6));
    CHECK(r.recovered_eol_kg(co, 5) == Approx(1.8));
}

TEST_CASE("A ranged second-life share and lifetime are sampled with the rest, the balance closing every draw",
          "[engine][scenario][second_life]")
{
    SecondLifeData d("gadget,battery,2020,0.5,0.2,0.8,fixed,3,2,4,,,,test\n");
    const Model model = load_model(d.data.dir());
    const Scenario sc = load_scenario(d.dir, model);
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    ScenarioQuestion full(model, sc, Detail::Full);
    ScenarioQuestion headline(model, sc, Detail::Headline, {static_cast<std::size_t>(co)});
    REQUIRE(full.params().size() > 0);
    const Sampler sampler(sc.params, full.params(), full.share_sets(), 7);
    Adjustments adj;
    ParamValues values;
    std::set<double> shares;
    for (std::size_t s = 0; s < 200; ++s) {
        sampler.sample(s, values, adj);
        const ScenarioResult& r = full.evaluate(values);  // throws BalanceError if it does not close
        CHECK(r.max_balance_residual < 1e-9);
        // The 2022 second-use inflow is share x 20 kg, share within 0.2..0.8.
        const double in = r.second_life_stock_kg(co, 2);
        CHECK(in >= 0.2 * 20 - 1e-9);
        CHECK(in <= 0.8 * 20 + 1e-9);
        shares.insert(in);
        // Everything that entered leaves again within 2..4 years, and recovery follows it.
        double recovered = 0.0;
        for (int t = 0; t < r.n_years; ++t) recovered += r.recovered_eol_kg(co, t);
        const double stays = r.second_life_stock_kg(co, 5);
        CHECK(recovered == Approx(0.45 * (20 - stays)));
        const ScenarioResult& h = headline.evaluate(values);
        for (int t = 0; t < r.n_years; ++t) CHECK(h.recovered_eol_kg(co, t) == Approx(r.recovered_eol_kg(co, t)).margin(1e-12));
    }
    CHECK(shares.size() > 100);  // the share is drawn, not held at its nominal value
}

TEST_CASE("second_life.csv errors name the file, line and column", "[io][scenario][second_life]")
{
    const std::string file = "scenarios/hand/second_life.csv:2: column ";
    CHECK_THAT(SecondLifeData("gadget,battery,2020,1.5,,,fixed,3,,,,,,test\n").error(),
               Contains(file + "'value': '1.5' is a second-life share above 1"));
    CHECK_THAT(SecondLifeData("gadget,battery,2020,0.5,-0.1,0.8,fixed,3,,,,,,test\n").error(),
               Contains(file + "'low': '-0.1' is a negative second-life share"));
    CHECK_THAT(SecondLifeData("gizmo,battery,2020,0.5,,,fixed,3,,,,,,test\n").error(),
               Contains(file + "'product': 'gizmo' is not a product of products/products.csv"));
    CHECK_THAT(SecondLifeData("gadget,flux,2020,0.5,,,fixed,3,,,,,,test\n").error(),
               Contains(file + "'class': 'flux' is not a treatment class"));
    CHECK_THAT(SecondLifeData("gadget,battery,2020,0.5,,,gamma,3,,,,,,test\n").error(),
               Contains(file + "'model': 'gamma' is not a lifetime model (expected fixed, normal"));
    // The lifetime rule of products/lifetimes.csv: a column the model does not use must be empty.
    CHECK_THAT(SecondLifeData("gadget,battery,2020,0.5,,,fixed,3,,,,2,,test\n").error(),
               Contains(file + "'shape': '2' is given but model 'fixed' does not use shape"));
    // One lifetime per product and class.
    CHECK_THAT(SecondLifeData("gadget,battery,2020,0.5,,,fixed,3,,,,,,test\ngadget,battery,2024,0.6,,,fixed,4,,,,,,test\n")
                   .error(),
               Contains("second_life.csv:3: column 'model': 'fixed' gives another second-use lifetime than line 2"));
}
