// Routes declare the treatment classes they take (`accepts` in routes/routes.csv): a plan, a
// scrap row or `value` that feeds a route something else is refused; `--route R` treats only the
// classes R accepts and the others follow the plan. Hand-computed on the tiny data folder.

#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "engine/questions/assess.hpp"
#include "engine/questions/feed_value.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::TempData;
using Catch::Matchers::Contains;

namespace {

// tiny with an accepts column: lib_hydro takes batteries, magnet_hpms magnets, the shredder anything;
// and the cathode material classed as a battery feed (it is sent to lib_hydro as scrap).
void declare_feeds(const TempData& d)
{
    REQUIRE(d.replace("routes/routes.csv", "entry,trl,source", "entry,trl,accepts,source"));
    REQUIRE(d.replace("routes/routes.csv", "shred,9,example only", "shred,9,battery,example only"));
    REQUIRE(d.replace("routes/routes.csv", "extract,7,example only", "extract,7,magnet,example only"));
    REQUIRE(d.replace("routes/routes.csv", "steel,shred,9,example only", "steel,shred,9,*,example only"));
    REQUIRE(d.replace("materials/materials.csv", "id,name,formula,source", "id,name,formula,class,source"));
    std::string m = d.read("materials/materials.csv");
    // Every data row gets an empty class cell after its formula, the cathode material `battery`.
    std::string out;
    std::size_t start = 0;
    for (std::size_t end; (end = m.find('\n', start)) != std::string::npos; start = end + 1) {
        std::string line = m.substr(start, end - start);
        if (line.rfind("id,", 0) != 0 && !line.empty()) {
            std::size_t third = line.find(',', line.find(',', line.find(',') + 1) + 1);
            line.insert(third + 1, line.rfind("nmc811_cam,", 0) == 0 ? "battery," : ",");
        }
        out += line + "\n";
    }
    d.write("materials/materials.csv", out);
}

Model load(const TempData& d) { return load_model(d.dir()); }

AssessOptions bev(const Model& m)
{
    AssessOptions o;
    o.product = *m.find_product("bev");
    return o;
}

Eigen::Index el(const Model& m, const char* symbol) { return static_cast<Eigen::Index>(*m.elements.find(symbol)); }

}  // namespace

TEST_CASE("A plan that sends a class to a route that does not accept it is a data error", "[io][routes][accepts]")
{
    TempData d;
    declare_feeds(d);
    d.append("routes/plans.csv", "today,battery,magnet_hpms,0.1,,,example only\n");
    Diagnostics diag;
    (void)load_model(d.dir(), diag);
    CHECK(reclaim::test::has_problem(diag, "routes/plans.csv", 10,
                                     "class 'battery' is sent to 'magnet_hpms', which accepts only magnet"));
}

TEST_CASE("An accepts cell must list classes or be *", "[io][routes][accepts]")
{
    for (const char* bad : {"", "battery;;magnet", "*;magnet", "magnet;magnet"}) {
        TempData d;
        declare_feeds(d);
        REQUIRE(d.replace("routes/routes.csv", "extract,7,magnet,", std::string("extract,7,") + bad + ","));
        Diagnostics diag;
        (void)load_model(d.dir(), diag);
        INFO("accepts = '" << bad << "'");
        CHECK(reclaim::test::has_problem(diag, "routes/routes.csv", 3, "is not a list of treatment classes"));
    }
}

TEST_CASE("Without an accepts column every route takes any class", "[io][routes][accepts]")
{
    TempData d;
    d.append("routes/plans.csv", "today,battery,magnet_hpms,0.1,,,example only\n");
    Diagnostics diag;
    const Model m = load_model(d.dir(), diag);
    CHECK(diag.empty());
    CHECK(m.routes[*m.find_route("magnet_hpms")].accepts_class("battery"));
}

TEST_CASE("Scrap sent to a route that does not take its material is a data error", "[io][routes][accepts]")
{
    TempData d;
    declare_feeds(d);
    REQUIRE(d.replace("scenarios/tiny/scrap.csv", "nmc811_cam,lib_hydro", "nmc811_cam,magnet_hpms"));
    const Model m = load(d);
    Diagnostics diag;
    (void)load_scenario(d.dir() / "scenarios/tiny", m, diag);
    CHECK(reclaim::test::has_problem(diag, "scenarios/tiny/scrap.csv", 2,
                                     "material 'nmc811_cam' (class 'battery') is sent to 'magnet_hpms'"));
}

TEST_CASE("Scrap of a bare element is refused by a route that accepts only some classes", "[io][routes][accepts]")
{
    TempData d;
    declare_feeds(d);
    d.append("scenarios/tiny/scrap.csv", "Co,lib_hydro,2025,1,t,x\n");
    const Model m = load(d);
    Diagnostics diag;
    (void)load_scenario(d.dir() / "scenarios/tiny", m, diag);
    CHECK(reclaim::test::has_problem(diag, "scenarios/tiny/scrap.csv", 3,
                                     "is an element, which has no treatment class, and route 'lib_hydro' accepts only battery"));
    CHECK(diag.problems().size() == 1);
}

