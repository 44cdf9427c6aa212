#include "report/route_report.hpp"

#include <algorithm>

#include "report/format.hpp"
#include "report/svg.hpp"

namespace reclaim {

namespace {

Eigen::Index ix(std::size_t i) { return static_cast<Eigen::Index>(i); }

bool uses_fallback_only(const Route& route, std::size_t element)
{
    return std::none_of(route.processes.begin(), route.processes.end(),
                        [&](const Process& p) { return p.by_element.count(element) > 0; });
}

// One flow between two nodes of the route graph, per kg fed.
struct Flow {
    std::size_t from = npos;  // process index; npos: the feed
    std::size_t to = npos;    // process index, or sink index when `to_sink`
    bool to_sink = false;
    double kg = 0.0;
    std::string category;
};

// Every positive flow of `element`: feed -> entry, process -> process, process -> sink. The
// shares are normalised per (process, element) exactly as the solver does.
std::vector<Flow> flows(const Model& model, const RouteSolution& sol, const ParamValues& values, std::size_t element,
                        double feed_kg)
{
    const Route& route = model.routes[sol.route];
    std::vector<Flow> out;
    out.push_back({npos, route.entry, false, feed_kg, "flow"});
    for (std::size_t p = 0; p < route.processes.size(); ++p) {
        double x = sol.throughput(ix(element), ix(p)) * feed_kg;
        if (x <= 0) continue;
        const auto& ts = route.processes[p].transfers(element);
        double sum = 0.0;
        for (const auto& t : ts) sum += std::max(0.0, values[t.share.index]);
        if (sum <= 0) continue;
        for (const auto& t : ts) {
            double kg = x * std::max(0.0, values[t.share.index]) / sum;
            if (kg <= 0) continue;
            if (t.to.kind == Destination::Kind::Process) {
                out.push_back({p, t.to.index, false, kg, "flow"});
            } else {
                out.push_back({p, t.to.index, true, kg, route.sinks[t.to.index].recovered() ? "recovered" : "loss"});
            }
        }
    }
    return out;
}

}  // namespace

std::string sink_label(const std::string& sink)
{
    if (sink.rfind("recovered:", 0) == 0) return sink.substr(10);
    if (sink.rfind("loss:", 0) == 0) return "lost: " + sink.substr(5);
    return sink;
}

SankeyGraph route_flow_graph(const Model& model, const RouteSolution& solution, const ParamValues& values,
                             std::size_t element, double feed_kg)
{
    const Route& route = model.routes[solution.route];
    SankeyGraph g;
    std::vector<std::size_t> process_node(route.processes.size(), npos), sink_node(route.sinks.size(), npos);
    std::size_t feed = g.add_node("feed", "source");
    auto process = [&](std::size_t p) {
        if (p == npos) return feed;
        if (process_node[p] == npos) process_node[p] = g.add_node(route.processes[p].name, "process");
        return process_node[p];
    };
    auto sink = [&](std::size_t k) {
        const Sink& name = route.sinks[k];
        if (sink_node[k] == npos) sink_node[k] = g.add_node(sink_label(name.label()), name.recovered() ? "recovered" : "loss");
        return sink_node[k];
    };
    for (const auto& f : flows(model, solution, values, element, feed_kg)) {
        std::size_t a = process(f.from);
        std::size_t b = f.to_sink ? sink(f.to) : process(f.to);
        g.add_link(a, b, f.kg, f.category);
    }
    return g;
}

std::vector<std::size_t> route_elements(const Model& model, std::size_t route)
{
    const Route& r = model.routes[route];
    std::vector<std::size_t> out;
    std::size_t other = npos;
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        if (!uses_fallback_only(r, e)) out.push_back(e);
        else if (other == npos) other = e;
    }
    bool has_fallback = std::any_of(r.processes.begin(), r.processes.end(),
                                    [](const Process& p) { return !p.fallback.empty(); });
    if (other != npos && has_fallback) out.push_back(other);
    return out;
}

namespace {

// How a diagram names its element: "Li", or for the element standing for all those without
// rows of their own "every other element" ("every element" when no element has rows).
std::string element_words(const Model& model, const Route& route, std::size_t e)
{
    if (!uses_fallback_only(route, e)) return model.elements[e].symbol;
    for (std::size_t k = 0; k < model.elements.size(); ++k)
        if (!uses_fallback_only(route, k)) return "every other element";
    return "every element";
}

std::string element_title(const Model& model, const Route& route, std::size_t e)
{
    if (uses_fallback_only(route, e)) return element_words(model, route, e) + " (the '*' rows)";
    return model.elements[e].symbol + " (" + model.elements[e].name + ")";
}

}  // namespace

