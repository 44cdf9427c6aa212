// Overlays (`--overlay DIR`): a folder of data files holding only the rows that change, applied
// on top of the data folder. Hand totals on the tiny data folder.

#include <catch2/catch.hpp>

#include <filesystem>

#include "engine/questions/assess.hpp"
#include "io/load.hpp"
#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::TempData;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path kTiny = std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "tiny";

// An empty folder to hold an overlay's files.
struct Overlay {
    TempData d{"tiny"};
    Overlay()
    {
        for (const char* sub : {"materials", "products", "routes", "scenarios"})
            std::filesystem::remove_all(d.dir() / sub);
        std::filesystem::create_directories(d.dir() / "products");
        std::filesystem::create_directories(d.dir() / "routes");
    }
};

double contained(const Model& m, const char* symbol)
{
    AssessOptions o;
    o.product = *m.find_product("bev");
    o.plan = *m.find_plan("today");
    const Assessment a = assess(m, o);
    return a.contained_kg[static_cast<Eigen::Index>(*m.elements.find(symbol))];
}

}  // namespace

TEST_CASE("An overlay replaces, adds and removes rows by key", "[io][overlay]")
{
    Overlay o;
    o.d.write("products/bom.csv",
              "product,part,class,item,value,unit,source\n"
              // replaces the 1.2 kg magnet (key product + part): 0.5 kg x 23% Nd = 0.115 kg Nd
              "traction_motor,rotor magnets,magnet,ndfeb_low_dy,0.5,kg,designer's variant\n"
              // removes the 8 kg copper windings
              "traction_motor,windings,copper,copper,-,kg,designer's variant\n"
              // adds 2 kg of copper busbars to the car
              "bev,busbars,copper,copper,2,kg,designer's variant\n");
    const Model base = load_model(kTiny);
    const Model m = load_model(DataSource(kTiny, {o.d.dir()}));
    CHECK(contained(base, "Nd") == Approx(1.2 * 0.23).epsilon(1e-12));
    CHECK(contained(m, "Nd") == Approx(0.5 * 0.23).epsilon(1e-12));
    // Cu: the pack's 0.36 kg/kWh x 60 kWh = 21.6 kg, + 8 kg windings in the base, + 2 kg busbars in the variant.
    CHECK(contained(base, "Cu") == Approx(21.6 + 8).epsilon(1e-12));
    CHECK(contained(m, "Cu") == Approx(21.6 + 2).epsilon(1e-12));
    REQUIRE(m.overlays.size() == 1);
}

TEST_CASE("Overlays apply in order, and a later one wins", "[io][overlay]")
{
    Overlay first, second;
    first.d.write("routes/plans.csv", "plan,class,route,value,source\ntoday,battery,lib_hydro,0.9,first\n");
    second.d.write("routes/plans.csv", "plan,class,route,value,source\ntoday,battery,lib_hydro,0.7,second\n");
    const Model m = load_model(DataSource(kTiny, {first.d.dir(), second.d.dir()}));
    const Plan& today = m.plans[*m.find_plan("today")];
    const auto row = std::find_if(today.shares.begin(), today.shares.end(),
                                  [&](const PlanShare& s) { return m.classes[s.treatment_class] == "battery"; });
    REQUIRE(row != today.shares.end());
    CHECK(m.params[row->share].value == 0.7);
    CHECK(m.params.origin(row->share).file == (second.d.dir() / "routes/plans.csv").string());
}

TEST_CASE("A problem in an overlay row names the overlay file and line", "[io][overlay][errors]")
{
    Overlay o;
    o.d.write("products/bom.csv",
              "product,part,class,item,value,unit,source\n"
              "# a comment line\n"
              "traction_motor,rotor magnets,magnet,ndfeb_low_dy,lots,kg,variant\n"
              "traction_motor,gearbox,steel,steel,-,kg,variant\n");
    Diagnostics diag;
    (void)load_model(DataSource(kTiny, {o.d.dir()}), diag);
    const std::string file = (o.d.dir() / "products/bom.csv").string();
    CHECK(reclaim::test::has_problem(diag, file, 3, "lots"));
    CHECK(reclaim::test::has_problem(diag, file, 4, "removes a row that products/bom.csv does not have"));
}

