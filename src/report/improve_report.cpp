#include "report/improve_report.hpp"

#include <fmt/format.h>

#include "report/assess_report.hpp"
#include "report/uncertainty_report.hpp"
#include "report/table.hpp"

namespace reclaim {

namespace {

using json = nlohmann::json;
using Align = TextTable::Align;

json or_null(bool has, const std::string& text) { return has ? json(text) : json(nullptr); }

std::string signed_sig(double x) { return fmt::format("{}{}", x > 0 ? "+" : "", sig(x)); }

// "+0.236 kg Nd, +0.0594 kg Pr" for the critical elements (or the measure's) that moved most.
std::string top_gains(const Model& model, const Improvement& imp, const DesignChange& c)
{
    std::vector<std::pair<std::string, double>> shown;
    for (const auto& [symbol, kg] : c.gain_kg) {
        auto e = model.elements.find(symbol);
        const auto& critical = imp.baseline.critical;
        const bool measured = imp.measure.kind == ImproveMeasure::Kind::Element && e && *e == imp.measure.element;
        if (e && (measured || std::find(critical.begin(), critical.end(), *e) != critical.end()))
            shown.emplace_back(symbol, kg);
    }
    std::sort(shown.begin(), shown.end(), [](const auto& a, const auto& b) { return std::abs(a.second) > std::abs(b.second); });
    std::string out;
    for (std::size_t k = 0; k < shown.size() && k < 3; ++k)
        out += fmt::format("{}{} kg {}", k ? ", " : "", signed_sig(shown[k].second), shown[k].first);
    return out.empty() ? "-" : out;
}

}  // namespace

std::string measure_name(const Model& model, const ImproveMeasure& by)
{
    switch (by.kind) {
    case ImproveMeasure::Kind::Critical: return "critical";
    case ImproveMeasure::Kind::Value: return "value";
    case ImproveMeasure::Kind::Element: return model.elements[by.element].symbol;
    }
    return "";
}

json improve_json(const Model& model, const Improvement& imp, const ImproveMeasure& by, const ImproveSampling* sampling)
{
    const Assessment& b = imp.baseline;
    json recovered = json::object();
    for (std::size_t e = 0; e < model.elements.size(); ++e)
        if (b.contained_kg[static_cast<Eigen::Index>(e)] > 0)
            recovered[model.elements[e].symbol] = b.recovered_kg[static_cast<Eigen::Index>(e)];
    json changes = json::array();
    for (const auto& c : imp.changes) {
        json gain_kg = json::object(), gain_share = json::object();
        for (const auto& [symbol, kg] : c.gain_kg) {
            gain_kg[symbol] = kg;
            const double held = b.contained_kg[static_cast<Eigen::Index>(*model.elements.find(symbol))];
            gain_share[symbol] = held > 0 ? json(kg / held) : json(nullptr);
        }
        const bool route = c.kind == DesignChange::Kind::Route || c.kind == DesignChange::Kind::SeparatePart;
        changes.push_back({{"change", c.text},
                           {"kind", kind_name(c.kind)},
                           {"class", or_null(route, route ? model.classes[c.treatment_class] : "")},
                           {"part", or_null(!c.part.empty(), c.part)},
                           {"route", or_null(route, route ? model.routes[c.route].id : "")},
                           {"variant", or_null(!c.variant.empty(), c.variant)},
                           {"gain_kg", gain_kg},
                           {"gain_share", gain_share},
                           {"gain_value_usd", c.gain_value_usd},
                           {"gain_value_usd_per_unit", c.gain_value_usd / b.functional_units},
                           {"gain_value_usd_per_t", c.gain_value_usd / b.product_mass_kg * 1000.0},
                           {"gain", c.gain},
                           {"uncertainty", c.gain_samples ? json{{"gain", summary_json(*c.gain_samples)},
                                                                 {"probability_positive", c.probability_positive}}
                                                          : json(nullptr)}});
    }
    return {{"product", model.products[b.product].id},
            {"by", measure_name(model, by)},
            {"overlays", model.overlays},
            {"baseline",
             {{"plan", model.plans[b.plan].id},
              {"units", b.functional_units},
              {"collection", b.collection},
              {"recovered_kg", recovered},
              {"value_usd", imp.baseline.value_usd},
              {"score", imp.baseline_score}}},
            {"changes", changes},
            {"uncertainty", sampling ? sampling_json(sampling->samples, sampling->seed, sampling->given,
                                                     sampling->ranged_params, sampling->adjustments)
                                     : json(nullptr)}};
}

namespace {

// "the critical elements recovered [kg]", "the value recovered [USD]" or "Nd recovered [kg]".
std::string measure_text(const Model& model, const ImproveMeasure& by)
{
    if (by.kind == ImproveMeasure::Kind::Critical) return "the critical elements recovered [kg]";
    if (by.kind == ImproveMeasure::Kind::Value) return "the value recovered [USD]";
    return model.elements[by.element].symbol + " recovered [kg]";
}

// "1 unit, collection 100%, plan uk-current; ranked by ..., baseline 0.0269."
std::string baseline_text(const Model& model, const Improvement& imp)
{
    const Assessment& b = imp.baseline;
    const Product& p = model.products[b.product];
    return sig(b.functional_units) + " " + std::string(p.unit->symbol) + ", collection " + percent(b.collection) + ", " +
           treatment_text(model, b, false) + "; ranked by " + measure_text(model, imp.measure) + ", baseline " +
           sig(imp.baseline_score) + ".";
}

// "+0.021 to +0.034" (P5 to P95) and "97%", or "-" without samples (a variant).
std::string gain_range(const DesignChange& c)
{
    return c.gain_samples ? signed_sig(c.gain_samples->p5) + " to " + signed_sig(c.gain_samples->p95) : "-";
}
std::string chance(const DesignChange& c) { return c.gain_samples ? percent(c.probability_positive) : "-"; }

}  // namespace

void write_improvement(std::ostream& out, Format format, const Model& model, const Improvement& imp,
                       const ImproveMeasure& by, const ImproveSampling* sampling)
{
    const bool csv = format == Format::Csv;
    const std::string unit = by.kind == ImproveMeasure::Kind::Value ? "USD" : "kg";
    std::vector<std::string> headers{"rank", "change", "gain_" + unit, csv ? "gain_value_usd" : "critical elements",
                                     csv ? "kind" : "value"};
    std::vector<Align> align{Align::Right, Align::Left, Align::Right, Align::Left, Align::Right};
    if (sampling) {
        const std::vector<std::string> more = csv ? std::vector<std::string>{"gain_p5", "gain_p50", "gain_p95",
                                                                             "probability_positive"}
                                                  : std::vector<std::string>{"gain P5 to P95", "P(gain > 0)"};
        headers.insert(headers.end(), more.begin(), more.end());
        align.resize(headers.size(), Align::Right);
    }
    TextTable t(headers, align);
    int rank = 0;
    for (const auto& c : imp.changes) {
        ++rank;
        std::vector<std::string> row;
        if (csv) {
            row = {std::to_string(rank), c.text, sig(c.gain, 6), sig(c.gain_value_usd, 6), kind_name(c.kind)};
            if (sampling) {
                for (double x : c.gain_samples ? std::vector<double>{c.gain_samples->p5, c.gain_samples->p50,
                                                                     c.gain_samples->p95, c.probability_positive}
                                               : std::vector<double>{})
                    row.push_back(sig(x, 6));
                row.resize(headers.size());  // a variant's are empty
            }
        } else {
            row = {std::to_string(rank), c.text, signed_sig(c.gain), top_gains(model, imp, c),
                   signed_sig(c.gain_value_usd) + " USD"};
            if (sampling) {
                row.push_back(gain_range(c));
                row.push_back(chance(c));
            }
        }
        t.add_row(std::move(row));
    }
    if (csv) {
        t.print_csv(out);
        return;
    }
    const Product& p = model.products[imp.baseline.product];
    out << "Which change to " << p.id << " gains most: " << baseline_text(model, imp) << overlays_text(model.overlays)
        << "\n";
    if (sampling) out << monte_carlo_line(sampling->samples, sampling->seed, sampling->adjustments) << "\n";
    out << "\n";
    t.print(out, format);
}

ReportDocument improve_report(const Model& model, const Improvement& imp, const ImproveSampling* sampling)
{
    const Product& p = model.products[imp.baseline.product];
    ReportDocument doc("Which change to " + p.id + " gains most", p.name);
    doc.paragraph(baseline_text(model, imp) + overlays_text(model.overlays));
    doc.paragraph("Each change is assessed with the engine against the product as it is, under the same plan, "
                  "amount and collection: a treatment class extracted before shredding and sent to a route that "
                  "accepts it, one part separated from the rest of its class and sent alone to its best route, a "
                  "part left out, or a variant of the data given as an overlay.");
    if (!imp.changes.empty()) {
        const DesignChange& best = imp.changes.front();
        std::string text = "Largest gain: " + best.text + ", " + signed_sig(best.gain) + " " +
                           (imp.measure.kind == ImproveMeasure::Kind::Value ? "USD" : "kg");
        if (best.gain_samples) text += " (P5 to P95 " + gain_range(best) + ", positive in " + chance(best) + " of samples)";
        doc.callout(text + ".", best.gain > 0 ? "good" : "note");
    }
    if (sampling)
        doc.paragraph(monte_carlo_line(sampling->samples, sampling->seed, sampling->adjustments) +
                      ". Gains are differences on common samples; a variant's data is another parameter table, "
                      "so its gain is given at nominal values only.");
    const std::string unit = imp.measure.kind == ImproveMeasure::Kind::Value ? "USD" : "kg";
    ReportTable t;
    t.headers = {"rank", "change", "gain [" + unit + "]", "critical elements", "value [USD]"};
    t.numeric = {true, false, true, false, true};
    if (sampling) {
        t.headers.insert(t.headers.end(), {"gain P5 to P95", "P(gain > 0)"});
        t.numeric.insert(t.numeric.end(), {true, true});
    }
    int rank = 0;
    for (const auto& c : imp.changes) {
        std::vector<std::string> row{std::to_string(++rank), c.text, signed_sig(c.gain), top_gains(model, imp, c),
                                     signed_sig(c.gain_value_usd)};
        if (sampling) {
            row.push_back(gain_range(c));
            row.push_back(chance(c));
        }
        t.rows.push_back(std::move(row));
    }
    t.caption = "Changes ranked by " + measure_text(model, imp.measure) + ", largest gain first";
    doc.heading("Changes");
    doc.table(std::move(t));
    doc.heading("Assumptions of the baseline");
    doc.table(assumptions_table(imp.baseline.params));
    return doc;
}

}  // namespace reclaim
