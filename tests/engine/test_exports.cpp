#include <catch2/catch.hpp>

#include <string>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/run_html.hpp"
#include "report/run_report.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::TempData;
using Catch::Matchers::Contains;

namespace {

// Scenario `hand` (2024: 300 gadgets retire, 0.2 kg Co each = 60 kg; collection 50%; half the
// batteries to hydro at 90%) with 20% of end-of-life gadgets exported before collection.
struct Exports {
    TempData data{"scenario"};
    std::string dir = (data.dir() / "scenarios" / "hand").string();
    explicit Exports(const std::string& rows = "gadget,2020,0.2,test\n")
    {
        data.write("scenarios/hand/exports.csv", "product,year,value,source\n" + rows);
        data.replace("scenarios/hand/scenario.toml", "scrap = \"scrap.csv\"", "scrap = \"scrap.csv\"\nexports = \"exports.csv\"");
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

TEST_CASE("Exported end-of-life products leave before collection: the collection rate applies to what stays",
          "[engine][scenario][exports]")
{
    Exports x;
    const Model model = load_model(x.data.dir());
    const Scenario sc = load_scenario(x.dir, model);
    const ScenarioResult r = run_scenario(model, sc);
    const auto co = static_cast<Eigen::Index>(*model.elements.find("Co"));
    const int t = r.index_of(2024);
    // 60 kg at end of life = 12 exported + 24 uncollected + 24 collected; of the collected 12
    // untreated, 12 to hydro: 10.8 recovered.
    CHECK(r.eol_kg(co, t) == Approx(60));
    CHECK(r.exported_kg(co, t) == Approx(12));
    CHECK(r.collected_kg(co, t) == Approx(24));
    CHECK(r.uncollected_kg(co, t) == Approx(24));
    CHECK(r.untreated_kg(co, t) == Approx(12));
    CHECK(r.recovered_eol_kg(co, t) == Approx(10.8));
    CHECK(r.eol_rr(static_cast<std::size_t>(co), t) == Approx(10.8 / 60));

    // The JSON and the CSV give it per element; the report shows it as its own band and loss.
    const nlohmann::json j = run_json(model, sc, r, {});
    CHECK(j["elements"]["Co"]["exported_t"][4].get<double>() == Approx(0.012));
    std::ostringstream csv;
    write_run_csv(csv, model, r);
    CHECK_THAT(csv.str(), Contains("2024,Co,exported,0.012,t\n"));
    const SankeyGraph g = run_flow_graph(r, static_cast<std::size_t>(co), t);
    bool band = false;
    for (const auto& l : g.links)
        if (g.nodes[l.to].label == "exported") band = l.value == Approx(0.012);
    CHECK(band);

    // The collection lever still acts on what stays: at 100% collection 48 kg are collected.
    RunLevers all;
    all.uniform_collection = 1.0;
    const ScenarioResult full = run_scenario(model, sc, sc.params.nominal(), all);
    CHECK(full.collected_kg(co, t) == Approx(48));
    CHECK(full.exported_kg(co, t) == Approx(12));
}

TEST_CASE("An export share outside 0..1 or for an unknown product is an error naming the line", "[io][scenario][exports]")
{
    CHECK_THAT(Exports("gadget,2020,1.2,test\n").error(),
               Contains("scenarios/hand/exports.csv:2: column 'value': '1.2' is an export share above 1"));
    CHECK_THAT(Exports("gizmo,2020,0.1,test\n").error(),
               Contains("scenarios/hand/exports.csv:2: column 'product': 'gizmo' is not a product of products/products.csv"));
}
