#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

const std::string kData = RECLAIM_TEST_DATA_DIR "/scenario";

int run(const std::string& args)
{
    int status = std::system((std::string(RECLAIM_BINARY) + " " + args + " > /dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("reclaim run writes results.json and results.csv under --out-dir/<scenario>", "[cli][run]")
{
    std::random_device rd;
    fs::path out = fs::temp_directory_path() / ("reclaim-run-" + std::to_string(rd()));
    REQUIRE(run("--data " + kData + " run hand --out-dir " + out.string()) == 0);
    std::ifstream f(out / "hand" / "results.json");
    REQUIRE(f);
    auto j = nlohmann::json::parse(f);
    CHECK(j["scenario"] == "hand");
    CHECK(fs::is_regular_file(out / "hand" / "results.csv"));
    fs::remove_all(out);
}

TEST_CASE("reclaim run exits 2 for an unknown scenario and 1 for a bad one", "[cli][run]")
{
    CHECK(run("--data " + kData + " run nowhere --no-files") == 2);
    std::random_device rd;
    fs::path dir = fs::temp_directory_path() / ("reclaim-bad-" + std::to_string(rd()));
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(kData + "/scenarios/hand")) fs::copy(e.path(), dir / e.path().filename());
    std::ofstream(dir / "collection.csv") << "product,year,value,source\n*,2020,1.5,x\n";
    CHECK(run("--data " + kData + " run " + dir.string() + " --no-files") == 1);
    fs::remove_all(dir);
}
