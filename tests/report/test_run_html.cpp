// reclaim run as an HTML report: the target year's flow graph, numbers equal to the JSON.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/format.hpp"
#include "report/html.hpp"
#include "report/run_html.hpp"
#include "report/run_report.hpp"
#include "support/run.hpp"
#include "xml_check.hpp"

using namespace reclaim;
using reclaim::test::check_xml;

namespace {

// tests/data/scenario, scenario `hand` (see tests/engine/test_scenario.cpp): Co is 50%
// collected, half of that untreated, the rest to hydro (90% recovered, 10% loss:residue);
// 10 kg Co scrap a year goes to hydro from 2024.
struct HandRun {
    Model model = load_model(RECLAIM_TEST_DATA_DIR "/scenario");
    Scenario scenario = load_scenario(find_scenario(RECLAIM_TEST_DATA_DIR "/scenario", "hand"), model);
    ParamValues values = scenario.params.nominal();
    ScenarioQuestion question{model, scenario, Detail::Full};
    ScenarioResult result = question.evaluate(values);
};

double link_value(const SankeyGraph& g, const std::string& from, const std::string& to)
{
    for (const auto& l : g.links)
        if (g.nodes[l.from].label == from && g.nodes[l.to].label == to) return l.value;
    return -1;
}

bool has_text_prefix(const test::XmlCheck& x, const std::string& parent, const std::string& prefix)
{
    for (const auto& [p, t] : x.texts)
        if (p == parent && t.rfind(prefix, 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("The flow graph of a run year splits end-of-life content and scrap as the plan says", "[report][run][html]")
{
    HandRun h;
    auto co = *h.model.elements.find("Co");
    const int t = h.result.index_of(2024);
    const double eol_t = h.result.eol_kg(static_cast<Eigen::Index>(co), t) / 1000.0;
    REQUIRE(eol_t > 0);
    auto g = run_flow_graph(h.result, co, t);
    // 50% collected, half of it untreated; the other quarter of eol plus 0.01 t scrap treated,
    // 90% of that recovered and 10% to loss:residue.
    CHECK(link_value(g, "end-of-life products", "collected") == Approx(0.5 * eol_t));
    CHECK(link_value(g, "end-of-life products", "uncollected") == Approx(0.5 * eol_t));
    CHECK(link_value(g, "collected", "untreated") == Approx(0.25 * eol_t));
    CHECK(link_value(g, "collected", "recycling routes") == Approx(0.25 * eol_t));
    CHECK(link_value(g, "manufacturing scrap", "recycling routes") == Approx(0.01));
    CHECK(link_value(g, "recycling routes", "recovered") == Approx(0.9 * (0.25 * eol_t + 0.01)));
    CHECK(link_value(g, "recycling routes", "lost: residue") == Approx(0.1 * (0.25 * eol_t + 0.01)));
    auto lay = layout_sankey(g);
    for (const auto& n : lay.nodes)
        if (n.in > 0 && n.out > 0) CHECK(n.in == Approx(n.out));
}

TEST_CASE("The run report's target table holds the JSON's numbers", "[report][run][html]")
{
    HandRun h;
    auto targets = analyse_targets(h.question, h.values, h.result);
    REQUIRE_FALSE(targets.empty());
    auto j = run_json(h.model, h.scenario, h.result, targets);
    auto x = check_xml(render_html(run_report(h.model, h.scenario, h.result, targets)));
    INFO(x.error);
    REQUIRE(x.ok());
    for (const auto& t : j["targets"]) {
        for (const char* key : {"demand_t", "recovered_eol_t", "recovered_scrap_t"}) {
            INFO(key);
            CHECK(x.has_text("td", sig(t[key].get<double>())));
        }
        if (t["achieved_share"].is_number()) CHECK(x.has_text("td", percent(t["achieved_share"].get<double>())));
    }
    CHECK(static_cast<std::size_t>(x.elements["svg"]) >= 3 * targets.size());  // time series, Sankey, losses per target
}

TEST_CASE("reclaim run writes report.html beside results.json", "[report][run][html][cli]")
{
    auto dir = std::filesystem::temp_directory_path() / "reclaim-test-run-html";
    std::filesystem::remove_all(dir);
    auto r = test::run_reclaim(std::string("--data ") + RECLAIM_TEST_DATA_DIR "/scenario -q run hand --out-dir " +
                               dir.string());
    INFO(r.out);
    CHECK(r.exit_code == 0);
    std::ifstream file(dir / "hand" / "report.html");
    std::stringstream html;
    html << file.rdbuf();
    auto x = check_xml(html.str());
    CHECK(x.ok());
    CHECK(has_text_prefix(x, "h2", "Value of what is recovered in "));  // the CLI passes the value in
    CHECK(std::filesystem::exists(dir / "hand" / "results.json"));
    std::filesystem::remove_all(dir);
}
