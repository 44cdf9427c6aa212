#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kData = RECLAIM_TEST_DATA_DIR "/scenario";

// A copy of tests/data/scenario/scenarios/hand in a temporary scenarios/bad/ folder, with one file
// replaced, so that each test breaks exactly one thing.
class BadScenario {
public:
    BadScenario()
    {
        std::random_device rd;
        root_ = fs::temp_directory_path() / ("reclaim-scenario-" + std::to_string(rd()));
        dir_ = root_ / "scenarios" / "bad";
        fs::create_directories(dir_);
        for (const auto& f : fs::directory_iterator(kData + "/scenarios/hand")) fs::copy(f.path(), dir_ / f.path().filename());
    }
    ~BadScenario() { fs::remove_all(root_); }
    BadScenario(const BadScenario&) = delete;
    BadScenario& operator=(const BadScenario&) = delete;

    void write(const std::string& file, const std::string& text) const { std::ofstream(dir_ / file) << text; }
    void remove(const std::string& file) const { fs::remove(dir_ / file); }
    //! The message of the InputError loading the scenario throws ("" if it loads).
    std::string error() const
    {
        Model model = load_model(kData);
        try {
            load_scenario(dir_, model);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    }

private:
    fs::path root_, dir_;
};

const char* kManifest = R"(name = "bad"
years = [2020, 2025]
plan = "base"

[files]
put_on_market = "put_on_market.csv"
collection = "collection.csv"
demand = "demand.csv"
)";

}  // namespace

TEST_CASE("A valid scenario loads with its series in base units", "[io][scenario]")
{
    Model model = load_model(kData);
    Scenario sc = load_scenario(find_scenario(kData, "hand"), model);
    CHECK(sc.name == "hand");
    CHECK(sc.folder == "hand");
    CHECK(sc.first_year == 2020);
    CHECK(sc.last_year == 2025);
    CHECK(sc.survival == SurvivalConvention::End);
    CHECK(sc.targets.size() == 4);
    auto nd = *model.elements.find("Nd");
    CHECK(sc.demand_kg[nd].at(2020, sc.params.nominal()) == Approx(20.0));  // 0.02 t
    REQUIRE(sc.scrap.size() == 1);
    CHECK(sc.scrap[0].kind == ScrapFlow::Kind::Material);
    REQUIRE(sc.magnet_lever.has_value());  // its [levers] table
    CHECK(model.classes[sc.magnet_lever->treatment_class] == "magnet");
    CHECK(model.routes[sc.magnet_lever->shred_route].id == "shred_steel");
    CHECK(model.routes[sc.magnet_lever->extraction_route].id == "magnet_hpms");
}

TEST_CASE("A scenario is found by name under scenarios/ or by path", "[io][scenario]")
{
    CHECK(find_scenario(kData, "hand") == fs::path(kData) / "scenarios" / "hand");
    CHECK(find_scenario(kData, kData + "/scenarios/switch") == fs::path(kData + "/scenarios/switch"));
    CHECK_THROWS_AS(find_scenario(kData, "nowhere"), LookupError);
    CHECK_THROWS_WITH(find_scenario(kData, "nowhere"), Contains("no scenario 'nowhere'"));
}

TEST_CASE("A year outside the scenario's years is an error naming the file and line", "[io][scenario]")
{
    BadScenario s;
    s.write("put_on_market.csv", "product,year,value,unit,source\ngadget,2020,100,unit,x\ngadget,2030,300,unit,x\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/put_on_market.csv:3: column 'year': '2030' is outside the "
                                   "scenario's years 2020..2025"));
}

TEST_CASE("An unknown product, element or route in a series is an error naming the line", "[io][scenario]")
{
    BadScenario s;
    s.write("put_on_market.csv", "product,year,value,unit,source\ngizmo,2020,100,unit,x\n");
    s.write("demand.csv", "element,year,value,unit,source\nCo,2020,1,t,x\nXx,2020,1,t,x\nNd,2020,1,t,x\n");
    s.write("scrap.csv", "item,route,year,value,unit,source\ncobalt,landfill,2024,1,t,x\n");
    std::string e = s.error();
    CHECK_THAT(e, Contains("scenarios/bad/put_on_market.csv:2: column 'product': 'gizmo' is not a product"));
    CHECK_THAT(e, Contains("scenarios/bad/demand.csv:3: column 'element': 'Xx' is not an element"));
    CHECK_THAT(e, Contains("scenarios/bad/scrap.csv:2: column 'route': 'landfill' is not a route"));
}

