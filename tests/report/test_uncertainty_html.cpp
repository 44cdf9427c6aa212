// The Monte Carlo parts of the HTML and Markdown reports: every number is the JSON's, through
// the one formatter; the run's time series carries the P5-P95 band; the tornado names file:line
// and source; the magnet lever reaches the run headline.

#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/defaults.hpp"
#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/assess_html.hpp"
#include "report/assess_report.hpp"
#include "report/format.hpp"
#include "report/html.hpp"
#include "report/run_html.hpp"
#include "report/run_report.hpp"
#include "report/svg.hpp"
#include "report/uncertainty_html.hpp"
#include "report/uncertainty_report.hpp"
#include "support/run.hpp"
#include "xml_check.hpp"

using namespace reclaim;
using nlohmann::json;
using reclaim::test::check_xml;

namespace {

const std::string kMc = RECLAIM_TEST_DATA_DIR "/mc";

// tests/data/mc/README.md: rotor through plan p (route r1, two ranged yields) and scenario
// `one` through route r2 (one uniform yield).
const Model& mc_model()
{
    static const Model m = load_model(kMc);
    return m;
}

MonteCarloOptions few_samples()
{
    MonteCarloOptions mc;
    mc.samples = 300;
    mc.seed = 7;
    mc.threads = 1;
    return mc;
}

AssessOptions rotor_under(const std::string& plan)
{
    AssessOptions o;
    o.product = *mc_model().find_product("rotor");
    o.plan = *mc_model().find_plan(plan);
    o.critical = cli::critical_elements(mc_model());  // as `reclaim assess`
    return o;
}

std::string kg_range(const json& s) { return sig(s["p5"].get<double>()) + " \u2013 " + sig(s["p95"].get<double>()); }
std::string percent_range(const json& s)
{
    return percent(s["p5"].get<double>()) + " \u2013 " + percent(s["p95"].get<double>());
}

// Every row of the JSON tornado is a row of the report's tornado table.
void check_tornado(const test::XmlCheck& x, const json& sensitivity, bool fractions)
{
    REQUIRE(sensitivity.is_object());
    REQUIRE_FALSE(sensitivity["parameters"].empty());
    auto out = [&](const json& v) { return fractions ? percent(v.get<double>()) : sig(v.get<double>()); };
    for (const auto& p : sensitivity["parameters"]) {
        INFO(p.dump());
        CHECK(x.has_text("td", p["file"].get<std::string>() + ":" + std::to_string(p["line"].get<int>())));
        CHECK(x.has_text("td", sig(p["low"].get<double>())));
        CHECK(x.has_text("td", sig(p["high"].get<double>())));
        CHECK(x.has_text("td", out(p["output_low"])));
        CHECK(x.has_text("td", out(p["output_high"])));
        CHECK(x.has_text("td", out(p["swing"])));
        CHECK(x.has_text("td", p["source"].get<std::string>()));
    }
}

}  // namespace

TEST_CASE("An assessment report with Monte Carlo shows the JSON's percentiles and tornado", "[report][html][uncertainty]")
{
    AssessOptions o = rotor_under("p");
    Assessment a = assess(mc_model(), o);
    auto nd = *mc_model().elements.find("Nd");
    AssessUncertainty u = assess_uncertainty(mc_model(), o, few_samples(), nd);
    json j = assess_json(mc_model(), a);
    add_uncertainty_json(j, mc_model(), u);
    std::string html = render_html(assess_report(mc_model(), a, false, &u));
    auto x = check_xml(html);
    INFO(x.error);
    REQUIRE(x.ok());

    const json& ndu = j["elements"]["Nd"]["uncertainty"];
    for (const char* k : {"p5", "p50", "p95"}) {
        INFO(k);
        CHECK(x.has_text("td", sig(ndu["recovered_kg"][k].get<double>())));
        CHECK(x.has_text("td", percent(ndu["recovery_rate"][k].get<double>())));
    }
    // The headline sentence of Nd and the recyclability callout carry the same ranges.
    CHECK_THAT(html, Catch::Contains(kg_range(ndu["recovered_kg"]) + " kg recovered"));
    CHECK_THAT(html, Catch::Contains(percent_range(j["uncertainty"]["recyclability_rate"])));
    check_tornado(x, j["uncertainty"]["sensitivity"], false);
    // The wide yield y1 (routes/transfers.csv:2) ranks first: the first row of the tornado table.
    CHECK(x.has_text("td", "routes/transfers.csv:2"));
    CHECK(x.has_text("title", "routes/transfers.csv:2 at its low: " + sig(j["uncertainty"]["sensitivity"]["parameters"][0]["output_low"].get<double>()) + " kg"));
}

