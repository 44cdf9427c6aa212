#include "report/run_html.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <functional>

#include "report/format.hpp"
#include "report/route_report.hpp"
#include "report/run_report.hpp"
#include "report/svg.hpp"
#include "report/uncertainty_html.hpp"
#include "report/uncertainty_report.hpp"
#include "report/value_html.hpp"

namespace reclaim {

namespace {

constexpr double kTonnesPerKg = 1e-3;

Eigen::Index ix(std::size_t i) { return static_cast<Eigen::Index>(i); }

double at(const Eigen::MatrixXd& m, std::size_t e, int t) { return m(ix(e), t); }

// The position of `element` among the elements a Monte Carlo run kept, npos if absent.
std::size_t kept(const RunUncertainty* u, std::size_t element)
{
    if (!u) return npos;
    for (std::size_t i = 0; i < u->elements.size(); ++i)
        if (u->elements[i] == element) return i;
    return npos;
}

const TargetUncertainty* target_uncertainty(const RunUncertainty* u, std::size_t target)
{
    if (!u) return nullptr;
    for (const auto& t : u->targets)
        if (t.target == target) return &t;
    return nullptr;
}

}  // namespace

SankeyGraph run_flow_graph(const ScenarioResult& r, std::size_t e, int t)
{
    SankeyGraph g;
    const double eol = at(r.eol_kg, e, t) * kTonnesPerKg;
    const double collected = at(r.collected_kg, e, t) * kTonnesPerKg;
    const double untreated = at(r.untreated_kg, e, t) * kTonnesPerKg;
    const double scrap = at(r.scrap_kg, e, t) * kTonnesPerKg;
    const double recovered_eol = at(r.recovered_eol_kg, e, t) * kTonnesPerKg;
    const double recovered_scrap = at(r.recovered_scrap_kg, e, t) * kTonnesPerKg;
    auto treatment = npos, collected_node = npos;
    if (eol > 0) {
        auto src = g.add_node("end-of-life products", "source");
        collected_node = g.add_node("collected", "process");
        g.add_link(src, collected_node, collected, "flow");
        const double exported = at(r.exported_kg, e, t) * kTonnesPerKg;
        if (exported > 0) g.add_link(src, g.add_node("exported", "uncollected"), exported, "uncollected");
        const double uncollected = at(r.uncollected_kg, e, t) * kTonnesPerKg;
        if (uncollected > 0) g.add_link(src, g.add_node("uncollected", "uncollected"), uncollected, "uncollected");
    }
    auto treat = [&] {
        if (treatment == npos) treatment = g.add_node("recycling routes", "process");
        return treatment;
    };
    if (collected > 0) {
        if (untreated > 0) g.add_link(collected_node, g.add_node("untreated", "untreated"), untreated, "untreated");
        if (collected - untreated > 0) g.add_link(collected_node, treat(), collected - untreated, "flow");
    }
    if (scrap > 0) g.add_link(g.add_node("manufacturing scrap", "source"), treat(), scrap, "flow");
    if (recovered_eol + recovered_scrap > 0)
        g.add_link(treat(), g.add_node("recovered", "recovered"), recovered_eol + recovered_scrap, "recovered");
    for (std::size_t k = 0; k < r.loss_names.size(); ++k) {
        double lost = (at(r.loss_eol_kg[k], e, t) + at(r.loss_scrap_kg[k], e, t)) * kTonnesPerKg;
        if (lost > 0) g.add_link(treat(), g.add_node(sink_label(r.loss_names[k]), "loss"), lost, "loss");
    }
    return g;
}

ReportDocument run_report(const Model& model, const Scenario& sc,
                          const ScenarioResult& r, const std::vector<TargetAnalysis>& targets,
                          const RunUncertainty* u, const RunValue* value)
{
    const int last_year = r.year(r.n_years - 1);
    std::string intro = sc.description;
    if (!intro.empty() && intro.back() != '.') intro += '.';
    ReportDocument doc("Scenario: " + sc.name, intro + (intro.empty() ? "" : " ") + "Years " +
                                                  std::to_string(r.first_year) + "\u2013" + std::to_string(last_year) +
                                                  ", survival convention '" + survival_name(r.survival) + "'; " +
                                                  demand_basis_text(sc.demand_basis) + "." +
                                                  overlays_text(model.overlays));
    doc.heading("Headline");
    if (u)
        doc.paragraph("Monte Carlo over every ranged parameter of the data: " +
                      monte_carlo_line(u->samples, u->seed, u->adjustments) + ". The deterministic numbers are at "
                      "nominal values; P5\u2013P95 is the range of 90% of the samples.");
    for (std::size_t k = 0; k < targets.size(); ++k) {
        const TargetAnalysis& a = targets[k];
        const TargetStatus& s = a.status;
        const std::string& sym = model.elements[s.target.element].symbol;
        std::string text = sym + " in " + std::to_string(s.target.year) + ": " +
                           (std::isfinite(s.achieved_share) ? percent(s.achieved_share) : "n/a") +
                           " of demand from recycling against a target of " + percent(s.target.share) + " \u2014 " +
                           (s.met ? "met" : "not met") +
                           (s.first_year_met ? " (first met in " + std::to_string(*s.first_year_met) + ")"
                                             : " (not met by " + std::to_string(last_year) + ")") +
                           ".";
        if (const auto* tu = target_uncertainty(u, k))
            text += " Probability of meeting it: " + percent(tu->probability_met) + " (recycled share P5\u2013P95 " +
                    range_text(percent(tu->recycled_share.p5), percent(tu->recycled_share.p95)) + ").";
        text += " Collection needed: " + lever_text(a.collection, a.collection.required, "at full collection") + ".";
        if (sc.magnet_lever && a.magnet_moved.applicable)
            text += " Magnet extraction needed (share of the " + model.classes[sc.magnet_lever->treatment_class] +
                    " class sent to " + model.routes[sc.magnet_lever->extraction_route].id +
                    "): " + magnet_lever_text(sc, a) + ".";
        std::string flips = flips_text(a);
        flips[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(flips[0])));
        doc.callout(text + " " + flips, s.met ? "good" : "bad");
    }
    if (targets.empty()) doc.paragraph("The scenario sets no targets.");
    ReportTable t;
    t.headers = {"element", "year", "demand_t", "recovered_eol_t", "recovered_scrap_t", "achieved_share", "target",
                 "met", "required_collection_rate"};
    t.numeric = {false, true, true, true, true, true, true, false, true};
    if (sc.magnet_lever) {
        t.headers.push_back("required_magnet_extraction");
        t.numeric.push_back(false);  // may be a sentence; it wraps instead of widening the page
    }
    for (const auto& a : targets) {
        const TargetStatus& s = a.status;
        t.rows.push_back({model.elements[s.target.element].symbol, std::to_string(s.target.year),
                          sig(s.demand_kg * kTonnesPerKg), sig(s.recovered_eol_kg * kTonnesPerKg),
                          sig(s.recovered_scrap_kg * kTonnesPerKg),
                          std::isfinite(s.achieved_share) ? percent(s.achieved_share) : "n/a", percent(s.target.share),
                          s.met ? "yes" : "no",
                          a.collection.reachable ? percent(a.collection.required) : "not reachable"});
        if (sc.magnet_lever) {
            // The callout says it in full; the table keeps the cell short.
            const LeverSolution& m = a.magnet_moved;
            t.rows.back().push_back(!m.applicable ? "n/a"
                                    : !m.reachable ? "not reachable (at most " + percent(m.max_share) + " of demand)"
                                                   : magnet_lever_text(sc, a));
        }
    }
    if (!targets.empty()) doc.table(t);
    if (u && !u->targets.empty()) {
        ReportTable ut;
        ut.caption = "Over the Monte Carlo samples, in the target year.";
        ut.headers = {"element", "year", "target", "recycled_share P5", "P50", "P95", "recovered_t P5", "P95",
                      "probability_met"};
        ut.numeric = {false, true, true, true, true, true, true, true, true};
        for (const auto& tu : u->targets) {
            const Target& target = sc.targets[tu.target];
            ut.rows.push_back({model.elements[target.element].symbol, std::to_string(target.year),
                               percent(target.share), percent(tu.recycled_share.p5), percent(tu.recycled_share.p50),
                               percent(tu.recycled_share.p95), sig(tu.recovered_kg.p5 * kTonnesPerKg),
                               sig(tu.recovered_kg.p95 * kTonnesPerKg), percent(tu.probability_met)});
        }
        doc.table(ut);
    }
    if (value) {
        add_run_value_headline(doc, model, sc, r, *value, u);
        add_run_value(doc, model, sc, r, *value);
    }

