// --samples-in: parameter values given by the user, named by the data cell they
// replace.

#include <catch2/catch.hpp>

#include "io/load.hpp"
#include "io/load_samples.hpp"
#include "io/load_scenario.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;

namespace {

const std::string kTiny = RECLAIM_TEST_DATA_DIR "/tiny";
const std::string kSamples = RECLAIM_TEST_DATA_DIR "/samples";

// The message of the InputError that reading `file` throws ("" if it reads).
std::string error(const std::filesystem::path& file, const ParamTable& table)
{
    try {
        load_given_samples(file, table);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("Given samples are read by parameter name and converted to base units", "[io][samples]")
{
    Model model = load_model(kTiny);
    Scenario sc = load_scenario(kSamples + "/scenarios/mwh", model);
    GivenSamples g = load_given_samples(kSamples + "/samples.csv", sc.params);
    CHECK(g.file == kSamples + "/samples.csv");
    REQUIRE(g.columns.size() == 3);
    CHECK(g.columns[0] == *model.params.find("routes/plans.csv", 2, "value"));
    CHECK(g.columns[1] == *model.params.find("materials/composition.csv", 2, "value"));
    CHECK(g.columns[2] == *sc.params.find("scenarios/mwh/put_on_market.csv", 2, "value"));
    REQUIRE(g.rows.size() == 2);
    CHECK(g.rows[0][0] == Approx(0.5));     // a fraction
    CHECK(g.rows[0][1] == Approx(0.24));    // 24 %
    CHECK(g.rows[0][2] == Approx(2500.0));  // 2.5 MWh of a pack counted in kWh
    CHECK(g.rows[1][1] == Approx(0.225));
    CHECK(g.rows[1][2] == Approx(1500.0));
}

TEST_CASE(
    "A given-samples column that names no parameter is an error naming "
    "the file, line 1 and the name",
    "[io][samples]")
{
    Model model = load_model(kTiny);
    test::TempData d("samples");
    d.write("bad.csv",
            "routes/plans.csv:2:value,routes/plans.csv:99:value,products/"
            "bom.csv:2:low,plans\n0.5,0.5,1,1\n");
    std::string e = error(d.dir() / "bad.csv", model.params);
    const std::string file = (d.dir() / "bad.csv").string();
    CHECK_THAT(e, Contains(file + ":1: 'routes/plans.csv:99:value' names no "
                                  "parameter of this question (expected "
                                  "file:line:column of a data cell, e.g. "
                                  "routes/transfers.csv:12:value)"));
    CHECK_THAT(e, Contains(file + ":1: 'products/bom.csv:2:low' names no parameter"));
    CHECK_THAT(e, Contains(file + ":1: 'plans' names no parameter"));
    CHECK_THAT(e, !Contains("'routes/plans.csv:2:value' names"));
}

TEST_CASE(
    "A given sample that is not a number or is outside its bound is an "
    "error naming the file, line and column",
    "[io][samples]")
{
    Model model = load_model(kTiny);
    test::TempData d("samples");
    d.write("bad.csv",
            "# a comment line first\n"
            "routes/plans.csv:2:value,products/bom.csv:2:value\n"
            "0.5,1.3\n"
            "1.5,1.3\n"
            "0.5,-1\n"
            "x,1.3\n");
    std::string e = error(d.dir() / "bad.csv", model.params);
    const std::string file = (d.dir() / "bad.csv").string();
    CHECK_THAT(e, Contains(file + ":4: column 'routes/plans.csv:2:value': '1.5' "
                                  "is a fraction outside [0, 1]"));
    CHECK_THAT(e, Contains(file + ":5: column 'products/bom.csv:2:value': '-1' must not be negative"));
    CHECK_THAT(e, Contains(file + ":6: column 'routes/plans.csv:2:value': 'x' is not a finite number"));
    CHECK_THAT(e, !Contains(file + ":3:"));
}

TEST_CASE("A given-samples file without rows is an error naming the file", "[io][samples]")
{
    Model model = load_model(kTiny);
    test::TempData d("samples");
    d.write("empty.csv", "routes/plans.csv:2:value\n");
    const std::string file = (d.dir() / "empty.csv").string();
    CHECK_THAT(error(d.dir() / "empty.csv", model.params), Contains(file + ": has no samples"));
    CHECK_THAT(error(d.dir() / "none.csv", model.params), Contains("none.csv: file not found"));
}