TEST_CASE("A comparison report with Monte Carlo shows P5-P95 per element and treatment", "[report][html][uncertainty]")
{
    std::vector<Assessment> as;
    std::vector<AssessUncertainty> us;
    for (const char* plan : {"p", "q"}) {
        AssessOptions o = rotor_under(plan);
        as.push_back(assess(mc_model(), o));
        us.push_back(assess_uncertainty(mc_model(), o, few_samples()));
    }
    json j = compare_json(mc_model(), as);
    for (std::size_t k = 0; k < us.size(); ++k) add_uncertainty_json(j["assessments"][k], mc_model(), us[k]);
    auto x = check_xml(render_html(compare_report(mc_model(), as, &us)));
    INFO(x.error);
    REQUIRE(x.ok());
    for (const auto& a : j["assessments"]) {
        const json& ndu = a["elements"]["Nd"]["uncertainty"];
        CHECK(x.has_text("td", kg_range(ndu["recovered_kg"])));
        CHECK(x.has_text("td", percent_range(ndu["recovery_rate"])));
        CHECK(x.has_text("td", percent_range(a["uncertainty"]["recyclability_rate"])));
    }
    CHECK(x.has_text("th", "q recovered_kg P5 \u2013 P95"));
}

TEST_CASE("A run report with Monte Carlo shows the probability, percentiles, band and tornado of the JSON",
          "[report][html][uncertainty][run]")
{
    Model model = load_model(kMc);  // the scenario adds its own parameters
    Scenario sc = load_scenario(find_scenario(kMc, "one"), model);
    auto values = sc.params.nominal();
    ScenarioQuestion question(model, sc, Detail::Full);
    ScenarioResult r = question.evaluate(values);
    auto targets = analyse_targets(question, values, r);
    RunUncertainty u = run_uncertainty(model, sc, few_samples(), RunOutput{sc.targets[0].element, sc.targets[0].year});
    json j = run_json(model, sc, r, targets);
    add_run_uncertainty_json(j, model, sc, u);
    std::string html = render_html(run_report(model, sc, r, targets, &u));
    auto x = check_xml(html);
    INFO(x.error);
    REQUIRE(x.ok());

    const json& tu = j["targets"][0]["uncertainty"];
    for (const char* k : {"p5", "p50", "p95"}) CHECK(x.has_text("td", percent(tu["recycled_share"][k].get<double>())));
    CHECK(x.has_text("td", sig(tu["recovered_t"]["p5"].get<double>())));
    CHECK(x.has_text("td", sig(tu["recovered_t"]["p95"].get<double>())));
    CHECK(x.has_text("td", percent(tu["probability_met"].get<double>())));
    // The headline callout states the probability and the range.
    CHECK_THAT(html, Catch::Contains("Probability of meeting it: " + percent(tu["probability_met"].get<double>()) +
                                     " (recycled share P5\u2013P95 " + percent_range(tu["recycled_share"]) + ")"));
    // The time series has its band, named in the legend and its tooltip.
    CHECK(x.has_text("title", "P5 \u2013 P95 recovered"));
    check_tornado(x, j["uncertainty"]["sensitivity"], true);
    // Markdown is the same document: the numbers are there too, figures become a line.
    std::ostringstream md;
    render_markdown(md, run_report(model, sc, r, targets, &u));
    CHECK_THAT(md.str(), Catch::Contains("| " + percent(tu["probability_met"].get<double>()) + " |"));
    CHECK_THAT(md.str(), Catch::Contains("*Figure: Nd per year [t] (drawn in the HTML report).*"));
    CHECK_THAT(md.str(), Catch::Contains("## Assumptions"));
}

