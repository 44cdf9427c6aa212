// assess and compare as HTML reports: the flow graph of an element, numbers equal to the JSON.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/defaults.hpp"
#include "io/load.hpp"
#include "report/assess_html.hpp"
#include "report/assess_report.hpp"
#include "report/format.hpp"
#include "support/run.hpp"
#include "xml_check.hpp"

using namespace reclaim;
using reclaim::test::check_xml;

namespace {

const Model& tiny()
{
    static const Model m = load_model(std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "tiny");
    return m;
}

Assessment motor_through_hpms(double collection)
{
    AssessOptions o;
    o.product = *tiny().find_product("traction_motor");
    o.route = *tiny().find_route("magnet_hpms");
    o.collection = collection;
    o.critical = cli::critical_elements(tiny());
    return assess(tiny(), o);
}

double link_value(const SankeyGraph& g, const std::string& from, const std::string& to)
{
    for (const auto& l : g.links)
        if (g.nodes[l.from].label == from && g.nodes[l.to].label == to) return l.value;
    return -1;
}

}  // namespace

TEST_CASE("The Sankey graph of an assessed element runs from classes to recovered forms and losses",
          "[report][assess][html]")
{
    Assessment a = motor_through_hpms(0.8);
    auto nd = *tiny().elements.find("Nd");
    const double c = a.contained_kg[static_cast<Eigen::Index>(nd)];
    REQUIRE(c > 0);
    auto g = assessment_flow_graph(tiny(), a, nd);
    // 80% collected; magnet_hpms: extract keeps 90% (10% not liberated), hpms recovers 95% of
    // that as alloy (5% oxidised fines): 0.8 x 0.9 x 0.95 = 0.684 of the content recovered.
    CHECK(link_value(g, "magnet parts", "collected") == Approx(0.8 * c));
    CHECK(link_value(g, "magnet parts", "uncollected") == Approx(0.2 * c));
    CHECK(link_value(g, "collected", "magnet_hpms/extract") == Approx(0.8 * c));
    CHECK(link_value(g, "magnet_hpms/extract", "lost: not-liberated") == Approx(0.08 * c));
    CHECK(link_value(g, "magnet_hpms/hpms", "NdFeB-alloy") == Approx(0.684 * c));
    CHECK(link_value(g, "magnet_hpms/hpms", "lost: oxidised-fines") == Approx(0.036 * c));
    // In tonnes the same graph is a thousandth.
    auto t = assessment_flow_graph(tiny(), a, nd, 1e-3);
    CHECK(link_value(t, "magnet_hpms/hpms", "NdFeB-alloy") == Approx(0.684e-3 * c));
    auto lay = layout_sankey(g);
    for (const auto& n : lay.nodes)
        if (n.in > 0 && n.out > 0) CHECK(n.in == Approx(n.out));
}

TEST_CASE("Every number of the assessment table in the HTML report is the JSON's", "[report][assess][html]")
{
    Assessment a = motor_through_hpms(0.8);
    auto j = assess_json(tiny(), a);
    auto html = render_html(assess_report(tiny(), a));
    auto x = check_xml(html);
    INFO(x.error);
    REQUIRE(x.ok());
    std::size_t checked = 0;
    for (const auto& [symbol, e] : j["elements"].items()) {
        if (!(e["contained_kg"].get<double>() > 0)) continue;
        for (const char* key : {"contained_kg", "uncollected_kg", "untreated_kg", "recovered_kg", "lost_kg"}) {
            INFO(symbol << " " << key);
            CHECK(x.has_text("td", sig(e[key].get<double>())));
            ++checked;
        }
        CHECK(x.has_text("td", percent(e["recovery_rate"].get<double>())));
    }
    CHECK(checked >= 5);
    CHECK(x.elements["svg"] >= 3);  // recovery bars, losses, one Sankey per critical element
    CHECK(x.has_text("h3", "Nd (neodymium)"));
    CHECK(x.has_text("td", "routes/transfers.csv:13"));  // the route's first transfer in the assumptions
    CHECK(x.has_text("td", "products/bom.csv:7"));       // the rotor magnets line
}

