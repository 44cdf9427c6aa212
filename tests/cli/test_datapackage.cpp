// Frictionless data packages: the one `reclaim run` writes beside results.csv, and the ones shipped
// with materials/, products/ and routes/, each listing every column of its CSV files.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

namespace fs = std::filesystem;
using reclaim::test::run_reclaim;

namespace {

const std::set<std::string> kTypes{"string", "number", "integer", "boolean", "date", "year", "any"};

std::vector<std::string> split(const std::string& line)
{
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == ',') out.emplace_back();
        else if (c != '\r') out.back() += c;
    }
    return out;
}

//! The header of a data CSV: its first line that is neither blank nor a comment.
std::vector<std::string> header_of(const fs::path& csv)
{
    std::ifstream in(csv);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string::npos) continue;
        return split(line);
    }
    return {};
}

nlohmann::json read_json(const fs::path& p)
{
    std::ifstream in(p);
    REQUIRE(in);
    return nlohmann::json::parse(in);
}

//! Every field has a name, a Table Schema type, a unit and a description; returns the names.
std::vector<std::string> field_names(const nlohmann::json& resource)
{
    std::vector<std::string> names;
    for (const auto& f : resource.at("schema").at("fields")) {
        INFO(f.dump());
        CHECK(kTypes.count(f.at("type").get<std::string>()) == 1);
        CHECK(f.at("unit").is_string());
        CHECK(!f.at("description").get<std::string>().empty());
        names.push_back(f.at("name").get<std::string>());
    }
    return names;
}

}  // namespace

TEST_CASE("run writes datapackage.json beside results.csv, listing every column with its type", "[cli][run][datapackage]")
{
    std::random_device rd;
    const fs::path out = fs::temp_directory_path() / ("reclaim-datapackage-" + std::to_string(rd()));
    REQUIRE(run_reclaim("-q run uk-2035 --out-dir " + out.string()).exit_code == 0);
    const fs::path folder = out / "uk-2035";
    const auto pkg = read_json(folder / "datapackage.json");
    CHECK(pkg["profile"] == "tabular-data-package");
    REQUIRE(pkg["resources"].size() == 1);
    const auto& res = pkg["resources"][0];
    CHECK(res["path"] == "results.csv");
    const auto header = header_of(folder / "results.csv");
    CHECK(field_names(res) == header);

    // The types hold for every row: year an integer, value a number.
    std::ifstream in(folder / "results.csv");
    std::string line;
    std::getline(in, line);
    std::size_t rows = 0;
    while (std::getline(in, line)) {
        auto c = split(line);
        REQUIRE(c.size() == header.size());
        for (std::size_t k = 0; k < c.size(); ++k) {
            const std::string type = res["schema"]["fields"][k]["type"];
            std::size_t used = 0;
            if (type == "integer") (void)std::stoll(c[k], &used);
            else if (type == "number") (void)std::stod(c[k], &used);
            else used = c[k].size();
            CHECK(used == c[k].size());
        }
        ++rows;
    }
    CHECK(rows > 0);
    fs::remove_all(out);
}

TEST_CASE("run --no-files writes no datapackage.json", "[cli][run][datapackage]")
{
    std::random_device rd;
    const fs::path out = fs::temp_directory_path() / ("reclaim-datapackage-" + std::to_string(rd()));
    REQUIRE(run_reclaim("-q run uk-2035 --no-files --out-dir " + out.string()).exit_code == 0);
    CHECK(!fs::exists(out));
}

TEST_CASE("The shipped data packages list every column of every CSV of their folder", "[data][datapackage]")
{
    for (const char* name : {"materials", "products", "routes"}) {
        INFO(name);
        const fs::path folder = fs::path(RECLAIM_REPO_DIR) / name;
        const auto pkg = read_json(folder / "datapackage.json");
        CHECK(pkg["profile"] == "tabular-data-package");
        std::set<std::string> csvs, listed;
        for (const auto& e : fs::directory_iterator(folder))
            if (e.path().extension() == ".csv") csvs.insert(e.path().filename().string());
        for (const auto& res : pkg["resources"]) {
            const std::string path = res["path"];
            INFO(path);
            listed.insert(path);
            REQUIRE(fs::is_regular_file(folder / path));
            CHECK(field_names(res) == header_of(folder / path));
        }
        CHECK(listed == csvs);
    }
}