    // The elements drawn: those with a target, in the order of the targets.
    std::vector<std::pair<std::size_t, const TargetAnalysis*>> drawn;
    for (const auto& a : targets) drawn.emplace_back(a.status.target.element, &a);

    doc.heading("Over time");
    doc.paragraph(std::string("Recovered mass per year, from end-of-life products (green) and from manufacturing scrap "
                              "(amber), stacked, against the target share of demand (dashed red); the dotted line "
                              "marks the target year.") +
                  (u ? " The light blue band is P5\u2013P95 of the total recovered over the Monte Carlo samples." : ""));
    std::vector<int> years;
    for (int y = 0; y < r.n_years; ++y) years.push_back(r.year(y));
    for (const auto& [e, a] : drawn) {
        const std::string& sym = model.elements[e].symbol;
        TimeSeriesChart c;
        c.title = sym + ": recovered against " + percent(a->status.target.share) + " of demand";
        c.unit = "t";
        c.years = years;
        ChartSeries eol{"recovered from end-of-life products", {}, "eol"}, scrap{"recovered from scrap", {}, "scrap"};
        ChartSeries target{percent(a->status.target.share) + " of demand", {}, "target"};
        for (int y = 0; y < r.n_years; ++y) {
            eol.values.push_back(at(r.recovered_eol_kg, e, y) * kTonnesPerKg);
            scrap.values.push_back(at(r.recovered_scrap_kg, e, y) * kTonnesPerKg);
            target.values.push_back(at(r.demand_kg, e, y) * kTonnesPerKg * a->status.target.share);
        }
        c.stacked = {eol, scrap};
        c.lines = {target};
        if (std::size_t i = kept(u, e); i != npos) {
            ChartSeries low{"P5", {}, "band"}, high{"P95 recovered", {}, "band"};
            for (const auto& s : u->recovered_kg[i]) {
                low.values.push_back(s.p5 * kTonnesPerKg);
                high.values.push_back(s.p95 * kTonnesPerKg);
            }
            c.band_low = low;
            c.band_high = high;
        }
        c.marker_year = a->status.target.year;
        c.marker_label = "target year " + std::to_string(a->status.target.year);
        doc.figure(time_series_svg(c), sym + " per year [t].");
    }