TEST_CASE("The assessment's assumptions cover the product, its materials and the routes used",
          "[report][assess][html]")
{
    Assessment a = motor_through_hpms(1.0);
    auto t = assumptions_table(a.params);
    std::set<std::string> where;
    for (const auto& r : t.rows) where.insert(r[0]);
    // traction_motor: bom.csv lines 7-9; magnet_hpms: transfers.csv lines 13-16; no other route.
    for (const char* w : {"products/bom.csv:7", "products/bom.csv:8", "products/bom.csv:9", "routes/transfers.csv:13",
                          "routes/transfers.csv:16"})
        CHECK(where.count(w) == 1);
    CHECK(where.count("routes/transfers.csv:2") == 0);  // lib_hydro is not used
    CHECK(where.count("products/bom.csv:2") == 0);      // nor the battery pack
}

TEST_CASE("A plan's assessment lists every route of the plan and the prices of their forms as assumptions",
          "[report][assess][html]")
{
    AssessOptions o;
    o.product = *tiny().find_product("bev");
    o.plan = *tiny().find_plan("today");
    Assessment a = assess(tiny(), o);
    auto t = assumptions_table(a.params);
    std::set<std::string> where;
    for (const auto& r : t.rows) where.insert(r[0]);
    CHECK(where.size() == t.rows.size());  // each parameter once
    // Plan `today`: routes/plans.csv lines 2-5, not extract-magnets' 6-9.
    for (int line = 2; line <= 5; ++line) CHECK(where.count("routes/plans.csv:" + std::to_string(line)) == 1);
    for (int line = 6; line <= 9; ++line) CHECK(where.count("routes/plans.csv:" + std::to_string(line)) == 0);
    // Its routes lib_hydro (transfers.csv lines 2-12) and shred_steel (17-22), every row, the
    // ones no element of the bev takes included; magnet_hpms (13-16) is not in the plan.
    for (int line = 2; line <= 12; ++line) CHECK(where.count("routes/transfers.csv:" + std::to_string(line)) == 1);
    for (int line = 17; line <= 22; ++line) CHECK(where.count("routes/transfers.csv:" + std::to_string(line)) == 1);
    for (int line = 13; line <= 16; ++line) CHECK(where.count("routes/transfers.csv:" + std::to_string(line)) == 0);
    // The prices of the routes' recovered forms: Li2CO3 (prices.csv:2) and CoSO4·7H2O (:3);
    // Nd2O3 (:4) is no route's form.
    CHECK(where.count("materials/prices.csv:2") == 1);
    CHECK(where.count("materials/prices.csv:3") == 1);
    CHECK(where.count("materials/prices.csv:4") == 0);
    // The bill of materials of the bev and of its parts: bom.csv lines 2-12.
    for (int line = 2; line <= 12; ++line) CHECK(where.count("products/bom.csv:" + std::to_string(line)) == 1);
}

TEST_CASE("reclaim assess and compare write well-formed HTML reports", "[report][assess][html][cli]")
{
    auto path = (std::filesystem::temp_directory_path() / "reclaim-test-assess.html").string();
    std::string data = std::string("--data ") + RECLAIM_TEST_DATA_DIR "/tiny ";
    for (const std::string cmd : {"assess bev --collection 0.5", "compare bev --plans today,extract-magnets"}) {
        auto r = test::run_reclaim(data + "--format html -o " + path + " " + cmd);
        INFO(cmd << ": " << r.out);
        CHECK(r.exit_code == 0);
        std::ifstream file(path);
        std::stringstream html;
        html << file.rdbuf();
        auto x = check_xml(html.str());
        INFO(x.error);
        CHECK(x.ok());
        CHECK(x.elements["svg"] >= 2);
        CHECK(x.has_text("h2", "Value of what is recovered"));  // the CLI passes the value in
    }
    std::filesystem::remove(path);
}
