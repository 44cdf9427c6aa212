#include "report/assess_html.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "report/assess_report.hpp"
#include "report/format.hpp"
#include "report/route_report.hpp"
#include "report/svg.hpp"
#include "report/uncertainty_html.hpp"
#include "report/uncertainty_report.hpp"
#include "report/value_html.hpp"

namespace reclaim {

namespace {

Eigen::Index ix(std::size_t i) { return static_cast<Eigen::Index>(i); }

// A node of Assessment::flows for people, and its colour class.
std::pair<std::string, std::string> node_of(const std::string& name)
{
    if (name.rfind("class:", 0) == 0) return {name.substr(6) + " parts", "source"};
    if (name == "collection") return {"collected", "process"};
    if (name == "uncollected") return {"uncollected", "uncollected"};
    if (name == "untreated" || name == "loss:untreated") return {"untreated", "untreated"};
    if (name.rfind("recovered:", 0) == 0) return {sink_label(name), "recovered"};
    if (name.rfind("loss:", 0) == 0) return {sink_label(name), "loss"};
    return {name, "process"};  // route/process
}

std::string link_category(const std::string& node_category)
{
    if (node_category == "source" || node_category == "process") return "flow";
    return node_category;
}


std::string amount_text(const Model& model, const Assessment& a)
{
    const Product& p = model.products[a.product];
    return sig(a.functional_units) + " " + std::string(p.unit->symbol) + " of " + p.id + " (" + sig(a.product_mass_kg) +
           " kg)";
}

// One Sankey per drawn element, in kg or t as the element's contained mass says.
void add_sankeys(ReportDocument& doc, const Model& model, const Assessment& a)
{
    for (auto e : report_elements(model, a)) {
        const auto& el = model.elements[e];
        auto [unit, per_kg] = mass_unit(a.contained_kg[ix(e)]);
        SankeyGraph g = assessment_flow_graph(model, a, e, per_kg);
        auto lay = layout_sankey(g);
        std::vector<std::size_t> per_column(std::max<std::size_t>(lay.columns, 1), 0);
        for (const auto& nb : lay.nodes) ++per_column[nb.column];
        SankeyChart chart;
        chart.unit = unit;
        chart.layout.width = 720;
        chart.layout.height =
            std::max(260.0, 32.0 * static_cast<double>(*std::max_element(per_column.begin(), per_column.end())));
        doc.heading(el.symbol + " (" + el.name + ")", 3);
        doc.figure(sankey_svg(g, chart), el.symbol + ": " + sig(a.contained_kg[ix(e)]) + " kg contained, " +
                                             sig(a.recovered_kg[ix(e)]) + " kg recovered (" +
                                             percent(a.recovery_rate[ix(e)]) + ").");
    }
}

ReportTable element_table(const Model& model, const Assessment& a)
{
    ReportTable t;
    t.headers = {"element", "contained_kg", "uncollected_kg", "untreated_kg", "recovered_kg", "lost_kg", "recovery_rate"};
    t.numeric = {false, true, true, true, true, true, true};
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        if (!(a.contained_kg[ix(e)] > 0)) continue;
        t.rows.push_back({model.elements[e].symbol, sig(a.contained_kg[ix(e)]), sig(a.uncollected_kg[ix(e)]),
                          sig(a.untreated_kg[ix(e)]), sig(a.recovered_kg[ix(e)]), sig(a.lost_kg[ix(e)]),
                          percent(a.recovery_rate[ix(e)])});
    }
    return t;
}

std::size_t kept(const AssessUncertainty* u, std::size_t element)
{
    if (!u) return npos;
    for (std::size_t i = 0; i < u->elements.size(); ++i)
        if (u->elements[i] == element) return i;
    return npos;
}

std::string kg_range(const Summary& s) { return range_text(sig(s.p5), sig(s.p95)); }
std::string percent_range(const Summary& s) { return range_text(percent(s.p5), percent(s.p95)); }

// P5, P50, P95 of recovered mass and recovery rate per element, beside the nominal values.
ReportTable uncertainty_table(const Model& model, const Assessment& a, const AssessUncertainty& u)
{
    ReportTable t;
    t.caption = "Over the Monte Carlo samples; recovered_kg and recovery_rate at nominal values for comparison.";
    t.headers = {"element", "recovered_kg", "P5", "P50", "P95", "recovery_rate", "P5", "P50", "P95"};
    t.numeric = {false, true, true, true, true, true, true, true, true};
    for (std::size_t i = 0; i < u.elements.size(); ++i) {
        const auto e = ix(u.elements[i]);
        if (!(a.contained_kg[e] > 0)) continue;
        const Summary& m = u.recovered_kg[i];
        const Summary& q = u.recovery_rate[i];
        t.rows.push_back({model.elements[u.elements[i]].symbol, sig(a.recovered_kg[e]), sig(m.p5), sig(m.p50),
                          sig(m.p95), percent(a.recovery_rate[e]), percent(q.p5), percent(q.p50), percent(q.p95)});
    }
    return t;
}

void add_top_losses(ReportDocument& doc, const Model& model, const Assessment& a)
{
    if (a.top_losses.empty()) return;
    doc.heading("Largest losses of critical elements");
    BarChart bars;
    bars.title = "Share of the element's contained mass lost, %";
    bars.unit = "%";
    ReportTable t;
    t.headers = {"element", "share", "kg", "cause"};
    t.numeric = {false, true, true, false};
    for (const auto& l : a.top_losses) {
        const std::string& sym = model.elements[l.element].symbol;
        std::string category = l.kind == TopLoss::Kind::Uncollected ? "uncollected"
                               : l.kind == TopLoss::Kind::Untreated ? "untreated"
                                                                    : "loss";
        bars.bars.push_back({sym + ": " + node_of(top_loss_sink(model, l)).first, l.share * 100.0, category});
        t.rows.push_back({sym, percent(l.share), sig(l.kg), top_loss_cause(model, a, l)});
    }
    doc.figure(bar_chart_svg(bars), "The largest losses, largest first; the table names each cause.");
    doc.table(t);
}

}  // namespace

