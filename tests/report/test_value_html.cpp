// The value sections of the HTML reports, by hand on tests/data/value (see its README and
// tests/engine/test_assess_value.cpp): one cell holds 0.1 kg Li, 0.2 kg Co, 0.04 kg Nd; the numbers
// in the report are the JSON's, through sig().

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "engine/questions/assess_value.hpp"
#include "engine/questions/run_value.hpp"
#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/assess_html.hpp"
#include "report/assess_value_report.hpp"
#include "report/format.hpp"
#include "report/run_html.hpp"
#include "report/run_value_report.hpp"
#include "report/value_html.hpp"
#include "support/temp_data.hpp"
#include "xml_check.hpp"

using namespace reclaim;
using reclaim::test::check_xml;

namespace {

const std::string kData = std::string(RECLAIM_TEST_DATA_DIR) + "/value";

const Model& value_model()
{
    static const Model model = load_model(kData);
    return model;
}

AssessOptions cells(const Model& m, const char* route, double units)
{
    AssessOptions o;
    o.product = *m.find_product("cell");
    o.route = *m.find_route(route);
    o.amount = Amount::of(units_of(units));
    return o;
}

// Some text node directly inside a `parent` element contains `part`.
bool has_text_with(const test::XmlCheck& x, const std::string& parent, const std::string& part)
{
    for (const auto& [p, t] : x.texts)
        if (p == parent && t.find(part) != std::string::npos) return true;
    return false;
}

// Li2CO3 per Li = 73.888/13.88; CoSO4·7H2O per Co = 281.094194/58.933194 (test_assess_value.cpp).
constexpr double kLi2co3PerLi = 73.888 / 13.88;
constexpr double kCoso4PerCo = 281.094194 / 58.933194;

}  // namespace

TEST_CASE("The assess report values each recovered form with its price, date and price row as the JSON does",
          "[report][assess][html][value]")
{
    const Model& m = value_model();
    Assessment a = assess(m, cells(m, "hydro", 3.0));
    AssessValue v = assess_value(m, a, m.params.nominal());
    auto j = assess_value_json(m, v);
    auto x = check_xml(render_html(assess_report(m, a, false, nullptr, &v)));
    INFO(x.error);
    REQUIRE(x.ok());
    CHECK(x.has_text("h2", "Value of what is recovered"));
    // 3 cells through hydro: 3 x 0.09 kg Li -> 1.437 kg li2co3 x 10 USD/kg = 14.37 USD;
    // 3 x 0.19 kg Co -> 2.719 kg CoSO4·7H2O x 6 x 0.8 = 13.05 USD; 27.42 USD, 9.141 USD per cell.
    CHECK(x.has_text("td", sig(3 * 0.09 * kLi2co3PerLi)));
    CHECK(x.has_text("td", sig(3 * 0.09 * kLi2co3PerLi * 10.0)));
    CHECK(x.has_text("td", sig(3 * 0.19 * kCoso4PerCo * 4.8)));
    CHECK(x.has_text("td", "materials/prices.csv:3"));  // li2co3
    CHECK(x.has_text("td", "materials/prices.csv:4"));  // CoSO4·7H2O
    CHECK(x.has_text("td", "2025-06-30"));
    CHECK(sig(j["total_usd"].get<double>()) == "27.42");
    CHECK(sig(j["per_unit_usd"].get<double>()) == "9.141");
    CHECK(has_text_with(x, "p", "27.42 USD in all, 9.141 USD per"));
    std::size_t checked = 0;
    for (const auto& f : j["forms"]) {
        if (!(f["kg"].get<double>() > 0)) continue;
        for (const char* key : {"kg", "price_usd_per_kg", "payable", "value_usd"}) {
            INFO(f["form"] << " " << key);
            CHECK(x.has_text("td", sig(f[key].get<double>())));
            ++checked;
        }
        CHECK(x.has_text("td", f["price_date"].get<std::string>()));
        CHECK(x.has_text("td", f["price_origin"].get<std::string>()));
    }
    CHECK(checked == 8);  // two forms
    // Without a value the report has no such section.
    CHECK_FALSE(check_xml(render_html(assess_report(m, a))).has_text("h2", "Value of what is recovered"));
}