    doc.heading("Where the elements go in the target year");
    doc.paragraph("Band widths are to scale within each diagram [t]: end-of-life content and manufacturing scrap "
                  "through collection and the recycling routes to recovered mass (green) and named losses (grey); "
                  "uncollected and untreated mass leaves in muted colours.");
    for (const auto& [e, a] : drawn) {
        const std::string& sym = model.elements[e].symbol;
        int ti = std::clamp(r.index_of(a->status.target.year), 0, r.n_years - 1);
        SankeyGraph g = run_flow_graph(r, e, ti);
        SankeyChart chart;
        chart.unit = "t";
        chart.layout.width = 720;
        chart.layout.height = std::max(260.0, 30.0 * static_cast<double>(g.nodes.size()) / 2.0);
        doc.heading(sym + " in " + std::to_string(r.year(ti)), 3);
        doc.figure(sankey_svg(g, chart), sym + " in " + std::to_string(r.year(ti)) + " [t].");

        BarChart losses;
        losses.title = sym + ": largest losses in " + std::to_string(r.year(ti)) + ", t";
        losses.unit = "t";
        losses.sort = true;
        losses.bars.push_back({"uncollected", (at(r.uncollected_kg, e, ti)) * kTonnesPerKg, "uncollected"});
        if (at(r.exported_kg, e, ti) > 0)
            losses.bars.push_back({"exported", at(r.exported_kg, e, ti) * kTonnesPerKg, "uncollected"});
        losses.bars.push_back({"untreated", at(r.untreated_kg, e, ti) * kTonnesPerKg, "untreated"});
        for (std::size_t k = 0; k < r.loss_names.size(); ++k) {
            double lost = (at(r.loss_eol_kg[k], e, ti) + at(r.loss_scrap_kg[k], e, ti)) * kTonnesPerKg;
            if (lost > 0) losses.bars.push_back({sink_label(r.loss_names[k]), lost, "loss"});
        }
        std::stable_sort(losses.bars.begin(), losses.bars.end(), [](const Bar& x, const Bar& y) { return x.value > y.value; });
        if (losses.bars.size() > 8) losses.bars.resize(8);
        doc.figure(bar_chart_svg(losses), "The largest losses of " + sym + " in " + std::to_string(r.year(ti)) + ".");
    }

    if (u && u->sensitivity) {
        doc.heading("What the uncertainty depends on");
        add_tornado(doc, model, *u->sensitivity, true);
    }

    doc.page_break();
    doc.heading("Assumptions");
    doc.paragraph("Every parameter of the products on the market, their materials, the plans and the routes the run "
                  "used, as read from the data folder (values in base units: kg, fractions). The scenario's time "
                  "series are in the scenario folder.");
    doc.table(assumptions_table(r.params));
    return doc;
}

}  // namespace reclaim