SankeyGraph assessment_flow_graph(const Model& model, const Assessment& a, std::size_t element, double per_kg)
{
    (void)model;
    SankeyGraph g;
    std::map<std::string, std::size_t> nodes;
    auto node = [&](const std::string& name) {
        auto it = nodes.find(name);
        if (it != nodes.end()) return it->second;
        auto [label, category] = node_of(name);
        return nodes[name] = g.add_node(label, category);
    };
    for (const auto& f : a.flows) {
        if (f.element != element) continue;
        std::size_t from = node(f.from);
        std::size_t to = node(f.to);
        g.add_link(from, to, f.kg * per_kg, link_category(g.nodes[to].category));
    }
    return g;
}

std::vector<std::size_t> report_elements(const Model& model, const Assessment& a)
{
    std::vector<std::size_t> out;
    for (auto e : a.critical)
        if (a.contained_kg[ix(e)] > 0) out.push_back(e);
    if (!out.empty()) return out;
    for (std::size_t e = 0; e < model.elements.size(); ++e)
        if (a.contained_kg[ix(e)] > 0) out.push_back(e);
    std::stable_sort(out.begin(), out.end(),
                     [&](std::size_t x, std::size_t y) { return a.contained_kg[ix(x)] > a.contained_kg[ix(y)]; });
    if (out.size() > 3) out.resize(3);
    return out;
}

ReportDocument assess_report(const Model& model, const Assessment& a, bool plan_defaulted, const AssessUncertainty* u,
                             const AssessValue* value)
{
    const Product& p = model.products[a.product];
    ReportDocument doc("Assessment: " + p.name,
                       amount_text(model, a) + ", collection " + percent(a.collection) + ", " +
                           treatment_text(model, a, plan_defaulted) + "." + overlays_text(model.overlays));
    doc.heading("Headline");
    if (u)
        doc.paragraph("Monte Carlo over every ranged parameter the assessment uses: " +
                      monte_carlo_line(u->samples, u->seed, u->adjustments) + ". The numbers are at nominal values; "
                      "P5\u2013P95 is the range of 90% of the samples.");
    doc.callout(percent(a.recyclability_rate) + " of the product's mass is recovered (recyclability rate" +
                    (u ? "; P5\u2013P95 " + percent_range(u->recyclability_rate) + ")." : ")."),
                "note");
    for (auto e : report_elements(model, a)) {
        std::string text = model.elements[e].symbol + ": " + percent(a.recovery_rate[ix(e)]) + " of " +
                           sig(a.contained_kg[ix(e)]) + " kg recovered; " + sig(a.uncollected_kg[ix(e)]) +
                           " kg uncollected, " + sig(a.untreated_kg[ix(e)]) + " kg untreated, " +
                           sig(a.lost_kg[ix(e)]) + " kg lost in treatment.";
        if (std::size_t i = kept(u, e); i != npos)
            text += " P5\u2013P95: " + kg_range(u->recovered_kg[i]) + " kg recovered, " +
                    percent_range(u->recovery_rate[i]) + ".";
        doc.paragraph(text);
    }

    doc.heading("Every element");
    BarChart bars;
    bars.title = "Recovery rate, % of contained";
    bars.unit = "%";
    for (std::size_t e = 0; e < model.elements.size(); ++e)
        if (a.contained_kg[ix(e)] > 0) bars.bars.push_back({model.elements[e].symbol, a.recovery_rate[ix(e)] * 100.0, "recovered"});
    doc.figure(bar_chart_svg(bars), "Recovered share of each element the product contains.");
    doc.table(element_table(model, a));
    if (u) {
        doc.heading("Uncertainty");
        doc.table(uncertainty_table(model, a, *u));
        if (u->sensitivity) add_tornado(doc, model, *u->sensitivity, false, "kg");
    }
    if (value) add_assess_value(doc, model, a, *value, u);

    add_top_losses(doc, model, a);

    doc.heading("Where the critical elements go");
    doc.paragraph("Band widths are to scale within each diagram: a band is the mass of the element flowing from "
                  "treatment classes through collection and the route processes to recovered forms (green) and "
                  "named losses (grey); uncollected and untreated mass leaves in muted colours.");
    add_sankeys(doc, model, a);

    doc.page_break();
    doc.heading("Assumptions");
    doc.paragraph("Every parameter of the product, its materials, the plan and the routes used, as read from the data "
                  "folder (values in base units: kg, fractions).");
    doc.table(assumptions_table(a.params));
    return doc;
}

