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
    CHECK(sc.demand_kg[nd].at(2020) == Approx(20.0));  // 0.02 t
    REQUIRE(sc.scrap.size() == 1);
    CHECK(sc.scrap[0].kind == ScrapFlow::Kind::Material);
    REQUIRE(sc.magnet_lever.has_value());  // the default class and routes exist in this data
    CHECK(model.classes[sc.magnet_lever->treatment_class] == "magnet");
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