TEST_CASE("A put-on-market unit must fit the product's functional unit", "[io][scenario]")
{
    BadScenario s;
    s.write("put_on_market.csv", "product,year,value,unit,source\ngadget,2020,100,kg,x\n");
    CHECK_THAT(s.error(), Contains("put_on_market.csv:2: column 'unit': 'kg' does not fit product 'gadget'"));
}

TEST_CASE("A collection rate above 1 is an error naming the line", "[io][scenario]")
{
    BadScenario s;
    s.write("collection.csv", "product,year,value,source\n*,2020,0.5,x\ngadget,2024,1.2,x\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/collection.csv:3: column 'value': '1.2' is a collection rate above 1"));
}

TEST_CASE("A product on the market without a collection rate is an error", "[io][scenario]")
{
    BadScenario s;
    s.write("collection.csv", "product,year,value,source\n");
    CHECK_THAT(s.error(), Contains("'gadget' is put on the market but has no collection rate"));
}

TEST_CASE("A year given twice in one series is an error naming both lines", "[io][scenario]")
{
    BadScenario s;
    s.write("demand.csv", "element,year,value,unit,source\nCo,2020,1,t,x\nNd,2020,1,t,x\nCo,2020,2,t,x\n");
    CHECK_THAT(s.error(), Contains("demand.csv:4: column 'year': '2020' is given twice for this element (also at line 2)"));
}

TEST_CASE("A target for an element nobody demands is an error naming the manifest line", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "\n[[targets]]\nelement = \"Fe\"\nshare = 0.2\nyear = 2024\nsource = \"x\"\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/scenario.toml:11: element = 'Fe' has a target but no demand"));
}

TEST_CASE("A target outside the years or above 100% is an error naming the line", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "\n[[targets]]\nelement = \"Co\"\nshare = 1.5\nyear = 2040\nsource = \"x\"\n");
    std::string e = s.error();
    CHECK_THAT(e, Contains("scenario.toml:12: share must be a fraction in (0, 1]"));
    CHECK_THAT(e, Contains("scenario.toml:13: year = '2040' is outside the scenario's years 2020..2025"));
}

TEST_CASE("An unknown plan in the manifest is an error naming the line", "[io][scenario]")
{
    BadScenario s;
    std::string m = kManifest;
    m.replace(m.find("\"base\""), 6, "\"nope\"");
    s.write("scenario.toml", m + "\n[[plans]]\nfrom = 2023\nplan = \"later-still\"\n");
    std::string e = s.error();
    CHECK_THAT(e, Contains("scenarios/bad/scenario.toml:3: plan = 'nope' is not a plan of routes/plans.csv"));
    CHECK_THAT(e, Contains("scenarios/bad/scenario.toml:12: plan = 'later-still' is not a plan"));
}

TEST_CASE("An unknown key in the manifest is an error, so typos do not pass", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "survivl = \"middle\"\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/scenario.toml:9: survivl is not a key of [files]"));
    s.write("scenario.toml", "survivl = \"middle\"\n" + std::string(kManifest));
    CHECK_THAT(s.error(), Contains("scenarios/bad/scenario.toml:1: survivl is not a key of scenario.toml"));
}

TEST_CASE("A bad survival convention is an error naming the line", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", "survival = \"start\"\n" + std::string(kManifest));
    CHECK_THAT(s.error(), Contains("scenario.toml:1: survival = 'start' is not a survival convention"));
}

TEST_CASE("A missing file named by the manifest is an error naming the manifest line", "[io][scenario]")
{
    BadScenario s;
    s.remove("demand.csv");
    CHECK_THAT(s.error(), Contains("scenarios/bad/scenario.toml:11: demand = 'demand.csv' names a file that does not exist"));
}

TEST_CASE("A manifest that is not valid TOML is an error naming the line", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", "name = \"bad\"\nyears = [2020, 2025\nplan = \"base\"\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/scenario.toml:3: is not valid TOML"));
}

TEST_CASE("Unknown lever names given in [levers] are errors", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "\n[levers]\nmagnet_class = \"magnets\"\n");
    CHECK_THAT(s.error(), Contains("scenario.toml:11: magnet_class = 'magnets' is not a treatment class"));
}

TEST_CASE("A scenario's lifetime overrides are checked like products/lifetimes.csv", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "lifetimes = \"lifetimes.csv\"\n");
    s.write("lifetimes.csv", "product,model,mean,sd,shape,scale,source\ngadget,gamma,3,,,,x\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/lifetimes.csv:2: column 'model': 'gamma' is not a lifetime model"));
}

TEST_CASE("A scenario with a [levers] table missing a key is an error naming the manifest and the line", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "\n[levers]\nmagnet_class = \"magnet\"\nmagnet_shred_route = \"shred_steel\"\n");
    std::string e = s.error();
    CHECK_THAT(e, Contains("scenarios/bad/scenario.toml:10: magnet_extraction_route is missing from [levers]"));
    CHECK_THAT(e, !Contains("magnet_class is missing"));
}