ReportDocument compare_report(const Model& model, const std::vector<Assessment>& as,
                              const std::vector<AssessUncertainty>* us, const std::vector<AssessValue>* values)
{
    if (us && us->size() != as.size()) us = nullptr;
    if (as.empty()) return ReportDocument("Comparison");
    const Assessment& first = as.front();
    const bool products = compares_products(as);
    ReportDocument doc(products ? "Comparison of products under " + treatment_text(model, first, false)
                                : "Comparison: " + model.products[first.product].name,
                       (products ? sig(first.functional_units) + " functional unit(s) of each"
                                 : amount_text(model, first)) +
                           ", collection " + percent(first.collection) + "." + overlays_text(model.overlays));
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < as.size(); ++k) labels.push_back(compare_label(model, as, k));
    auto held = [&](std::size_t e) {
        return std::any_of(as.begin(), as.end(), [&](const Assessment& a) { return a.contained_kg[ix(e)] > 0; });
    };

    doc.heading("Recovered by element");
    ReportTable t;
    t.headers = {"element"};
    t.numeric = {false};
    if (!products) {
        t.headers.push_back("contained_kg");
        t.numeric.push_back(true);
    }
    for (const auto& l : labels) {
        if (products) {
            t.headers.push_back(l + " contained_kg");
            t.numeric.push_back(true);
        }
        t.headers.push_back(l + " recovered_kg");
        t.headers.push_back(l + " rate");
        t.numeric.push_back(true);
        t.numeric.push_back(true);
    }
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        if (!held(e)) continue;
        std::vector<std::string> row{model.elements[e].symbol};
        if (!products) row.push_back(sig(first.contained_kg[ix(e)]));
        for (const auto& a : as) {
            if (products) row.push_back(sig(a.contained_kg[ix(e)]));
            row.push_back(sig(a.recovered_kg[ix(e)]));
            row.push_back(percent(a.recovery_rate[ix(e)]));
        }
        t.rows.push_back(row);
    }
    doc.table(t);
    if (us && !us->empty()) {
        doc.heading("Uncertainty");
        const AssessUncertainty& u0 = us->front();
        doc.paragraph("Monte Carlo, the same samples for every treatment (common random numbers, so differences "
                      "between them are not sampling noise): " +
                      monte_carlo_line(u0.samples, u0.seed, u0.adjustments) + ". P5\u2013P95 per element.");
        ReportTable ut;
        ut.headers = {"element"};
        ut.numeric = {false};
        for (const auto& l : labels) {
            ut.headers.push_back(l + " recovered_kg P5 \u2013 P95");
            ut.headers.push_back(l + " rate P5 \u2013 P95");
            ut.numeric.push_back(true);
            ut.numeric.push_back(true);
        }
        for (std::size_t e = 0; e < model.elements.size(); ++e) {
            if (!held(e)) continue;
            std::vector<std::string> row{model.elements[e].symbol};
            for (const auto& u : *us) {
                std::size_t i = kept(&u, e);
                row.push_back(i == npos ? "-" : kg_range(u.recovered_kg[i]));
                row.push_back(i == npos ? "-" : percent_range(u.recovery_rate[i]));
            }
            ut.rows.push_back(row);
        }
        std::vector<std::string> total{"recyclability rate"};
        for (const auto& u : *us) {
            total.push_back("");
            total.push_back(percent_range(u.recyclability_rate));
        }
        ut.rows.push_back(total);
        doc.table(ut);
    }
    for (auto e : report_elements(model, first)) {
        BarChart bars;
        bars.title = model.elements[e].symbol + ": recovery rate by treatment, %";
        bars.unit = "%";
        for (std::size_t i = 0; i < as.size(); ++i)
            bars.bars.push_back({labels[i], as[i].recovery_rate[ix(e)] * 100.0, "recovered"});
        doc.figure(bar_chart_svg(bars), model.elements[e].symbol + " recovered under each treatment.");
    }
    if (values) add_compare_value(doc, model, as, *values);
    for (std::size_t i = 0; i < as.size(); ++i) {
        doc.page_break();
        doc.heading(labels[i]);
        if (us && (*us)[i].sensitivity) add_tornado(doc, model, *(*us)[i].sensitivity, false, "kg");
        add_top_losses(doc, model, as[i]);
        doc.heading("Where the critical elements go", 3);
        add_sankeys(doc, model, as[i]);
    }
    doc.page_break();
    doc.heading("Assumptions");
    std::vector<UsedParam> used;
    for (const auto& a : as) used.insert(used.end(), a.params.begin(), a.params.end());
    doc.table(assumptions_table(used));
    return doc;
}

}  // namespace reclaim