ReportDocument route_report(const Model& model, const RouteSolution& sol, const ParamValues& values)
{
    const Route& r = model.routes[sol.route];
    auto elements = route_elements(model, sol.route);

    // Element x sink table, fractions of the feed (percent in the report, fractions in CSV).
    ReportTable yields;
    yields.headers = {"element", "recovered"};
    yields.numeric = {false, true};
    std::vector<std::size_t> sinks;
    for (std::size_t k = 0; k < r.sinks.size(); ++k) {
        bool any = false;
        for (auto e : elements) any = any || sol.sink_yield(ix(e), ix(k)) > 0;
        if (!any) continue;
        sinks.push_back(k);
        yields.headers.push_back(r.sinks[k].label());
        yields.numeric.push_back(true);
    }
    auto cell = [](double f) { return percent(f); };
    for (auto e : elements) {
        std::vector<std::string> row{uses_fallback_only(r, e) ? "*" : model.elements[e].symbol,
                                     cell(sol.recovered[ix(e)])};
        for (auto k : sinks) row.push_back(cell(sol.sink_yield(ix(e), ix(k))));
        yields.rows.push_back(row);
    }

    ReportDocument doc("Route " + r.id + " \u2014 " + r.name,
                       "TRL " + std::to_string(r.trl) + ", entry process: " + r.processes[r.entry].name +
                           ". Flows per 1 kg of each element fed to the route.");
    doc.heading("Recovery by element");
    doc.paragraph("Share of each element's feed that ends in each sink of the route (recovered:* sinks are recovered "
                  "products, loss:* sinks are named losses). '*' stands for every element without rows of its own.");
    BarChart bars;
    bars.title = "Recovered, % of feed";
    bars.unit = "%";
    for (auto e : elements)
        bars.bars.push_back({uses_fallback_only(r, e) ? "other elements" : model.elements[e].symbol,
                             sol.recovered[ix(e)] * 100.0, "recovered"});
    doc.figure(bar_chart_svg(bars), "Recovered share of the feed of each element through " + r.id + ".");
    // Transposed for the page: a route has more sinks than elements with rows of their own.
    ReportTable by_sink;
    by_sink.headers = {"sink"};
    by_sink.numeric = {false};
    for (const auto& row : yields.rows) {
        by_sink.headers.push_back(row[0]);
        by_sink.numeric.push_back(true);
    }
    for (std::size_t c = 1; c < yields.headers.size(); ++c) {
        std::vector<std::string> row{c == 1 ? "recovered (all forms)" : yields.headers[c]};
        for (const auto& r2 : yields.rows) row.push_back(r2[c]);
        by_sink.rows.push_back(row);
    }
    doc.table(by_sink);

    doc.heading("Where each element goes");
    doc.paragraph("Band widths are to scale: a band's width is the mass flowing between two nodes per kg of the "
                  "element fed. Green bands end in a recovered product, grey bands in a named loss. A process "
                  "carries more than 100% of the feed when a loop sends material back to it; the loop is drawn "
                  "as a band returning under the diagram.");
    for (auto e : elements) {
        doc.heading(element_title(model, r, e), 3);
        SankeyChart chart;
        chart.unit = "kg";
        auto graph = route_flow_graph(model, sol, values, e, 1.0);
        auto lay = layout_sankey(graph);
        std::vector<std::size_t> per_column(lay.columns, 0);
        for (const auto& nb : lay.nodes) ++per_column[nb.column];
        chart.layout.width = 720;
        chart.layout.height = std::max(240.0, 32.0 * static_cast<double>(*std::max_element(per_column.begin(), per_column.end())));
        doc.figure(sankey_svg(graph, chart),
                   "Flow of 1 kg of " + element_words(model, r, e) + " through " + r.id + ": " +
                       percent(sol.recovered[ix(e)]) + " recovered.");
    }

    doc.page_break();
    doc.heading("Assumptions");
    doc.paragraph("Every transfer coefficient of the route as read from the data folder (shares of what enters a "
                  "process; the solver divides each process's shares by their sum).");
    doc.table(assumptions_table(used_params(model.params, sol.params)));

    return doc;
}

}  // namespace reclaim
