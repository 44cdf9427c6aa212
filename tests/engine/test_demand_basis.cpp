#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "engine/questions/scenario.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/run_report.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::TempData;

namespace {

// tests/data/scenario with a scenario `grow`: gadgets (0.2 kg Co in the battery class, 0.1 kg Nd,
// 1 kg Fe) put on the market at 1000 (1 + g)^k in year 2000 + k, collected at 80%, demand from
// what is put on the market; the plan `base` sends half the batteries to hydro (90% recovered),
// so eta(Co) = 0.8 * 0.5 * 0.9 = 0.36 of what retires is recovered.
constexpr double kGrowth = 0.07;
constexpr double kEta = 0.8 * 0.5 * 0.9;
constexpr int kFirst = 2000, kLast = 2030;

struct Grow {
    TempData data{"scenario"};
    std::string dir = (data.dir() / "scenarios" / "grow").string();

    explicit Grow(const std::string& lifetime_row, const std::string& extra_manifest = "",
                  const std::string& demand_rows = "")
    {
        std::filesystem::create_directories(dir);
        std::string pom = "product,year,value,unit,source\n";
        for (int y = kFirst; y <= kLast; ++y)
            pom += fmt::format("gadget,{},{:.17g},unit,test\n", y, 1000.0 * std::pow(1.0 + kGrowth, y - kFirst));
        data.write("scenarios/grow/put_on_market.csv", pom);
        data.write("scenarios/grow/collection.csv", "product,year,value,source\n*,2000,0.8,test\n");
        data.write("scenarios/grow/lifetimes.csv", "product,model,mean,sd,shape,scale,source\n" + lifetime_row + "\n");
        std::string files = "put_on_market = \"put_on_market.csv\"\ncollection = \"collection.csv\"\n"
                            "lifetimes = \"lifetimes.csv\"\n";
        if (!demand_rows.empty()) {
            data.write("scenarios/grow/demand.csv", "element,year,value,unit,source\n" + demand_rows);
            files += "demand = \"demand.csv\"\n";
        }
        data.write("scenarios/grow/scenario.toml",
                   fmt::format("name = \"grow\"\nyears = [{}, {}]\nplan = \"base\"\ndemand_basis = \"put_on_market\"\n{}\n"
                               "[files]\n{}",
                               kFirst, kLast, extra_manifest, files));
    }
};

}  // namespace

TEST_CASE("Demand from what is put on the market: a market growing at g with a fixed lifetime L recycles "
          "eta (1 + g)^-L of its demand",
          "[engine][scenario][demand_basis]")
{
    constexpr int kL = 6;
    Grow g(fmt::format("gadget,fixed,{},,,,test", kL));
    const Model model = load_model(g.data.dir());
    const Scenario sc = load_scenario(g.dir, model);
    CHECK(sc.demand_basis == DemandBasis::PutOnMarket);
    const ScenarioResult r = run_scenario(model, sc);
    const std::size_t co = *model.elements.find("Co"), nd = *model.elements.find("Nd");
    for (int y = kFirst; y <= kLast; ++y) {
        const int t = r.index_of(y);
        // Demand is the content of what is sold: 0.2 kg Co per gadget.
        CHECK(r.demand_kg(static_cast<Eigen::Index>(co), t) == Approx(0.2 * 1000.0 * std::pow(1.0 + kGrowth, y - kFirst)));
        CHECK(r.demand_products_kg(static_cast<Eigen::Index>(co), t) == r.demand_kg(static_cast<Eigen::Index>(co), t));
        CHECK(r.demand_other_kg(static_cast<Eigen::Index>(co), t) == 0.0);
        if (y - kFirst < kL) {
            CHECK(r.recycled_share(co, t) == 0.0);  // nothing has retired yet
            continue;
        }
        // Closed form: recovered(t) = eta 0.2 i(t - L), demand(t) = 0.2 i(t).
        CHECK(r.recycled_share(co, t) == Approx(kEta * std::pow(1.0 + kGrowth, -kL)).epsilon(1e-12));
        CHECK(r.eol_rir(co, t) == Approx(kEta * std::pow(1.0 + kGrowth, -kL)).epsilon(1e-12));
        CHECK(r.eol_rr(co, t) == Approx(kEta).epsilon(1e-12));
        CHECK(r.recycled_share(nd, t) == 0.0);  // magnets are shredded with steel: all Nd lost
    }
}