TEST_CASE("A scenario without a [levers] table has no magnet lever, even where the names exist", "[io][scenario]")
{
    Model model = load_model(kData);
    REQUIRE(model.find_class("magnet"));
    REQUIRE(model.find_route("shred_steel"));
    REQUIRE(model.find_route("magnet_hpms"));
    Scenario sc = load_scenario(find_scenario(kData, "ranged"), model);
    CHECK_FALSE(sc.magnet_lever.has_value());
}

TEST_CASE("Loading a scenario adds nothing to the model's parameters", "[io][scenario]")
{
    Model model = load_model(kData);
    const std::size_t before = model.params.size();
    Scenario sc = load_scenario(find_scenario(kData, "ranged"), model);
    CHECK(model.params.size() == before);
    CHECK(sc.params.size() > before);
    // The scenario's ids continue the model's, so one ParamValues vector holds both.
    auto gadget = *model.find_product("gadget");
    CHECK(sc.put_on_market[gadget].points.front().value.index >= before);
    CHECK(sc.params.nominal().size() == sc.params.size());
}

TEST_CASE("A ranged series has its points in the scenario's parameters, in base units, drawn as one", "[io][scenario]")
{
    Model model = load_model(kData);
    Scenario sc = load_scenario(find_scenario(kData, "ranged"), model);
    const ParamTable& p = sc.params;

    // put_on_market.csv: 2020 triangular 80..120, 2022 fixed, 2024 uniform 300..500.
    const Series& pom = sc.put_on_market[*model.find_product("gadget")];
    REQUIRE(pom.points.size() == 3);
    const Param& a = p[pom.points[0].value];
    const Param& b = p[pom.points[1].value];
    const Param& c = p[pom.points[2].value];
    CHECK(a.low == Approx(80));
    CHECK(a.high == Approx(120));
    CHECK(a.dist == Dist::Triangular);
    CHECK(a.bound == Bound::NonNegative);
    CHECK_FALSE(b.ranged());
    CHECK(c.dist == Dist::Uniform);
    CHECK(p.stream_key(pom.points[0].value) == series_stream(pom.points[0].value.index));
    CHECK(p.stream_key(pom.points[2].value) == p.stream_key(pom.points[0].value));
    CHECK(p.origin(pom.points[2].value).file == "scenarios/ranged/put_on_market.csv");
    CHECK(p.origin(pom.points[2].value).line == 4);
    CHECK(pom.at(2023, p.nominal()) == Approx(350.0));

    // demand.csv in t: 0.1 t (0.08..0.12) is 100 kg (80..120); its factor is recorded.
    const Series& co = sc.demand_kg[*model.elements.find("Co")];
    REQUIRE(co.points.size() == 2);
    const Param& co2020 = p[co.points[0].value];
    CHECK(co2020.value == Approx(100.0));
    CHECK(co2020.low == Approx(80.0));
    CHECK(co2020.high == Approx(120.0));
    CHECK(p.origin(co.points[0].value).to_base == Approx(1000.0));
    CHECK(p[co.points[1].value].dist == Dist::Normal);
    CHECK(p.stream_key(co.points[1].value) == p.stream_key(co.points[0].value));
    // Another series draws its own quantile.
    CHECK(p.stream_key(co.points[0].value) != p.stream_key(pom.points[0].value));

    // collection.csv: fractions with the fraction bound.
    const Series& coll = sc.collection[*model.find_product("gadget")];
    REQUIRE(coll.points.size() == 2);
    CHECK(p[coll.points[1].value].low == Approx(0.6));
    CHECK(p[coll.points[1].value].bound == Bound::Fraction);
    CHECK(p.stream_key(coll.points[1].value) == p.stream_key(coll.points[0].value));
}

TEST_CASE("A group ties a demand row and a scrap row to one stream", "[io][scenario]")
{
    Model model = load_model(kData);
    Scenario sc = load_scenario(find_scenario(kData, "ranged"), model);
    const Series& nd = sc.demand_kg[*model.elements.find("Nd")];
    REQUIRE(sc.scrap.size() == 1);
    const Series& scrap = sc.scrap[0].mass_kg;
    REQUIRE(scrap.points.size() == 2);
    CHECK(sc.params.stream_key(nd.points[0].value) == group_stream("supply"));
    CHECK(sc.params.stream_key(scrap.points[1].value) == group_stream("supply"));
    CHECK(sc.params[scrap.points[1].value].high == Approx(15.0));  // 0.015 t
    CHECK(sc.params.stream_key(scrap.points[0].value) == scrap.points[0].value.index);  // fixed: its own
}

