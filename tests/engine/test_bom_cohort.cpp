#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/evaluate/contents.hpp"
#include "engine/questions/scenario.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::TempData;
using Catch::Matchers::Contains;

namespace {

// tests/data/scenario with the gadget's battery given by cohort: 0.2 kg Co for gadgets built in
// 2020, 0.7 kg in 2025, so 0.2 + 0.1 (c - 2020) kg in between, 0.2 before, 0.7 after.
const char* kBom = "product,part,class,item,value,unit,cohort,source\n"
                   "gadget,magnet,magnet,neodymium,0.1,kg,,test\n"
                   "gadget,frame,steel,iron,1,kg,,test\n"
                   "gadget,battery,battery,cobalt,0.7,kg,2025,test\n"
                   "gadget,battery,battery,cobalt,0.2,kg,2020,test\n";

double co_of_cohort(int c) { return c <= 2020 ? 0.2 : c >= 2025 ? 0.7 : 0.2 + 0.1 * (c - 2020); }

struct Cohorts {
    TempData data{"scenario"};
    Cohorts() { data.write("products/bom.csv", kBom); }
    [[nodiscard]] std::string dir() const { return data.dir().string(); }
};

std::string load_error(const std::string& dir)
{
    try {
        load_model(dir);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("A BoM given by cohort is interpolated between the listed cohorts and held flat outside them",
          "[engine][cohort]")
{
    Cohorts c;
    const Model model = load_model(c.dir());
    const std::size_t gadget = *model.find_product("gadget");
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    const auto nd = static_cast<Eigen::Index>(*model.elements.find("Nd"));
    const auto battery = static_cast<Eigen::Index>(*model.find_class("battery"));
    const ParamValues v = model.params.nominal();
    for (int year : {2015, 2020, 2021, 2022, 2024, 2025, 2030}) {
        const ClassContent content = flatten_product(model, gadget, v, year);
        CHECK(content(battery, co) == Approx(co_of_cohort(year)).epsilon(1e-15));
        CHECK(content.col(nd).sum() == Approx(0.1));  // a row without a cohort applies to every cohort
    }
    // Without a cohort: the latest listed.
    CHECK(flatten_product(model, gadget, v)(battery, co) == Approx(0.7));
}

TEST_CASE("End-of-life content follows the cohort that retires, demand the cohort sold", "[engine][scenario][cohort]")
{
    // Scenario `hand` (2020-2025, 100, 200, 300, 300... gadgets, fixed lifetime 2, collection
    // 50%, half the batteries to hydro at 90%) with demand from what is put on the market.
    Cohorts c;
    REQUIRE(c.data.replace("scenarios/hand/scenario.toml", "survival = \"end\"",
                           "survival = \"end\"\ndemand_basis = \"put_on_market\""));
    const Model model = load_model(c.dir());
    const Scenario sc = load_scenario(find_scenario(c.dir(), "hand"), model);
    const ScenarioResult r = run_scenario(model, sc);
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    // 2024: the 300 gadgets of 2022 retire with 0.4 kg Co each; 2023: the 200 of 2021 with 0.3.
    CHECK(r.eol_kg(co, r.index_of(2024)) == Approx(300 * 0.4));
    CHECK(r.eol_kg(co, r.index_of(2023)) == Approx(200 * 0.3));
    CHECK(r.eol_kg(co, r.index_of(2022)) == Approx(100 * 0.2));
    CHECK(r.recovered_eol_kg(co, r.index_of(2024)) == Approx(300 * 0.4 * 0.5 * 0.5 * 0.9));
    // Demand 2024: 300 gadgets of 2024 at 0.6 kg, plus the demand file's 100 kg.
    CHECK(r.demand_products_kg(co, r.index_of(2024)) == Approx(300 * 0.6));
    CHECK(r.demand_kg(co, r.index_of(2024)) == Approx(300 * 0.6 + 100));
    CHECK(r.demand_products_kg(co, r.index_of(2025)) == Approx(300 * 0.7));

    // The headline evaluation (Monte Carlo's) gives the same.
    ScenarioQuestion q(model, sc, Detail::Headline, {static_cast<std::size_t>(co)});
    const ScenarioResult& h = q.evaluate(sc.params.nominal());
    CHECK((h.recovered_eol_kg.row(co) - r.recovered_eol_kg.row(co)).cwiseAbs().maxCoeff() <= 1e-12);
    CHECK((h.demand_kg.row(co) - r.demand_kg.row(co)).cwiseAbs().maxCoeff() <= 1e-12);
    CHECK((h.value_usd - r.value_usd).cwiseAbs().maxCoeff() <= 1e-9);
}

TEST_CASE("With a spread lifetime every retiring cohort brings its own content", "[engine][scenario][cohort]")
{
    // A normal lifetime, mean 2 and sd 1: eol(t) = sum_c i(c) d(t - c) content(c), with d(0) =
    // 1 - S(0), d(a) = S(a - 1) - S(a), S(a) = 1 - Phi((a - 2) / 1).
    Cohorts c;
    c.data.write("scenarios/hand/lifetimes.csv", "product,model,mean,sd,shape,scale,source\ngadget,normal,2,1,,,test\n");
    REQUIRE(c.data.replace("scenarios/hand/scenario.toml", "scrap = \"scrap.csv\"",
                           "scrap = \"scrap.csv\"\nlifetimes = \"lifetimes.csv\""));
    const Model model = load_model(c.dir());
    const Scenario sc = load_scenario(find_scenario(c.dir(), "hand"), model);
    const ScenarioResult r = run_scenario(model, sc);
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    const double inflow[] = {100, 200, 300, 300, 300, 300};
    auto s = [](int a) { return 0.5 * std::erfc((a - 2.0) / std::sqrt(2.0)); };
    for (int t = 0; t < 6; ++t) {
        double eol = 0.0;
        for (int k = 0; k <= t; ++k)
            eol += inflow[k] * ((t - k == 0 ? 1.0 : s(t - k - 1)) - s(t - k)) * co_of_cohort(2020 + k);
        CHECK(r.eol_kg(co, t) == Approx(eol).epsilon(1e-12));
        CHECK(r.collected_kg(co, t) == Approx(0.5 * eol).epsilon(1e-12));
    }
}

TEST_CASE("A cohort on some rows of a part and not others, or a cohort given twice, is an error", "[io][cohort]")
{
    Cohorts c;
    c.data.append("products/bom.csv", "gadget,frame,steel,iron,2,kg,2030,test\n");
    CHECK_THAT(load_error(c.dir()),
               Contains("products/bom.csv:6: column 'cohort': '2030' is a cohort for gadget/frame, whose line 3 has "
                        "none: give every row of a part a cohort, or none"));
    c.data.write("products/bom.csv", std::string(kBom) + "gadget,battery,battery,cobalt,0.3,kg,2020,test\n");
    CHECK_THAT(load_error(c.dir()),
               Contains("products/bom.csv:6: column 'cohort': '2020' is given twice for gadget/battery (also at line "
                        "5)"));
    c.data.write("products/bom.csv", std::string(kBom) + "gadget,case,steel,iron,0.3,kg,2020.5,test\n");
    CHECK_THAT(load_error(c.dir()), Contains("products/bom.csv:6: column 'cohort': '2020.5' is not a whole year"));
}

TEST_CASE("show product and assess take --cohort YEAR, the latest cohort by default", "[cli][cohort]")
{
    Cohorts c;
    const std::string data = "--data " + c.dir() + " --format json ";
    auto content = [&](const std::string& args) {
        auto r = test::run_reclaim(data + args, false);
        REQUIRE(r.exit_code == 0);
        return nlohmann::json::parse(r.out);
    };
    CHECK(content("show product gadget --cohort 2022")["content_kg"]["Co"].get<double>() == Approx(0.4));
    CHECK(content("show product gadget")["content_kg"]["Co"].get<double>() == Approx(0.7));
    CHECK(content("assess gadget --cohort 2021")["elements"]["Co"]["contained_kg"].get<double>() == Approx(0.3));
    CHECK(content("assess gadget")["elements"]["Co"]["contained_kg"].get<double>() == Approx(0.7));
    CHECK(test::run_reclaim(data + "assess gadget --cohort soon").exit_code == 2);
}
