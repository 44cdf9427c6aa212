#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/run_report.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::string kData = RECLAIM_TEST_DATA_DIR "/scenario";

struct Report {
    Model model = load_model(kData);
    Scenario scenario = load_scenario(find_scenario(kData, "hand"), model);
    ParamValues values = scenario.params.nominal();
    ScenarioQuestion question{model, scenario, Detail::Full};
    ScenarioResult result = question.evaluate(values);
    std::vector<TargetAnalysis> targets = analyse_targets(question, values, result);
};

std::set<std::string> keys(const json& j)
{
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
    return out;
}

}  // namespace

TEST_CASE("The run's JSON keys are the documented contract", "[report][run]")
{
    Report r;
    json j = run_json(r.model, r.scenario, r.result, r.targets);
    // docs/json.md, section "run": these keys are public; adding is fine, renaming is not.
    CHECK(keys(j) == std::set<std::string>{"scenario", "folder", "description", "overlays", "years", "survival",
                                           "demand_basis", "plans",
                                           "elements", "products", "targets", "balance"});
    CHECK(j["scenario"] == "hand");
    CHECK(j["survival"] == "end");
    CHECK(j["demand_basis"] == "demand_file");
    CHECK(j["elements"]["Co"]["demand_other_t"] == j["elements"]["Co"]["demand_t"]);  // the demand file alone
    CHECK(j["elements"]["Co"]["demand_products_t"][4] == 0.0);
    CHECK(j["years"] == json::array({2020, 2021, 2022, 2023, 2024, 2025}));
    CHECK(keys(j["elements"]["Co"]) == std::set<std::string>{"demand_t", "demand_products_t", "demand_other_t", "eol_t", "exported_t", "second_life_stock_t", "second_life_eol_t", "collected_t", "uncollected_t",
                                                             "untreated_t", "recovered_eol_t", "scrap_t",
                                                             "recovered_scrap_t", "recycled_share", "losses_t",
                                                             "scrap_losses_t", "eol_rr", "eol_rir",
                                                             "old_scrap_ratio"});
    CHECK(keys(j["products"]["gadget"]) == std::set<std::string>{"unit", "inflow_units", "outflow_units", "stock_units"});
    REQUIRE(j["targets"].size() == 4);
    CHECK(keys(j["targets"][0]) == std::set<std::string>{"element", "year", "share", "source", "demand_t",
                                                         "recovered_eol_t", "recovered_scrap_t", "achieved_share",
                                                         "met", "first_year_met", "required_collection_rate",
                                                         "reachable", "max_share_at_full_collection",
                                                         "magnet_extraction", "flips"});
    CHECK(keys(j["targets"][3]["magnet_extraction"]) ==
          std::set<std::string>{"applicable", "reachable", "required_share", "moved_share", "max_extraction_share",
                                "max_share_at_full_extraction", "class", "shred_route", "extraction_route"});
}

TEST_CASE("The run's JSON holds tonnes per year and each target's answer", "[report][run]")
{
    Report r;
    json j = run_json(r.model, r.scenario, r.result, r.targets);
    // 2024 (index 4): Co recovered from end of life 13.5 kg = 0.0135 t, from scrap 9 kg = 0.009 t.
    CHECK(j["elements"]["Co"]["recovered_eol_t"][4].get<double>() == Approx(0.0135));
    CHECK(j["elements"]["Co"]["recovered_scrap_t"][4].get<double>() == Approx(0.009));
    CHECK(j["elements"]["Co"]["losses_t"]["loss:residue"][4].get<double>() == Approx(0.0015));
    CHECK(j["elements"]["Fe"]["recycled_share"][4].is_null());  // no demand for Fe
    CHECK(j["elements"]["Co"]["eol_rr"][4].get<double>() == Approx(0.225));
    CHECK(j["elements"]["Co"]["eol_rir"][4].get<double>() == Approx(0.135));
    CHECK(j["elements"]["Co"]["old_scrap_ratio"][4].get<double>() == Approx(0.6));
    CHECK(j["elements"]["Co"]["eol_rr"][0].is_null());  // nothing at end of life in 2020
    CHECK(j["elements"]["Fe"]["eol_rir"][4].is_null());
    CHECK(j["products"]["gadget"]["outflow_units"][2] == 100.0);
    CHECK(j["targets"][0]["first_year_met"] == 2024);
    CHECK(j["targets"][1]["first_year_met"].is_null());
    CHECK(j["targets"][1]["required_collection_rate"].get<double>() == Approx(21.0 / 27.0));
    CHECK(j["targets"][2]["reachable"] == false);
    CHECK(j["targets"][2]["required_collection_rate"].is_null());
    CHECK(j["targets"][2]["max_share_at_full_collection"].get<double>() == Approx(0.36));
    CHECK(j["targets"][3]["magnet_extraction"]["required_share"].get<double>() == Approx(0.5));
}

TEST_CASE("The run's CSV is long format: year, element, quantity, value, unit", "[report][run]")
{
    Report r;
    std::ostringstream out;
    write_run_csv(out, r.model, r.result);
    std::string csv = out.str();
    CHECK(csv.rfind("year,element,quantity,value,unit\n", 0) == 0);
    CHECK_THAT(csv, Contains("2024,Co,recovered_eol,0.0135,t\n"));
    CHECK_THAT(csv, Contains("2024,Co,recycled_share,0.225,fraction\n"));
    CHECK_THAT(csv, Contains("2024,Co,demand_other,0.1,t\n"));
    CHECK_THAT(csv, Contains("2024,Co,demand_products,0,t\n"));
    CHECK_THAT(csv, Contains("2024,Co,eol_rr,0.225,fraction\n"));
    CHECK_THAT(csv, Contains("2024,Co,eol_rir,0.135,fraction\n"));
    CHECK_THAT(csv, Contains("2024,Co,old_scrap_ratio,0.6,fraction\n"));
    CHECK_THAT(csv, !Contains("2020,Co,eol_rr"));  // undefined: omitted like recycled_share
    CHECK_THAT(csv, Contains("2024,Nd,loss:slag,0.015,t\n"));
    CHECK_THAT(csv, Contains("2024,Co,scrap loss:residue,0.001,t\n"));
}

TEST_CASE("The headline states the survival convention and each target's answer", "[report][run]")
{
    Report r;
    std::ostringstream out;
    write_run_headline(out, Format::Table, r.model, r.scenario, r.result, r.targets);
    std::string text = out.str();
    CHECK_THAT(text, Contains("survival convention: end"));
    CHECK_THAT(text, Contains("demand basis: demand_file (the demand file alone)"));
    CHECK_THAT(text, Contains("77.78%"));  // 21/27
    CHECK_THAT(text, Contains("not reachable: at most 36% at full collection"));
    CHECK_THAT(text, Contains("not by 2025"));
    CHECK_THAT(text, Contains("50%"));  // the Nd magnet extraction share
}
