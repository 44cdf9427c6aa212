#include "report/assess_value_report.hpp"

#include <algorithm>
#include <set>

#include "report/assess_report.hpp"
#include "report/table.hpp"
#include "report/value_report.hpp"

namespace reclaim {

using nlohmann::json;
using Align = TextTable::Align;

std::vector<std::string> unpriced_names(const AssessValue& v)
{
    std::vector<std::string> out;
    for (const auto& f : v.forms.forms)
        if (!f.priced() && f.kg > 0) out.push_back(f.form);
    return out;
}

std::string price_origin(const Model& model, const Price& p)
{
    const Origin& o = model.params.origin(p.usd_per_kg);
    return o.file + ":" + std::to_string(o.line);
}

// Ties all marked; no value anywhere: none.
bool is_best_value(const std::vector<AssessValue>& values, std::size_t k)
{
    double best = 0.0;
    for (const auto& v : values) best = std::max(best, v.total_usd);
    return best > 0 && values[k].total_usd >= best * (1 - 1e-12);
}

std::vector<std::string> all_price_dates(const std::vector<AssessValue>& values)
{
    std::set<std::string> dates;
    for (const auto& v : values)
        for (const auto& d : price_dates(v.forms)) dates.insert(d);
    return {dates.begin(), dates.end()};
}

json assess_value_json(const Model& model, const AssessValue& value)
{
    json j = forms_value_json(model, value.forms);
    j.erase("gross_usd");
    j["total_usd"] = value.total_usd;
    j["per_unit_usd"] = value.per_unit_usd;
    j["unpriced"] = unpriced_names(value);
    j["prices_note"] = price_dates_note(model, price_dates(value.forms));
    return j;
}

void write_assess_value(std::ostream& out, Format format, const Model& model, const Assessment& a,
                        const AssessValue& value)
{
    const bool md = format == Format::Md;
    const Product& p = model.products[a.product];
    out << '\n'
        << (md ? "### " : "") << "Value of what is recovered: " << sig(value.total_usd) << " USD, "
        << sig(value.per_unit_usd) << " USD per " << p.unit->symbol << "\n"
        << price_dates_note(model, price_dates(value.forms)) << "\n\n";
    TextTable t({"form", "kg", "price_usd_per_kg", "payable", "value_usd", "price date", "price row"},
                {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Left, Align::Left});
    for (const auto& f : value.forms.forms) {
        if (!(f.kg > 0)) continue;
        std::string kg = sig(f.kg) + (f.resolved ? "" : " (element kg)");
        if (f.priced())
            t.add_row({f.form, kg, sig(f.price_usd_per_kg), sig(f.payable), sig(f.value_usd), f.price->date,
                       price_origin(model, *f.price)});
        else
            t.add_row({f.form, kg, "unpriced", "", "unpriced", "", ""});
    }
    t.print(out, format);
    if (value.forms.unpriced > 0)
        out << (md ? "\n" : "") << value.forms.unpriced
            << " recovered form(s) have no price: their value is unknown, not counted as zero\n";
}

json compare_value_json(const Model& model, const std::vector<Assessment>& as, const std::vector<AssessValue>& values)
{
    json total = json::object(), per_unit = json::object(), best = json::array(), unpriced = json::object();
    for (std::size_t k = 0; k < as.size() && k < values.size(); ++k) {
        const std::string id = compare_label(model, as, k);
        total[id] = values[k].total_usd;
        per_unit[id] = values[k].per_unit_usd;
        unpriced[id] = unpriced_names(values[k]);
        if (is_best_value(values, k)) best.push_back(id);
    }
    return {{"total_usd", total}, {"per_unit_usd", per_unit}, {"best", best}, {"unpriced", unpriced},
            {"price_dates", all_price_dates(values)}};
}

void write_compare_value(std::ostream& out, Format format, const Model& model, const std::vector<Assessment>& as,
                         const std::vector<AssessValue>& values)
{
    if (as.empty()) return;
    const bool md = format == Format::Md;
    const Product& p = model.products[as.front().product];
    out << '\n'
        << (md ? "### " : "") << "Value of what is recovered, * = best\n"
        << price_dates_note(model, all_price_dates(values)) << "\n\n";
    TextTable t({"", "total_usd", "usd_per_" + std::string(p.unit->symbol), "unpriced forms"},
                {Align::Left, Align::Right, Align::Right, Align::Left});
    for (std::size_t k = 0; k < as.size() && k < values.size(); ++k) {
        std::string names;
        for (const auto& n : unpriced_names(values[k])) names += (names.empty() ? "" : ", ") + n;
        t.add_row({compare_label(model, as, k), sig(values[k].total_usd) + (is_best_value(values, k) ? " *" : "  "),
                   sig(values[k].per_unit_usd), names.empty() ? "-" : names});
    }
    t.print(out, format);
}

}  // namespace reclaim
