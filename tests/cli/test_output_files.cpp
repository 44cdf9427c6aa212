// Output files are whole or untouched: a failed command leaves the previous files byte for
// byte, no temporary stays behind, and runs racing into one folder each leave whole files.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "support/run.hpp"
#include "support/temp_data.hpp"

using namespace reclaim::test;
namespace fs = std::filesystem;

namespace {

const std::string kScenarioData = std::string("--data ") + RECLAIM_TEST_DATA_DIR + "/scenario";

std::string slurp(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

//! Names in `dir` (recursively) that look like a writer's temporary.
std::vector<std::string> temporaries(const fs::path& dir)
{
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.find(".tmp") != std::string::npos || name.find(".part") != std::string::npos) out.push_back(name);
    }
    return out;
}

}  // namespace

TEST_CASE("A run that fails while writing its files leaves the previous set byte-identical", "[cli][run][output]")
{
    TempData d;
    const fs::path folder = d.dir() / "rep" / "hand";
    spit(folder / "results.json", "previous json\n");
    spit(folder / "results.csv", "previous csv\n");
    // report.html cannot be replaced: it is a folder. The run fails at its last file.
    fs::create_directories(folder / "report.html");
    auto r = run_reclaim(kScenarioData + " run hand --out-dir " + (d.dir() / "rep").string());
    INFO(r.out);
    CHECK(r.exit_code == 4);
    CHECK_THAT(r.out, Catch::Contains("report.html"));
    CHECK(slurp(folder / "results.json") == "previous json\n");
    CHECK(slurp(folder / "results.csv") == "previous csv\n");
    CHECK(fs::is_directory(folder / "report.html"));
    CHECK(temporaries(d.dir()).empty());
}

TEST_CASE("A run that succeeds replaces its files and leaves no temporary", "[cli][run][output]")
{
    TempData d;
    const fs::path folder = d.dir() / "rep" / "hand";
    spit(folder / "results.json", "previous json\n");
    auto r = run_reclaim(kScenarioData + " run hand -q --out-dir " + (d.dir() / "rep").string() + " -o " +
                         (d.dir() / "out.txt").string());
    INFO(r.out);
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(slurp(folder / "results.json"))["scenario"] == "hand");
    CHECK(fs::file_size(folder / "results.csv") > 0);
    CHECK(fs::file_size(folder / "report.html") > 0);
    CHECK_THAT(slurp(d.dir() / "out.txt"), Catch::Contains("hand"));
    CHECK(temporaries(d.dir()).empty());
}

TEST_CASE("An -o FILE keeps the previous file intact when the command fails", "[cli][output]")
{
    TempData d("tiny");
    const fs::path prev = d.dir() / "prev.txt";
    spit(prev, "previous output\n");
    // A scrap mass whose value is not a finite number: the command must fail (a data error once
    // the loader bounds amounts, an internal error before), and the -o file must stay as it was.
    d.append("scenarios/tiny/scrap.csv", "nmc811_cam,lib_hydro,2026,1e305,t,x\n");
    auto r = run_reclaim("--data " + d.dir().string() + " run tiny --no-files -o " + prev.string());
    INFO(r.out);
    CHECK(r.exit_code != 0);
    CHECK(slurp(prev) == "previous output\n");
    CHECK(temporaries(d.dir()).empty());
}

TEST_CASE("An -o FILE is not created when the command fails before writing", "[cli][output]")
{
    TempData d("tiny");
    const fs::path prev = d.dir() / "prev.json";
    spit(prev, "{\"previous\": true}\n");
    auto r = run_reclaim("--data " + d.dir().string() + " --format json show product no_such -o " + prev.string());
    CHECK(r.exit_code == 2);
    CHECK(slurp(prev) == "{\"previous\": true}\n");
    auto fresh = run_reclaim("--data " + d.dir().string() + " --format json show product no_such -o " +
                             (d.dir() / "new.json").string());
    CHECK(fresh.exit_code == 2);
    CHECK_FALSE(fs::exists(d.dir() / "new.json"));
}

TEST_CASE("Two runs into one folder at the same time each leave whole files", "[cli][run][output]")
{
    TempData d;
    const fs::path rep = d.dir() / "rep";
    const std::string one = std::string(RECLAIM_BINARY) + " " + kScenarioData + " run hand -q --out-dir " +
                            rep.string() + " > /dev/null 2>&1";
    for (int trial = 0; trial < 6; ++trial) {
        const std::string both = "sh -c '(" + one + " ; echo $? > " + (d.dir() / "a.rc").string() + ") & (" + one +
                                 " ; echo $? > " + (d.dir() / "b.rc").string() + ") & wait'";
        REQUIRE(std::system(both.c_str()) == 0);
        INFO("trial " << trial);
        CHECK(slurp(d.dir() / "a.rc") == "0\n");
        CHECK(slurp(d.dir() / "b.rc") == "0\n");
        const std::string text = slurp(rep / "hand" / "results.json");
        CHECK_NOTHROW(nlohmann::json::parse(text));
        CHECK(slurp(rep / "hand" / "report.html").find("</html>") != std::string::npos);
        CHECK(temporaries(rep).empty());
    }
}