TEST_CASE("The collection default '*' is one series shared by every product without rows", "[io][scenario]")
{
    const std::string tiny = RECLAIM_TEST_DATA_DIR "/tiny";
    Model model = load_model(tiny);
    Scenario sc = load_scenario(find_scenario(tiny, "tiny"), model);
    REQUIRE(model.products.size() == 3);
    for (std::size_t p = 1; p < model.products.size(); ++p) {
        REQUIRE(sc.collection[p].points.size() == sc.collection[0].points.size());
        for (std::size_t k = 0; k < sc.collection[p].points.size(); ++k)
            CHECK(sc.collection[p].points[k].value == sc.collection[0].points[k].value);
    }
}

TEST_CASE("A scenario's lifetime override with ranges is a parameter of the scenario", "[io][scenario]")
{
    Model model = load_model(kData);
    Scenario sc = load_scenario(find_scenario(kData, "ranged"), model);
    REQUIRE(sc.lifetimes.size() == 1);
    const Lifetime& l = sc.lifetimes[0];
    CHECK(l.model == LifetimeModel::Normal);
    REQUIRE(l.mean.index >= model.params.size());
    CHECK(sc.params[l.mean].low == Approx(2));
    CHECK(sc.params[l.mean].high == Approx(4));
    CHECK(sc.params[l.mean].dist == Dist::Uniform);
    CHECK(sc.params[l.sd].low == Approx(0.5));
    CHECK(sc.params.origin(l.sd).column == "sd");
    CHECK(sc.params.stream_key(l.mean) == group_stream("life"));
    CHECK(sc.params.stream_key(l.sd) == group_stream("life"));
}

TEST_CASE("A series range outside what its value allows is an error naming the file, line and column", "[io][scenario]")
{
    BadScenario s;
    s.write("collection.csv", "product,year,value,low,high,source\n*,2020,0.5,-0.1,0.6,x\n*,2024,0.5,0.4,1.2,x\n");
    s.write("put_on_market.csv", "product,year,value,low,high,dist,unit,source\ngadget,2020,100,120,150,,unit,x\n"
                                 "gadget,2022,300,,,pert,unit,x\ngadget,2023,300,200,,,unit,x\n");
    s.write("demand.csv", "element,year,value,low,high,unit,source\nCo,2020,1,-1,2,t,x\nNd,2020,1,,,t,x\n");
    std::string e = s.error();
    CHECK_THAT(e, Contains("scenarios/bad/collection.csv:2: column 'low': '-0.1' is a negative collection rate"));
    CHECK_THAT(e, Contains("scenarios/bad/collection.csv:3: column 'high': '1.2' is a collection rate above 1"));
    CHECK_THAT(e, Contains("scenarios/bad/put_on_market.csv:2: column 'value': 'low=120, value=100, high=150' violates low <= value <= high"));
    CHECK_THAT(e, Contains("scenarios/bad/put_on_market.csv:3: column 'dist': 'pert' needs low and high"));
    CHECK_THAT(e, Contains("scenarios/bad/put_on_market.csv:4: column 'high': is empty: give both low and high"));
    CHECK_THAT(e, Contains("scenarios/bad/demand.csv:2: column 'low': '-1' must not be negative"));
}

TEST_CASE("A group on a series row without a range is an error naming the file and line", "[io][scenario]")
{
    BadScenario s;
    s.write("scrap.csv", "item,route,year,value,low,high,group,unit,source\ncobalt,hydro,2023,1,,,supply,kg,x\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/scrap.csv:2: column 'group': 'supply' is set on a row without a "
                                   "range: give low and high, or leave group empty"));
}

TEST_CASE("A lifetime override range below zero or around its value is an error naming the line", "[io][scenario]")
{
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "lifetimes = \"lifetimes.csv\"\n");
    s.write("lifetimes.csv", "product,model,mean,mean_low,mean_high,source\ngadget,fixed,3,4,5,x\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/lifetimes.csv:2: column 'mean': 'low=4, value=3, high=5' violates "
                                   "low <= value <= high"));
}

TEST_CASE("A magnet lever whose extraction route is its shred route is an error", "[io][scenario]")
{
    // Issue 16: the lever would move magnets onto the route they are on (max_extraction_share 2.0).
    BadScenario s;
    s.write("scenario.toml", std::string(kManifest) + "\n[levers]\nmagnet_class = \"magnet\"\nmagnet_shred_route = "
                                                      "\"shred_steel\"\nmagnet_extraction_route = \"shred_steel\"\n");
    CHECK_THAT(s.error(), Contains("scenarios/bad/scenario.toml:13: magnet_extraction_route = 'shred_steel' is also the "
                                   "magnet_shred_route"));
}