TEST_CASE("An unpriced form is named in the assess report and not counted as zero", "[report][assess][html][value]")
{
    test::TempData data("value");
    REQUIRE(data.replace("routes/transfers.csv", "hydro,leach,*,loss:residue,1,test fixture",
                         "hydro,leach,C,recovered:carbon_black,0.5,test fixture\n"
                         "hydro,leach,C,loss:residue,0.5,test fixture\n"
                         "hydro,leach,*,loss:residue,1,test fixture"));
    Model m = load_model(data.dir());
    Assessment a = assess(m, cells(m, "hydro", 1.0));
    AssessValue v = assess_value(m, a, m.params.nominal());
    auto x = check_xml(render_html(assess_report(m, a, false, nullptr, &v)));
    REQUIRE(x.ok());
    // Half of the cell's 1.66 kg of carbon, an unresolved form: its kg are the element kg.
    CHECK(x.has_text("td", "carbon_black"));
    CHECK(x.has_text("td", "0.83 (element kg)"));
    CHECK(x.has_text("td", "unpriced"));
    CHECK(has_text_with(x, "p", "not counted (their value is unknown, not zero): carbon_black."));
    // The total is hydro's 9.141 USD for the priced forms alone.
    CHECK(has_text_with(x, "p", "9.141 USD in all"));
}

TEST_CASE("The compare report holds each treatment's value as the JSON and marks the best",
          "[report][compare][html][value]")
{
    const Model& m = value_model();
    std::vector<Assessment> as{assess(m, cells(m, "hydro", 1.0)), assess(m, cells(m, "pyro", 1.0))};
    std::vector<AssessValue> values;
    for (const auto& a : as) values.push_back(assess_value(m, a, m.params.nominal()));
    auto j = compare_value_json(m, as, values);
    ReportDocument doc = compare_report(m, as, nullptr, &values);
    auto x = check_xml(render_html(doc));
    INFO(x.error);
    REQUIRE(x.ok());
    // hydro 9.141 USD per cell beats pyro 7.107 USD (test_assess_value.cpp).
    CHECK(x.has_text("td", "9.141"));
    CHECK(x.has_text("td", "7.107"));
    for (const auto& [id, usd] : j["total_usd"].items()) CHECK(x.has_text("td", sig(usd.get<double>())));
    REQUIRE(j["best"].size() == 1);
    const ReportTable* table = nullptr;
    for (const auto& b : doc.blocks())
        if (b.kind == ReportBlock::Kind::Table && !b.table.headers.empty() && b.table.headers[1] == "total_usd")
            table = &b.table;
    REQUIRE(table);
    REQUIRE(table->rows.size() == 2);
    CHECK(table->rows[0][0] == j["best"][0].get<std::string>());
    CHECK(table->rows[0][3] == "best");
    CHECK(table->rows[1][3].empty());
}

TEST_CASE("The run report values the target year's forms as the JSON does", "[report][run][html][value]")
{
    Model m = load_model(kData);  // load_scenario adds the scenario's parameters
    Scenario sc = load_scenario(find_scenario(kData, "value-run"), m);
    const auto values = sc.params.nominal();
    ScenarioQuestion question(m, sc, Detail::Full);
    ScenarioResult r = question.evaluate(values);
    auto targets = analyse_targets(question, values, r);
    RunValue v = run_value(m, r, values);
    auto j = run_value_json(m, v);
    ReportDocument doc = run_report(m, sc, r, targets, nullptr, &v);
    auto x = check_xml(render_html(doc));
    INFO(x.error);
    REQUIRE(x.ok());
    // The target year is 2030: 100 cells (914.1 USD) and 9 kg Co from scrap through pyro
    // (9 x 4.770 kg coso4_7h2o x 4.8 USD/kg = 206.05 USD): 1120 USD (test_run_value.cpp).
    const auto t = static_cast<std::size_t>(r.index_of(2030));
    CHECK(sig(j["usd"][t].get<double>()) == "1120");
    CHECK(x.has_text("h2", "Value of what is recovered in 2030"));
    CHECK(has_text_with(x, "p", "Value of what is recovered in 2030: 1120 USD"));
    CHECK(x.has_text("td", sig(j["usd"][t].get<double>())));  // the total row
    CHECK(x.has_text("td", sig(9.0 * kCoso4PerCo * 4.8)));
    std::size_t forms = 0;
    for (const auto& [form, kg] : j["forms_kg"].items()) {
        if (!(kg[t].get<double>() > 0)) continue;
        INFO(form);
        CHECK(x.has_text("td", form));
        CHECK(x.has_text("td", sig(kg[t].get<double>())));
        CHECK(x.has_text("td", j["prices"][form]["origin"].get<std::string>()));
        ++forms;
    }
    CHECK(forms == 3);  // li2co3, CoSO4·7H2O from hydro, coso4_7h2o from pyro
    std::ostringstream md;
    render_markdown(md, doc);
    CHECK(md.str().find("## Value of what is recovered in 2030") != std::string::npos);
    CHECK(md.str().find("| 1120 |") != std::string::npos);
}
