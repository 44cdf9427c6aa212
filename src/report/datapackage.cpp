#include "report/datapackage.hpp"

#include <cctype>
#include <string>

namespace reclaim {

using nlohmann::json;

namespace {

json field(const char* name, const char* type, const char* unit, const char* description)
{
    return {{"name", name}, {"type", type}, {"unit", unit}, {"description", description},
            {"constraints", {{"required", true}}}};
}

// A data package name: lower case, digits, '-', '.', '_' only.
std::string package_name(const std::string& folder)
{
    std::string out = "reclaim-run-";
    for (char c : folder) {
        const auto u = static_cast<unsigned char>(c);
        out += std::isalnum(u) || c == '-' || c == '.' || c == '_' ? static_cast<char>(std::tolower(u)) : '-';
    }
    return out;
}

}  // namespace

json run_datapackage(const Scenario& sc)
{
    // The columns of results.csv (write_run_csv, report/run_report.hpp), in order.
    json fields = json::array({
        field("year", "integer", "year", "calendar year of the flow"),
        field("element", "string", "", "element symbol (materials/elements.csv)"),
        field("quantity", "string", "",
              "what the value is: demand, eol (end-of-life content), collected, uncollected, untreated, "
              "recovered_eol, scrap (manufacturing scrap), recovered_scrap, recycled_share (recovered end-of-life "
              "and scrap mass over demand; left out where there is no demand), or the name of a loss sink "
              "(end-of-life mass lost there) or 'scrap ' and the name (scrap mass lost there)"),
        field("value", "number", "given by the unit column",
              "the quantity of the element in that year: mass in t (flows per year), or a fraction for "
              "recycled_share; 12 significant figures"),
        field("unit", "string", "", "unit of value: t or fraction"),
    });
    json resource = {{"name", "results"},
                     {"path", "results.csv"},
                     {"profile", "tabular-data-resource"},
                     {"format", "csv"},
                     {"mediatype", "text/csv"},
                     {"encoding", "utf-8"},
                     {"title", "Every yearly quantity of every element, long format"},
                     {"schema", {{"fields", fields}}}};
    return {{"profile", "tabular-data-package"},
            {"name", package_name(sc.folder)},
            {"title", sc.name + ": results of reclaim run"},
            {"description", sc.description},
            {"created_by", std::string("reclaim ") + RECLAIM_VERSION},
            {"resources", json::array({resource})}};
}

}  // namespace reclaim