TEST_CASE("An overlay that both replaces and removes one row is an error at the second line", "[io][overlay][errors]")
{
    Overlay o;
    o.d.write("products/bom.csv",
              "product,part,class,item,value,unit,source\n"
              "traction_motor,rotor magnets,magnet,ndfeb_low_dy,0.5,kg,variant\n"
              "traction_motor,rotor magnets,magnet,ndfeb_low_dy,-,kg,variant\n"
              "traction_motor,windings,copper,copper,-,kg,variant\n"
              "traction_motor,windings,copper,copper,4,kg,variant\n");
    Diagnostics diag;
    (void)load_model(DataSource(kTiny, {o.d.dir()}), diag);
    const std::string file = (o.d.dir() / "products/bom.csv").string();
    CHECK(reclaim::test::has_problem(diag, file, 3, "line 2 of this overlay replaces the row with product traction_motor, part rotor magnets"));
    CHECK(reclaim::test::has_problem(diag, file, 5, "line 4 of this overlay removes the row with product traction_motor, part windings"));
    CHECK(diag.problems().size() == 2);
}

TEST_CASE("An overlay that adds the accepts column leaves the data's routes taking any class", "[io][overlay]")
{
    Overlay o;
    o.d.write("routes/routes.csv", "id,name,entry,trl,accepts,source\n"
                                   "magnet_hpms,NdFeB extraction,extract,7,magnet,variant\n");
    Diagnostics diag;
    const Model m = load_model(DataSource(kTiny, {o.d.dir()}), diag);
    REQUIRE(diag.problems().empty());
    CHECK(m.routes[*m.find_route("magnet_hpms")].accepts == std::vector<std::string>{"magnet"});
    CHECK(m.routes[*m.find_route("lib_hydro")].accepts.empty());  // its file has no accepts column
    CHECK(m.routes[*m.find_route("shred_steel")].accepts_class("battery"));
}

TEST_CASE("An overlay removes a lifetime with '-' as its model", "[io][overlay]")
{
    Overlay o;
    o.d.write("products/lifetimes.csv", "product,model,mean,sd,shape,scale,source\n"
                                        "traction_motor,-,,,,,variant\n");
    Diagnostics diag;
    const Model m = load_model(DataSource(kTiny, {o.d.dir()}), diag);
    REQUIRE(diag.problems().empty());
    const auto motor = *m.find_product("traction_motor");
    CHECK(std::none_of(m.lifetimes.begin(), m.lifetimes.end(), [&](const Lifetime& l) { return l.product == motor; }));
}

TEST_CASE("Messages about overlay rows of routes, transfers and plans name the overlay's file", "[io][overlay][errors]")
{
    Overlay o;
    // Transfers of shred that no longer sum to 1, and a plan class above 1, at lines 4 and 3.
    o.d.write("routes/transfers.csv", "# a variant\n# of the shredder\nroute,process,element,to,value,source\n"
                                      "lib_hydro,shred,*,leach,0.9,variant\n");
    o.d.write("routes/plans.csv", "plan,class,route,value,source\nnew,battery,lib_hydro,0.7,variant\n"
                                  "new,battery,shred_steel,0.7,variant\n");
    Diagnostics diag;
    (void)load_model(DataSource(kTiny, {o.d.dir()}), diag);
    CHECK(reclaim::test::has_problem(diag, (o.d.dir() / "routes/transfers.csv").string(), 4, "sum to"));
    CHECK(reclaim::test::has_problem(diag, (o.d.dir() / "routes/plans.csv").string(), 2, "shares of the class sum to 1.4"));
}

TEST_CASE("reclaim --overlay applies the folder and check names its problems", "[cli][overlay]")
{
    Overlay o;
    o.d.write("products/bom.csv",
              "product,part,class,item,value,unit,source\n"
              "traction_motor,rotor magnets,magnet,ndfeb_low_dy,0.5,kg,variant\n");
    const std::string args = "--data " + kTiny.string() + " --overlay " + o.d.dir().string();
    auto r = reclaim::test::run_reclaim(args + " --format json assess bev --plan today", false);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("\"contained_kg\": 0.115"));
    CHECK_THAT(r.out, Contains("\"overlays\": [\n    \"" + o.d.dir().string() + "\""));
    auto text = reclaim::test::run_reclaim(args + " assess bev --plan today", false);
    CHECK_THAT(text.out, Contains("Data overlays applied, in order: " + o.d.dir().string()));
    o.d.write("products/bom.csv",
              "product,part,class,item,value,unit,source\n"
              "traction_motor,rotor magnets,magnet,unobtainium,0.5,kg,variant\n");
    auto bad = reclaim::test::run_reclaim(args + " check");
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.out, Contains((o.d.dir() / "products/bom.csv").string() + ":2"));
}
