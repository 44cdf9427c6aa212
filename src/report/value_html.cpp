#include "report/value_html.hpp"

#include <algorithm>
#include <string>

#include "report/assess_report.hpp"
#include "report/assess_value_report.hpp"
#include "report/format.hpp"
#include "report/run_value_report.hpp"
#include "report/svg.hpp"
#include "report/uncertainty_html.hpp"
#include "report/value_report.hpp"

namespace reclaim {

namespace {

ReportTable forms_table()
{
    ReportTable t;
    t.headers = {"form", "kg", "price_usd_per_kg", "payable", "value_usd", "price date", "price row"};
    t.numeric = {false, true, true, true, true, false, false};
    return t;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

void add_unpriced(ReportDocument& doc, const std::vector<std::string>& names)
{
    if (names.empty()) return;
    doc.paragraph("Unpriced, so not counted (their value is unknown, not zero): " + joined(names) + ".");
}

// A money amount for a sentence: millions above a million, as the terminal headline says it.
std::string usd_text(double usd) { return usd >= 1e6 ? sig(usd / 1e6) + " million USD" : sig(usd) + " USD"; }

}  // namespace

ReportTable assess_value_table(const Model& model, const AssessValue& value)
{
    ReportTable t = forms_table();
    for (const auto& f : value.forms.forms) {
        if (!(f.kg > 0)) continue;
        std::string kg = sig(f.kg) + (f.resolved ? "" : " (element kg)");
        if (f.priced())
            t.rows.push_back({f.form, kg, sig(f.price_usd_per_kg), sig(f.payable), sig(f.value_usd), f.price->date,
                              price_origin(model, *f.price)});
        else
            t.rows.push_back({f.form, kg, "unpriced", "", "unpriced", "", ""});
    }
    return t;
}

void add_assess_value(ReportDocument& doc, const Model& model, const Assessment& a, const AssessValue& value,
                      const AssessUncertainty* u)
{
    const Product& p = model.products[a.product];
    doc.heading("Value of what is recovered");
    std::string text = sig(value.total_usd) + " USD in all, " + sig(value.per_unit_usd) + " USD per " +
                       std::string(p.unit->symbol) + " of " + p.id;
    if (u) text += " (P5\u2013P95 " + range_text(sig(u->value_usd.p5), sig(u->value_usd.p95)) + " USD in all)";
    doc.callout(text + ", at " + price_dates_note(model, price_dates(value.forms)) + ".", "note");
    doc.paragraph("Each recovered form's mass follows from the element mass routed into it by stoichiometry; its value "
                  "is kg \u00d7 price \u00d7 payable share, at the latest price row of its substance.");
    ReportTable t = assess_value_table(model, value);
    if (!t.rows.empty()) doc.table(t);
    add_unpriced(doc, unpriced_names(value));
}

void add_compare_value(ReportDocument& doc, const Model& model, const std::vector<Assessment>& as,
                       const std::vector<AssessValue>& values)
{
    if (as.empty() || values.size() != as.size()) return;
    const Product& p = model.products[as.front().product];
    doc.heading("Value of what is recovered");
    doc.paragraph("Total and per-unit value of the recovered forms under each treatment, at " +
                  price_dates_note(model, all_price_dates(values)) + "; best = the highest total.");
    ReportTable t;
    t.headers = {"treatment", "total_usd", "usd_per_" + std::string(p.unit->symbol), "best", "unpriced forms"};
    t.numeric = {false, true, true, false, false};
    BarChart bars;
    bars.title = "Value of what is recovered per " + std::string(p.unit->symbol) + ", USD";
    bars.unit = "USD";
    for (std::size_t k = 0; k < as.size(); ++k) {
        const std::string label = compare_label(model, as, k);
        const std::string names = joined(unpriced_names(values[k]));
        t.rows.push_back({label, sig(values[k].total_usd), sig(values[k].per_unit_usd),
                          is_best_value(values, k) ? "best" : "", names.empty() ? "-" : names});
        bars.bars.push_back({label, values[k].per_unit_usd, "recovered"});
    }
    doc.table(t);
    doc.figure(bar_chart_svg(bars), "Value per " + std::string(p.unit->symbol) + " under each treatment.");
}

void add_run_value_headline(ReportDocument& doc, const Model& model, const Scenario& scenario,
                            const ScenarioResult& result, const RunValue& value, const RunUncertainty* u)
{
    const int year = value_headline_year(scenario, result);
    const int t = std::clamp(result.index_of(year), 0, result.n_years - 1);
    std::string text = "Value of what is recovered in " + std::to_string(year) + ": " + usd_text(value.usd[t]) +
                       ", from end of life and scrap, at " + price_dates_note(model, value.price_dates()) + ".";
    if (u && u->value_year == year)
        text += " Over " + std::to_string(u->samples) + " samples: P5 – P95 " + usd_text(u->value_usd.p5) + " – " +
                usd_text(u->value_usd.p95) + " (P50 " + usd_text(u->value_usd.p50) + ").";
    const std::string unpriced = joined(value.unpriced());
    if (!unpriced.empty()) text += " Unpriced, so not counted: " + unpriced + ".";
    doc.callout(text, "note");
}

ReportTable run_value_table(const Model& model, const ScenarioResult& result, const RunValue& value, int year)
{
    const auto t = static_cast<Eigen::Index>(std::clamp(result.index_of(year), 0, result.n_years - 1));
    ReportTable table = forms_table();
    table.caption = "Recovered forms in " + std::to_string(year) + " from end of life and scrap.";
    for (std::size_t f = 0; f < value.forms.size(); ++f) {
        const double kg = value.form_kg(static_cast<Eigen::Index>(f), t);
        if (!(kg > 0)) continue;
        if (const Price* p = value.prices[f])
            table.rows.push_back({value.forms[f], sig(kg), sig(value.price_usd_per_kg[f]), sig(value.payable[f]),
                                  sig(kg * value.price_usd_per_kg[f] * value.payable[f]), p->date,
                                  price_origin(model, *p)});
        else
            table.rows.push_back({value.forms[f], sig(kg), "unpriced", "", "unpriced", "", ""});
    }
    table.rows.push_back({"total (priced forms)", "", "", "", sig(value.usd[t]), "", ""});
    return table;
}

void add_run_value(ReportDocument& doc, const Model& model, const Scenario& scenario, const ScenarioResult& result,
                   const RunValue& value)
{
    const int year = value_headline_year(scenario, result);
    const auto t = static_cast<Eigen::Index>(std::clamp(result.index_of(year), 0, result.n_years - 1));
    doc.heading("Value of what is recovered in " + std::to_string(year));
    doc.paragraph("Each form's mass follows from the element mass routed into it by stoichiometry; its value is kg "
                  "\u00d7 price \u00d7 payable share, at the latest price row of its substance; " +
                  price_dates_note(model, value.price_dates()) + ".");
    // Bars in million USD when a year is worth millions: nine-digit labels crowd the axis.
    const bool millions = value.usd[t] >= 1e6;
    const std::string unit = millions ? "million USD" : "USD";
    BarChart bars;
    bars.title = "Value by recovered form in " + std::to_string(year) + ", " + unit;
    bars.unit = millions ? "M USD" : "USD";
    bars.sort = true;
    for (std::size_t f = 0; f < value.forms.size(); ++f) {
        const double kg = value.form_kg(static_cast<Eigen::Index>(f), t);
        if (kg > 0 && value.prices[f])
            bars.bars.push_back({value.forms[f], kg * value.price_usd_per_kg[f] * value.payable[f] * (millions ? 1e-6 : 1.0),
                                 "recovered"});
    }
    if (!bars.bars.empty()) doc.figure(bar_chart_svg(bars), "What each priced form recovered in " +
                                                                std::to_string(year) + " is worth [" + unit + "].");
    doc.table(run_value_table(model, result, value, year));
    add_unpriced(doc, value.unpriced());
}

}  // namespace reclaim