TEST_CASE("The run headline states the magnet extraction a target needs", "[report][html][run]")
{
    const std::string data = RECLAIM_TEST_DATA_DIR "/scenario";
    Model model = load_model(data);
    Scenario sc = load_scenario(find_scenario(data, "hand"), model);
    REQUIRE(sc.magnet_lever);
    auto values = sc.params.nominal();
    ScenarioQuestion question(model, sc, Detail::Full);
    ScenarioResult r = question.evaluate(values);
    auto targets = analyse_targets(question, values, r);
    std::string html = render_html(run_report(model, sc, r, targets));
    auto x = check_xml(html);
    REQUIRE(x.ok());
    // tests/engine/test_targets.cpp: the Nd target (30% in 2024) needs y = 0.5 of the shredded
    // magnets extracted, so 0 + 0.5 x 1 = 50% of the magnet class goes to magnet_hpms.
    CHECK_THAT(html, Catch::Contains("Magnet extraction needed (share of the magnet class sent to magnet_hpms): 50%."));
    CHECK(x.has_text("th", "required_magnet_extraction"));
    CHECK(x.has_text("td", "50%"));
}

TEST_CASE("A tornado chart draws both ends of every parameter around the nominal output", "[report][svg][uncertainty]")
{
    TornadoChart c;
    c.fractions = true;
    c.nominal = 0.5;
    c.rows = {{"a.csv:2", 0.4, 0.7}, {"b.csv:3", 0.55, 0.45}};
    auto x = check_xml(tornado_svg(c));
    INFO(x.error);
    REQUIRE(x.ok());
    CHECK(x.elements["rect"] == 4 + 3);  // two bars per row; legend keys low, high, nominal
    CHECK(x.has_text("title", "a.csv:2 at its low: 40%"));
    CHECK(x.has_text("title", "a.csv:2 at its high: 70%"));
    CHECK(x.has_text("title", "b.csv:3 at its low: 55%"));
    CHECK(x.has_text("text", "nominal 50%"));
}

TEST_CASE("Markdown output of assess, compare and run is the same report as the HTML", "[cli][report]")
{
    const std::string data = "--data " + kMc + " --format md ";
    for (const std::string& cmd : {std::string("assess rotor --samples 50"), std::string("compare rotor --plans p,q"),
                                   std::string("run one --no-files --samples 50")}) {
        auto r = test::run_reclaim(data + cmd, false);
        INFO(cmd << "\n" << r.out);
        CHECK(r.exit_code == 0);
        CHECK(r.out.rfind("# ", 0) == 0);  // the title
        CHECK_THAT(r.out, Catch::Contains("## Assumptions"));
        CHECK_THAT(r.out, Catch::Contains("| file:line | column | value | range | distribution | source |"));
        CHECK_THAT(r.out, !Catch::Contains("<svg"));
    }
}

TEST_CASE("reclaim check says in one line that valid data has no problems", "[cli][check]")
{
    const std::string data = std::string("--data ") + RECLAIM_TEST_DATA_DIR "/tiny check";
    auto table = test::run_reclaim(data, false);
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Catch::Contains("is valid: no problems;"));
    CHECK(std::count(table.out.begin(), table.out.end(), '\n') == 1);
    CHECK(table.out.back() == '\n');
    auto md = test::run_reclaim(data + " --format md", false);
    CHECK_THAT(md.out, Catch::EndsWith("plans\n"));
    // JSON and CSV keep their empty lists.
    auto j = json::parse(test::run_reclaim(data + " --format json", false).out);
    CHECK(j["count"] == 0);
    CHECK(test::run_reclaim(data + " --format csv", false).out == "file,line,column,text,message\n");
}
