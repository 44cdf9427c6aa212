// `reclaim run --format iamc`: the IAMC wide table (docs/formats.md), held against the run's JSON.

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

using reclaim::test::run_reclaim;

namespace {

// One CSV line, RFC 4180 quotes.
std::vector<std::string> cells(const std::string& line)
{
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) out.emplace_back();
        else out.back() += c;
    }
    return out;
}

struct Iamc {
    std::vector<std::string> header;
    std::map<std::string, std::vector<std::string>> rows;  //!< variable -> its cells
};

Iamc parse(const std::string& text)
{
    Iamc t;
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    t.header = cells(line);
    while (std::getline(in, line)) {
        auto c = cells(line);
        REQUIRE(c.size() == t.header.size());
        t.rows[c[3]] = c;
    }
    return t;
}

// The IAMC row of `variable` against the JSON series, every year: a number equal to 12
// significant figures, an empty cell for null.
void check_row(const Iamc& t, const std::string& variable, const std::string& unit, const nlohmann::json& series)
{
    INFO(variable);
    REQUIRE(t.rows.count(variable) == 1);
    const auto& c = t.rows.at(variable);
    CHECK(c[0] == "reclaim");
    CHECK(c[4] == unit);
    REQUIRE(c.size() == 5 + series.size());
    for (std::size_t k = 0; k < series.size(); ++k) {
        if (series[k].is_null()) {
            CHECK(c[5 + k].empty());
            continue;
        }
        const double want = series[k].get<double>();
        const double got = std::stod(c[5 + k]);
        CHECK(std::abs(got - want) <= 1e-11 * std::abs(want));
    }
}

}  // namespace

TEST_CASE("run --format iamc: header and one value per variable kind against the JSON", "[cli][run][iamc]")
{
    auto iamc = run_reclaim("--format iamc run uk-2035 --no-files", false);
    auto json = run_reclaim("--format json run uk-2035 --no-files", false);
    REQUIRE(iamc.exit_code == 0);
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    const Iamc t = parse(iamc.out);

    std::vector<std::string> header{"Model", "Scenario", "Region", "Variable", "Unit"};
    for (const auto& y : j["years"]) header.push_back(std::to_string(y.get<int>()));
    CHECK(t.header == header);
    CHECK(t.rows.at("Demand|Nd")[1] == j["scenario"].get<std::string>());

    const auto& nd = j["elements"]["Nd"];
    check_row(t, "Demand|Nd", "t/yr", nd["demand_t"]);
    check_row(t, "End of Life|Nd", "t/yr", nd["eol_t"]);
    check_row(t, "End of Life|Nd|Collected", "t/yr", nd["collected_t"]);
    check_row(t, "End of Life|Nd|Collected|Untreated", "t/yr", nd["untreated_t"]);
    check_row(t, "End of Life|Nd|Uncollected", "t/yr", nd["uncollected_t"]);
    check_row(t, "Scrap|Nd", "t/yr", nd["scrap_t"]);
    nlohmann::json recovered = nlohmann::json::array();
    for (std::size_t k = 0; k < nd["recovered_eol_t"].size(); ++k)
        recovered.push_back(nd["recovered_eol_t"][k].get<double>() + nd["recovered_scrap_t"][k].get<double>());
    check_row(t, "Recycling|Recovered|Nd", "t/yr", recovered);
    check_row(t, "Recycling|Recovered|Nd|End of Life", "t/yr", nd["recovered_eol_t"]);
    check_row(t, "Recycling|Recovered|Nd|Scrap", "t/yr", nd["recovered_scrap_t"]);
    check_row(t, "Recycling|Share|Nd", "fraction", nd["recycled_share"]);
    REQUIRE(!nd["losses_t"].empty());
    for (const auto& [name, series] : nd["losses_t"].items())
        check_row(t, "Recycling|Lost|Nd|End of Life|" + name, "t/yr", series);
    for (const auto& [name, series] : nd["scrap_losses_t"].items())
        check_row(t, "Recycling|Lost|Nd|Scrap|" + name, "t/yr", series);

    // Every element of the run, and nothing else.
    std::size_t demand_rows = 0;
    for (const auto& [variable, c] : t.rows) demand_rows += variable.rfind("Demand|", 0) == 0;
    CHECK(demand_rows == j["elements"].size());
}

TEST_CASE("The iamc format is for run only: another command says which formats it has (exit 2)", "[cli][iamc]")
{
    auto r = run_reclaim("--format iamc assess bev_nmc811");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Matchers::Contains("'iamc' is not available for assess"));
}
