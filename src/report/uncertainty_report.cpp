#include "report/uncertainty_report.hpp"

#include <cmath>

#include "report/assess_report.hpp"
#include "report/table.hpp"

namespace reclaim {

using nlohmann::json;
using Align = TextTable::Align;

namespace {

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string range(double lo, double hi) { return sig(lo) + " – " + sig(hi); }
std::string percent_range(double lo, double hi) { return percent(lo, 3) + " – " + percent(hi, 3); }

std::size_t index_of(const AssessUncertainty& u, std::size_t element)
{
    for (std::size_t i = 0; i < u.elements.size(); ++i)
        if (u.elements[i] == element) return i;
    return npos;
}

}  // namespace

std::string monte_carlo_line(std::size_t samples, std::uint64_t seed, const Adjustments& adj)
{
    return std::to_string(samples) + " samples, seed " + std::to_string(seed) + "; " + std::to_string(adj.clipped) +
           " sampled values clipped to their bounds, " + std::to_string(adj.renormalised) +
           " share sets balanced to sum to 1 (docs/uncertainty.md)";
}

json summary_json(const Summary& s)
{
    return {{"mean", number(s.mean)}, {"p5", number(s.p5)}, {"p50", number(s.p50)}, {"p95", number(s.p95)}};
}

json sampling_json(std::size_t samples, std::uint64_t seed, bool given, std::size_t ranged_params,
                   const Adjustments& adjustments)
{
    return {{"samples", samples},
            {"seed", seed},
            {"samples_in", given},
            {"ranged_params", ranged_params},
            {"adjustments", {{"clipped", adjustments.clipped}, {"renormalised", adjustments.renormalised}}}};
}

json sensitivity_json(const Model& /*model*/, const Sensitivity& s)
{
    json params = json::array();
    for (const auto& b : s.bars) {
        const Param& p = b.spec;
        const Origin& o = b.origin;
        params.push_back({{"file", o.file},
                          {"line", o.line},
                          {"column", o.column},
                          {"source", o.source},
                          {"dist", std::string(dist_name(p.dist))},
                          {"low", b.low},
                          {"value", p.value},
                          {"high", b.high},
                          {"output_low", b.output_low},
                          {"output_high", b.output_high},
                          {"swing", b.swing()},
                          {"first_order", b.first_order ? number(*b.first_order) : json(nullptr)}});
    }
    return {{"output", s.output},
            {"nominal", s.nominal},
            {"method", "one at a time: each ranged parameter at its low and high, the others nominal; first_order: "
                       "binned correlation ratio on the Monte Carlo samples (docs/uncertainty.md)"},
            {"parameters", params}};
}

void add_uncertainty_json(json& assessment, const Model& model, const AssessUncertainty& u)
{
    for (std::size_t i = 0; i < u.elements.size(); ++i) {
        const std::string& symbol = model.elements[u.elements[i]].symbol;
        if (!assessment["elements"].contains(symbol)) continue;
        assessment["elements"][symbol]["uncertainty"] = {{"recovered_kg", summary_json(u.recovered_kg[i])},
                                                         {"recovery_rate", summary_json(u.recovery_rate[i])}};
    }
    json& block = assessment["uncertainty"] = sampling_json(u.samples, u.seed, u.given, u.ranged_params, u.adjustments);
    block["recyclability_rate"] = summary_json(u.recyclability_rate);
    block["value_usd"] = summary_json(u.value_usd);
    block["sensitivity"] = u.sensitivity ? sensitivity_json(model, *u.sensitivity) : json(nullptr);
}

void write_tornado(std::ostream& out, Format format, const Model& /*model*/, const Sensitivity& s)
{
    const bool md = format == Format::Md;
    out << '\n'
        << (md ? "### " : "") << "Sensitivity of " << s.output << " (nominal " << sig(s.nominal)
        << "): each parameter at its low and high, the others nominal\n\n";
    if (s.bars.empty()) {
        out << "  no ranged parameter affects it\n";
        return;
    }
    TextTable t({"#", "parameter", "low – high", "output at low", "output at high", "swing", "S1"},
                {Align::Right, Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right});
    for (std::size_t k = 0; k < s.bars.size(); ++k) {
        const auto& b = s.bars[k];
        const Origin& o = b.origin;
        t.add_row({std::to_string(k + 1), o.file + ":" + std::to_string(o.line) + " (" + o.column + ")",
                   range(b.low, b.high), sig(b.output_low), sig(b.output_high), sig(b.swing()),
                   b.first_order ? sig(*b.first_order, 2) : "-"});
    }
    t.print(out, format);
    out << '\n' << (md ? "" : "  ") << "sources:\n";
    for (std::size_t k = 0; k < s.bars.size(); ++k)
        out << (md ? "- " : "  ") << k + 1 << ". " << s.bars[k].origin.source << '\n';
}

void write_assess_uncertainty(std::ostream& out, Format format, const Model& model, const Assessment& a,
                              const AssessUncertainty& u)
{
    const bool csv = format == Format::Csv, md = format == Format::Md;
    if (csv) {
        TextTable t({"element", "recovered_kg", "recovered_kg_mean", "recovered_kg_p5", "recovered_kg_p50",
                     "recovered_kg_p95", "recovery_rate", "recovery_rate_mean", "recovery_rate_p5",
                     "recovery_rate_p50", "recovery_rate_p95"});
        for (std::size_t i = 0; i < u.elements.size(); ++i) {
            const auto e = static_cast<Eigen::Index>(u.elements[i]);
            const Summary& r = u.recovered_kg[i];
            const Summary& q = u.recovery_rate[i];
            t.add_row({model.elements[u.elements[i]].symbol, sig(a.recovered_kg[e], 6), sig(r.mean, 6), sig(r.p5, 6),
                       sig(r.p50, 6), sig(r.p95, 6), sig(a.recovery_rate[e], 6), sig(q.mean, 6), sig(q.p5, 6),
                       sig(q.p50, 6), sig(q.p95, 6)});
        }
        t.print_csv(out);
        return;
    }
    out << '\n' << (md ? "### " : "") << "Uncertainty: " << monte_carlo_line(u.samples, u.seed, u.adjustments) << "\n\n";
    TextTable t({"element", "recovered_kg", "P50", "P5 – P95 kg", "recovery_rate", "P5 – P95"},
                {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right});
    for (std::size_t i = 0; i < u.elements.size(); ++i) {
        const auto e = static_cast<Eigen::Index>(u.elements[i]);
        const Summary& r = u.recovered_kg[i];
        const Summary& q = u.recovery_rate[i];
        t.add_row({model.elements[u.elements[i]].symbol, sig(a.recovered_kg[e]), sig(r.p50), range(r.p5, r.p95),
                   percent(a.recovery_rate[e]), percent_range(q.p5, q.p95)});
    }
    t.print(out, format);
    out << '\n'
        << "Recyclability rate: " << percent(a.recyclability_rate) << " (P5 – P95 "
        << percent_range(u.recyclability_rate.p5, u.recyclability_rate.p95) << ", mean "
        << percent(u.recyclability_rate.mean) << ")\n"
        << "Value of what is recovered: P50 " << sig(u.value_usd.p50) << " USD (P5 – P95 "
        << range(u.value_usd.p5, u.value_usd.p95) << ", mean " << sig(u.value_usd.mean)
        << "; prices with low/high sampled)\n";
    if (u.sensitivity) write_tornado(out, format, model, *u.sensitivity);
}

void write_compare_uncertainty(std::ostream& out, Format format, const Model& model, const std::vector<Assessment>& as,
                               const std::vector<AssessUncertainty>& us)
{
    if (as.empty() || us.empty()) return;
    const bool md = format == Format::Md;
    out << '\n'
        << (md ? "### " : "") << "Uncertainty: recovered kg P5 – P95; "
        << monte_carlo_line(us.front().samples, us.front().seed, us.front().adjustments)
        << " (same samples for every column)\n\n";
    std::vector<std::string> headers{"element"};
    std::vector<Align> align{Align::Left};
    for (std::size_t k = 0; k < as.size(); ++k) {
        headers.push_back(compare_label(model, as, k));
        align.push_back(Align::Right);
    }
    TextTable t(headers, align);
    for (std::size_t e : us.front().elements) {
        std::vector<std::string> row{model.elements[e].symbol};
        for (const auto& u : us) {
            std::size_t i = index_of(u, e);
            row.push_back(i == npos ? "-" : range(u.recovered_kg[i].p5, u.recovered_kg[i].p95));
        }
        t.add_row(row);
    }
    t.add_rule();
    std::vector<std::string> total{"recyclability"};
    for (const auto& u : us) total.push_back(percent_range(u.recyclability_rate.p5, u.recyclability_rate.p95));
    t.add_row(total);
    std::vector<std::string> value{"value_usd"};
    for (const auto& u : us) value.push_back(range(u.value_usd.p5, u.value_usd.p95));
    t.add_row(value);
    t.print(out, format);
    for (std::size_t k = 0; k < us.size(); ++k) {
        if (!us[k].sensitivity) continue;
        Sensitivity s = *us[k].sensitivity;
        s.output += " under " + headers[k + 1];
        write_tornado(out, format, model, s);
    }
}

namespace {

// {"mean": [...], "p5": [...], "p50": [...], "p95": [...]} over years, scaled by `scale`.
json series_json(const std::vector<Summary>& by_year, double scale)
{
    json mean = json::array(), p5 = json::array(), p50 = json::array(), p95 = json::array();
    for (const auto& s : by_year) {
        mean.push_back(number(s.mean * scale));
        p5.push_back(number(s.p5 * scale));
        p50.push_back(number(s.p50 * scale));
        p95.push_back(number(s.p95 * scale));
    }
    return {{"mean", mean}, {"p5", p5}, {"p50", p50}, {"p95", p95}};
}

json scaled(const Summary& s, double scale)
{
    return summary_json(Summary{s.mean * scale, s.p5 * scale, s.p50 * scale, s.p95 * scale, s.count});
}

constexpr double kTonnesPerKg = 1e-3;

}  // namespace

void add_run_uncertainty_json(json& run, const Model& model, const Scenario& scenario, const RunUncertainty& u)
{
    for (const auto& t : u.targets) {
        if (t.target >= run["targets"].size()) continue;
        run["targets"][t.target]["uncertainty"] = {{"recovered_t", scaled(t.recovered_kg, kTonnesPerKg)},
                                                   {"recycled_share", summary_json(t.recycled_share)},
                                                   {"probability_met", number(t.probability_met)},
                                                   {"sensitivity", t.sensitivity ? sensitivity_json(model, *t.sensitivity)
                                                                                 : json(nullptr)}};
    }
    for (std::size_t i = 0; i < u.elements.size(); ++i) {
        const std::string& symbol = model.elements[u.elements[i]].symbol;
        if (!run["elements"].contains(symbol)) continue;
        run["elements"][symbol]["uncertainty"] = {{"recovered_t", series_json(u.recovered_kg[i], kTonnesPerKg)},
                                                  {"recycled_share", series_json(u.recycled_share[i], 1.0)}};
    }
    (void)scenario;
    if (run.contains("value"))
        run["value"]["uncertainty"] = {{"year", u.value_year}, {"value_usd", summary_json(u.value_usd)}};
    run["uncertainty"] = sampling_json(u.samples, u.seed, u.given, u.ranged_params, u.adjustments);
    run["uncertainty"]["sensitivity"] = u.sensitivity ? sensitivity_json(model, *u.sensitivity) : json(nullptr);
}

namespace {

// As the deterministic headline writes a value: "700.9 million USD" from a million up.
std::string scaled_usd(double usd) { return usd >= 1e6 ? sig(usd / 1e6) + " million USD" : sig(usd) + " USD"; }

}  // namespace

void write_run_uncertainty(std::ostream& out, Format format, const Model& model, const Scenario& scenario,
                           const RunUncertainty& u)
{
    const bool md = format == Format::Md;
    out << '\n' << (md ? "### " : "") << "Uncertainty: " << monte_carlo_line(u.samples, u.seed, u.adjustments) << "\n\n";
    TextTable t({"element", "year", "target", "recycled P50", "P5 – P95", "recovered_t P5 – P95", "P(met)"},
                {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right});
    for (const auto& tu : u.targets) {
        const Target& target = scenario.targets[tu.target];
        t.add_row({model.elements[target.element].symbol, std::to_string(target.year), percent(target.share, 3),
                   percent(tu.recycled_share.p50, 3), percent_range(tu.recycled_share.p5, tu.recycled_share.p95),
                   range(tu.recovered_kg.p5 * kTonnesPerKg, tu.recovered_kg.p95 * kTonnesPerKg),
                   percent(tu.probability_met, 3)});
    }
    t.print(out, format);
    out << '\n'
        << "Value of what is recovered in " << u.value_year << ": P50 " << scaled_usd(u.value_usd.p50) << " (P5 – P95 "
        << scaled_usd(u.value_usd.p5) << " – " << scaled_usd(u.value_usd.p95) << ", mean " << scaled_usd(u.value_usd.mean)
        << "; prices with low/high sampled)\n";
    if (u.sensitivity) write_tornado(out, format, model, *u.sensitivity);
}

}  // namespace reclaim