TEST_CASE("A route given with --route treats the classes the route accepts; the others follow the plan", "[engine][assess][accepts]")
{
    TempData d;
    declare_feeds(d);
    const Model m = load(d);
    AssessOptions plan_only = bev(m);
    plan_only.plan = *m.find_plan("today");
    AssessOptions with_route = plan_only;
    with_route.route = *m.find_route("magnet_hpms");
    const Assessment p = assess(m, plan_only);
    const Assessment r = assess(m, with_route);
    // The magnet: 1.2 kg x 23% Nd = 0.276 kg Nd, 90% extracted x 95% to alloy = 0.23598 kg.
    CHECK(r.recovered_kg[el(m, "Nd")] == Approx(0.276 * 0.9 * 0.95).epsilon(1e-12));
    CHECK(p.recovered_kg[el(m, "Nd")] == 0.0);  // today the magnet goes with the steel: no Nd back
    // The battery and the steel follow the plan exactly as without the route.
    CHECK(r.recovered_kg[el(m, "Li")] == p.recovered_kg[el(m, "Li")]);
    CHECK(r.recovered_kg[el(m, "Li")] > 0);
    CHECK(r.untreated_kg[el(m, "Li")] == p.untreated_kg[el(m, "Li")]);
    REQUIRE(r.route_classes.size() == 1);
    CHECK(m.classes[r.route_classes[0]] == "magnet");
}

TEST_CASE("A route given without a plan leaves the classes it does not accept untreated", "[engine][assess][accepts]")
{
    TempData d;
    declare_feeds(d);
    const Model m = load(d);
    AssessOptions o = bev(m);
    o.route = *m.find_route("magnet_hpms");
    const Assessment a = assess(m, o);
    CHECK(a.untreated_kg[el(m, "Li")] == Approx(a.contained_kg[el(m, "Li")]).epsilon(1e-12));
    CHECK(a.recovered_kg[el(m, "Li")] == 0.0);
    std::vector<std::string> untreated;
    for (auto c : a.untreated_classes) untreated.push_back(m.classes[c]);
    std::sort(untreated.begin(), untreated.end());
    CHECK(untreated == std::vector<std::string>{"battery", "copper", "steel"});
}

TEST_CASE("A feed is taken by a route that accepts every class of it", "[engine][value][accepts]")
{
    TempData d;
    declare_feeds(d);
    const Model m = load(d);
    const auto values = m.params.nominal();
    const Feedstock cam = material_feed(m, *m.find_material("nmc811_cam"), 1000.0, values);
    CHECK(refusal(m, cam, *m.find_route("lib_hydro")).empty());
    CHECK(refusal(m, cam, *m.find_route("shred_steel")).empty());
    CHECK_THAT(refusal(m, cam, *m.find_route("magnet_hpms")),
               Contains("material 'nmc811_cam' (class 'battery') is sent to 'magnet_hpms', which accepts only magnet"));
    // A material without a class only goes to routes that take anything.
    const Feedstock steel = material_feed(m, *m.find_material("steel"), 1000.0, values);
    CHECK(refusal(m, steel, *m.find_route("shred_steel")).empty());
    CHECK_THAT(refusal(m, steel, *m.find_route("lib_hydro")), Contains("(no class in materials/materials.csv)"));
    // A product: every class it has must be accepted.
    const Feedstock car = product_feed_units(m, *m.find_product("bev"), 1.0, values);
    CHECK(refusal(m, car, *m.find_route("shred_steel")).empty());
    CHECK_THAT(refusal(m, car, *m.find_route("lib_hydro")), Contains("product 'bev': class 'magnet'"));
}

TEST_CASE("reclaim value refuses a route that does not take the feed and ranks only those that do",
          "[cli][value][accepts]")
{
    TempData d;
    declare_feeds(d);
    const std::string data = "--data " + d.dir().string();
    auto refused = reclaim::test::run_reclaim(data + " value nmc811_cam --routes lib_hydro,magnet_hpms");
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.out, Contains("routes/routes.csv:3: column 'accepts'"));
    CHECK_THAT(refused.out, Contains("which accepts only magnet"));
    auto ranked = reclaim::test::run_reclaim(data + " --format json value nmc811_cam", false);
    REQUIRE(ranked.exit_code == 0);
    const auto j = nlohmann::json::parse(ranked.out);
    std::vector<std::string> routes, left_out;
    for (const auto& r : j["routes"]) routes.push_back(r["route"]);
    for (const auto& r : j["left_out"]) left_out.push_back(r["route"]);
    std::sort(routes.begin(), routes.end());
    CHECK(routes == std::vector<std::string>{"lib_hydro", "shred_steel"});
    CHECK(left_out == std::vector<std::string>{"magnet_hpms"});
    CHECK(j["classes"] == nlohmann::json::array({"battery"}));
}
