// show route: the flow graph of an element through a route, and the report built from it.

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/evaluate/route_network.hpp"
#include "io/load.hpp"
#include "report/assess_report.hpp"
#include "report/html.hpp"
#include "report/route_report.hpp"
#include "report/sankey_layout.hpp"
#include "support/run.hpp"
#include "xml_check.hpp"

using namespace reclaim;
using reclaim::test::check_xml;

namespace {

// Value of the link between the nodes labelled `from` and `to`; -1 if there is none.
double link_value(const SankeyGraph& g, const std::string& from, const std::string& to)
{
    for (const auto& l : g.links)
        if (g.nodes[l.from].label == from && g.nodes[l.to].label == to) return l.value;
    return -1;
}

}  // namespace

TEST_CASE("The flow graph of an element follows the transfer coefficients of the route", "[report][route]")
{
    Model model = load_model(RECLAIM_TEST_DATA_DIR "/tiny");
    auto values = model.params.nominal();
    auto sol = solve_route(model, *model.find_route("lib_hydro"), values);
    auto g = route_flow_graph(model, sol, values, *model.elements.find("Li"), 1.0);
    // lib_hydro, 1 kg Li: shred sends 0.95 to leach and 0.05 to dust; leach sends 85% of its
    // 0.95 kg to Li2CO3 (0.8075 kg) and 15% to residue (0.1425 kg).
    CHECK(link_value(g, "feed", "shred") == Approx(1.0));
    CHECK(link_value(g, "shred", "leach") == Approx(0.95));
    CHECK(link_value(g, "shred", "lost: dust") == Approx(0.05));
    CHECK(link_value(g, "leach", "Li2CO3") == Approx(0.8075));
    CHECK(link_value(g, "leach", "lost: residue") == Approx(0.1425));
    CHECK(g.nodes.size() == 6);  // feed, shred, leach and three sinks; no Cu or foil-scrap node
}

TEST_CASE("A recycle loop in a route gives a conserved flow graph with a back link", "[report][route]")
{
    Model model = load_model(RECLAIM_TEST_DATA_DIR "/report");
    auto values = model.params.nominal();
    auto sol = solve_route(model, *model.find_route("magnet_loop"), values);
    auto g = route_flow_graph(model, sol, values, *model.elements.find("Nd"), 1.0);
    // extract gets 1 kg plus 15% of what the sieve sees; the sieve sees 90% of extract:
    // x = 1 + 0.15 * 0.9 x  ->  x = 1 / 0.865 = 1.15607 kg.
    const double x = 1.0 / 0.865;
    CHECK(link_value(g, "extract", "hpms") == Approx(0.9 * x));
    CHECK(link_value(g, "sieve", "extract") == Approx(0.135 * x));            // 0.15607 kg back
    CHECK(link_value(g, "sieve", "NdFeB-alloy") == Approx(0.72 / 0.865));     // 0.83237 kg
    CHECK(link_value(g, "sieve", "lost: fines <1 mm & dust") == Approx(0.045 / 0.865));
    auto lay = layout_sankey(g);
    std::size_t back = 0;
    for (const auto& b : lay.links) back += b.back ? 1 : 0;
    CHECK(back == 1);
    for (const auto& n : lay.nodes)
        if (n.in > 0 && n.out > 0) CHECK(n.in == Approx(n.out));  // every process conserves mass
}

TEST_CASE("Every percentage in the route report is a number of the show route JSON", "[report][route]")
{
    Model model = load_model(RECLAIM_TEST_DATA_DIR "/report");
    auto values = model.params.nominal();
    for (const char* id : {"lib_hydro", "magnet_loop"}) {
        auto r = *model.find_route(id);
        auto sol = solve_route(model, r, values);
        auto j = route_json(model, r, sol, values);
        // The yields of the elements the report shows, and their recovered:* sums.
        std::set<std::string> from_json;
        for (auto e : route_elements(model, r)) {
            double recovered = 0;
            for (const auto& [sink, f] : j["yields"][model.elements[e].symbol].items()) {
                from_json.insert(percent(f.get<double>()));
                if (sink.rfind("recovered:", 0) == 0) recovered += f.get<double>();
            }
            from_json.insert(percent(recovered));
        }
        auto x = check_xml(render_html(route_report(model, sol, values)));
        INFO(id << ": " << x.error);
        REQUIRE(x.ok());
        std::set<std::string> in_table;
        for (const auto& [parent, text] : x.texts)
            if (parent == "td" && text.back() == '%') in_table.insert(text);
        for (const auto& t : in_table) {
            INFO(t);
            // Zero cells are sinks this element never reaches, absent from the JSON.
            CHECK((from_json.count(t) == 1 || t == "0%"));
        }
        for (const auto& t : from_json) CHECK(in_table.count(t) == 1);
    }
}

TEST_CASE("The route report escapes names from the data and draws one Sankey per element", "[report][route]")
{
    Model model = load_model(RECLAIM_TEST_DATA_DIR "/report");
    auto values = model.params.nominal();
    auto sol = solve_route(model, *model.find_route("magnet_loop"), values);
    auto x = check_xml(render_html(route_report(model, sol, values)));
    REQUIRE(x.ok());
    CHECK(x.has_text("h1", "Route magnet_loop \u2014 NdFeB <sieved> & \"oversize\" recycled"));
    CHECK(x.elements["svg"] == 2);  // the recovery bars and one Sankey (only '*' rows)
    CHECK(x.has_text("td", "routes/transfers.csv:25"));  // assumptions: the loop's first row
}

TEST_CASE("reclaim show route writes HTML to a file and names an unknown route", "[report][route][cli]")
{
    std::string path = (std::filesystem::temp_directory_path() / "reclaim-test-show-route.html").string();
    std::string data = std::string("--data ") + RECLAIM_TEST_DATA_DIR "/report ";
    auto r = test::run_reclaim(data + "--format html -o " + path + " show route magnet_loop");
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    std::ifstream file(path);
    std::stringstream html;
    html << file.rdbuf();
    CHECK(check_xml(html.str()).ok());
    CHECK(html.str().find("<svg") != std::string::npos);
    std::remove(path.c_str());
    r = test::run_reclaim(data + "show route nope");
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("no route 'nope'") != std::string::npos);
}