TEST_CASE("Demand from what is put on the market, other lifetime models: eta sum_a d(a) (1 + g)^-a",
          "[engine][scenario][demand_basis]")
{
    // A normal lifetime, mean 8 and sd 3, S(a) = 1 - Phi((a - 8)/3): d(0) = 1 - S(0), d(a) =
    // S(a - 1) - S(a). Only cohorts since 2000 exist, so the sum runs over a = 0..t - 2000.
    Grow g("gadget,normal,8,3,,,test");
    const Model model = load_model(g.data.dir());
    const Scenario sc = load_scenario(g.dir, model);
    const ScenarioResult r = run_scenario(model, sc);
    const std::size_t co = *model.elements.find("Co");
    auto survival = [](int a) { return 0.5 * std::erfc((a - 8.0) / (3.0 * std::sqrt(2.0))); };
    for (int y : {2005, 2015, 2030}) {
        double sum = 0.0;
        for (int a = 0; a <= y - kFirst; ++a)
            sum += ((a == 0 ? 1.0 : survival(a - 1)) - survival(a)) * std::pow(1.0 + kGrowth, -a);
        CHECK(r.recycled_share(co, r.index_of(y)) == Approx(kEta * sum).epsilon(1e-12));
    }
}

TEST_CASE("Rows of the demand file add to the demand from the products, shown apart", "[engine][scenario][demand_basis]")
{
    Grow g("gadget,fixed,5,,,,test", "", "Co,2000,50,kg,uses not modelled as products\nFe,2000,1,t,test\n");
    const Model model = load_model(g.data.dir());
    const Scenario sc = load_scenario(g.dir, model);
    const ScenarioResult r = run_scenario(model, sc);
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    const auto fe = static_cast<Eigen::Index>(*model.elements.find("Fe"));
    const int t = r.index_of(2010);
    const double sold = 1000.0 * std::pow(1.0 + kGrowth, 10);
    CHECK(r.demand_products_kg(co, t) == Approx(0.2 * sold));
    CHECK(r.demand_other_kg(co, t) == Approx(50.0));
    CHECK(r.demand_kg(co, t) == Approx(0.2 * sold + 50.0));
    CHECK(r.demand_kg(fe, t) == Approx(1.0 * sold + 1000.0));
    // The JSON says the basis and gives the two parts beside the total.
    const nlohmann::json j = run_json(model, sc, r, {});
    CHECK(j["demand_basis"] == "put_on_market");
    CHECK(j["elements"]["Co"]["demand_products_t"][10].get<double>() == Approx(0.2 * sold / 1000.0));
    CHECK(j["elements"]["Co"]["demand_other_t"][10].get<double>() == Approx(0.05));
    CHECK(j["elements"]["Co"]["demand_t"][10].get<double>() == Approx((0.2 * sold + 50.0) / 1000.0));
}

TEST_CASE("The content of what is sold and of what retires are the same parameters", "[engine][scenario][demand_basis]")
{
    // Another Co content per gadget (a sample of the BoM row) changes demand and recovery
    // together: the recycled share stays eta (1 + g)^-L.
    Grow g("gadget,fixed,4,,,,test");
    const Model model = load_model(g.data.dir());
    const Scenario sc = load_scenario(g.dir, model);
    ScenarioQuestion q(model, sc, Detail::Headline, {*model.elements.find("Co")});
    ParamValues v = sc.params.nominal();
    const std::size_t co = *model.elements.find("Co");
    const ParamId content = model.products[*model.find_product("gadget")].bom[2].quantity;
    REQUIRE(v[content.index] == 0.2);
    v[content.index] = 0.35;
    const ScenarioResult& r = q.evaluate(v);
    const int t = r.index_of(2020);
    CHECK(r.demand_kg(static_cast<Eigen::Index>(co), t) == Approx(0.35 * 1000.0 * std::pow(1.0 + kGrowth, 20)));
    CHECK(r.recycled_share(co, t) == Approx(kEta * std::pow(1.0 + kGrowth, -4)).epsilon(1e-12));
}

TEST_CASE("demand_basis takes put_on_market or demand_file, and the demand file is required only for the latter",
          "[io][scenario][demand_basis]")
{
    Grow g("gadget,fixed,4,,,,test");
    const Model model = load_model(g.data.dir());
    g.data.replace("scenarios/grow/scenario.toml", "demand_basis = \"put_on_market\"", "demand_basis = \"sold\"");
    try {
        load_scenario(g.dir, model);
        FAIL("loaded");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains(
                                 "scenario.toml:4: demand_basis = 'sold' is not a demand basis (expected "
                                 "\"put_on_market\" or \"demand_file\")"));
    }
    g.data.replace("scenarios/grow/scenario.toml", "demand_basis = \"sold\"", "demand_basis = \"demand_file\"");
    try {
        load_scenario(g.dir, model);
        FAIL("loaded");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains("demand is missing"));
    }
}
