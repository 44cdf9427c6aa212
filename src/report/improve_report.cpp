#include "report/improve_report.hpp"

#include <fmt/format.h>

#include "report/assess_report.hpp"
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
        if (e && std::find(critical.begin(), critical.end(), *e) != critical.end()) shown.emplace_back(symbol, kg);
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

json improve_json(const Model& model, const Improvement& imp, const ImproveMeasure& by)
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
                           {"gain", c.gain}});
    }
    return {{"product", model.products[b.product].id},
            {"by", measure_name(model, by)},
            {"overlays", model.overlays},
            {"baseline",
             {{"plan", model.plans[b.plan].id},
              {"units", b.functional_units},
              {"collection", b.collection},
              {"recovered_kg", recovered},
              {"value_usd", imp.baseline_value.total_usd},
              {"score", imp.baseline_score}}},
            {"changes", changes}};
}

void write_improvement(std::ostream& out, Format format, const Model& model, const Improvement& imp,
                       const ImproveMeasure& by)
{
    const bool csv = format == Format::Csv, md = format == Format::Md;
    const std::string unit = by.kind == ImproveMeasure::Kind::Value ? "USD" : "kg";
    TextTable t({"rank", "change", "gain_" + unit, csv ? "gain_value_usd" : "critical elements", csv ? "kind" : "value"},
                {Align::Right, Align::Left, Align::Right, Align::Left, Align::Right});
    int rank = 0;
    for (const auto& c : imp.changes) {
        ++rank;
        if (csv) {
            t.add_row({std::to_string(rank), c.text, sig(c.gain, 6), sig(c.gain_value_usd, 6), kind_name(c.kind)});
        } else {
            t.add_row({std::to_string(rank), c.text, signed_sig(c.gain), top_gains(model, imp, c),
                       signed_sig(c.gain_value_usd) + " USD"});
        }
    }
    if (csv) {
        t.print_csv(out);
        return;
    }
    const Assessment& b = imp.baseline;
    const Product& p = model.products[b.product];
    const std::string what = by.kind == ImproveMeasure::Kind::Critical ? "the critical elements recovered [kg]"
                             : by.kind == ImproveMeasure::Kind::Value ? "the value recovered [USD]"
                                                                      : model.elements[by.element].symbol + " recovered [kg]";
    out << (md ? "## " : "") << "Which change to " << p.id << " gains most: " << sig(b.functional_units) << " "
        << p.unit->symbol << ", collection " << percent(b.collection) << ", " << treatment_text(model, b, false)
        << "; ranked by " << what << ", baseline " << sig(imp.baseline_score) << "." << overlays_text(model.overlays)
        << "\n\n";
    t.print(out, format);
}

}  // namespace reclaim
