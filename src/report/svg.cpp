#include "report/svg.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "report/format.hpp"

namespace reclaim {

std::string xml_escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;  // &apos; is XML and HTML5 but not HTML4
        default:
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
            else out += ch;
        }
    }
    return out;
}

std::string px(double value)
{
    if (!std::isfinite(value)) value = 0.0;
    std::string s = fmt::format("{:.2f}", value);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

void XmlWriter::start_tag(std::string_view tag, const Attrs& attrs)
{
    out_ += '<';
    out_ += tag;
    for (const auto& [k, v] : attrs) {
        out_ += ' ';
        out_ += k;
        out_ += "=\"";
        out_ += xml_escape(v);
        out_ += '"';
    }
}

XmlWriter& XmlWriter::open(std::string_view tag, const Attrs& attrs)
{
    start_tag(tag, attrs);
    out_ += '>';
    open_.emplace_back(tag);
    return *this;
}

XmlWriter& XmlWriter::close()
{
    if (open_.empty()) throw Error("XmlWriter: close() with no open element");
    out_ += "</" + open_.back() + ">";
    open_.pop_back();
    return *this;
}

XmlWriter& XmlWriter::leaf(std::string_view tag, const Attrs& attrs, std::string_view text)
{
    static const std::vector<std::string_view> void_elements{"meta", "br", "hr", "img", "col"};
    start_tag(tag, attrs);
    if (std::find(void_elements.begin(), void_elements.end(), tag) != void_elements.end()) {
        if (!text.empty()) throw Error(fmt::format("XmlWriter: <{}> cannot hold text", tag));
        out_ += "/>";
        return *this;
    }
    out_ += '>';
    out_ += xml_escape(text);
    out_ += "</";
    out_ += tag;
    out_ += '>';
    return *this;
}

XmlWriter& XmlWriter::text(std::string_view text)
{
    out_ += xml_escape(text);
    return *this;
}

XmlWriter& XmlWriter::raw(std::string_view markup)
{
    out_ += markup;
    return *this;
}

std::string XmlWriter::str() const
{
    if (!open_.empty()) throw Error(fmt::format("XmlWriter: <{}> is still open", open_.back()));
    return out_;
}

std::string_view category_colour(std::string_view category)
{
    static const std::map<std::string_view, std::string_view> colours{
        {"recovered", "#1a9850"},   // strong green: what comes back
        {"loss", "#b8b2a7"},        // muted warm grey: lost in a process
        {"uncollected", "#d9c9a3"}, // muted sand: never reached treatment
        {"untreated", "#cbb9d0"},   // muted lilac: collected, no route
        {"flow", "#8fa9c9"},        // neutral blue-grey: material in transit
        {"source", "#4a6fa5"},
        {"process", "#4a6fa5"},
        {"eol", "#1a9850"},         // recovered from end-of-life products
        {"scrap", "#f0a830"},       // recovered from manufacturing scrap
        {"demand", "#555555"},
        {"target", "#c0392b"},
        {"band", "#9ecae1"},
        {"low", "#4a90c2"},         // tornado: the parameter at its low end
        {"high", "#e08a3c"},        // tornado: the parameter at its high end
    };
    auto it = colours.find(category);
    return it == colours.end() ? colours.at("flow") : it->second;
}

std::vector<double> nice_ticks(double lo, double hi, int count)
{
    if (!std::isfinite(lo) || !std::isfinite(hi)) return {0.0, 1.0};
    if (hi < lo) std::swap(lo, hi);
    if (hi == lo) {
        double pad = lo == 0.0 ? 1.0 : std::abs(lo) * 0.1;
        lo -= lo == 0.0 ? 0.0 : pad;
        hi += pad;
    }
    count = std::max(1, count);
    double raw = (hi - lo) / count;
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double norm = raw / mag;
    double step = (norm <= 1.0 ? 1.0 : norm <= 2.0 ? 2.0 : norm <= 5.0 ? 5.0 : 10.0) * mag;
    // Integer multiples of the step, so that 0.1 * 3 prints as 0.3 through sig().
    auto first = static_cast<long long>(std::floor(lo / step + 1e-9));
    auto last = static_cast<long long>(std::ceil(hi / step - 1e-9));
    std::vector<double> ticks;
    for (long long k = first; k <= last; ++k) ticks.push_back(static_cast<double>(k) * step);
    return ticks;
}

std::pair<std::string, double> mass_unit(double max_kg)
{
    if (std::abs(max_kg) >= 1000.0) return {"t", 1e-3};
    return {"kg", 1.0};
}

namespace {

using Attrs = XmlWriter::Attrs;

// Rough advance width of sans-serif text, enough to reserve label margins [px].
double text_width(std::string_view s, double font_px)
{
    std::size_t chars = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;  // count UTF-8 code points
    return static_cast<double>(chars) * font_px * 0.6;
}

void open_svg(XmlWriter& w, double width, double height, const std::string& title)
{
    w.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"width", px(width)},
                   {"height", px(height)},
                   {"viewBox", "0 0 " + px(width) + " " + px(height)},
                   {"role", "img"},
                   {"aria-label", title},
                   {"font-family", "Helvetica, Arial, sans-serif"},
                   {"font-size", "11"}});
    w.leaf("title", {}, title);
    if (!title.empty())
        w.leaf("text", {{"x", "0"}, {"y", "14"}, {"font-size", "13"}, {"font-weight", "bold"}, {"fill", "#222"}}, title);
}

// Spreads label centres of one column at least `gap` apart, inside [lo, hi], keeping order.
void spread(std::vector<std::pair<double, std::size_t>>& ys, double gap, double lo, double hi)
{
    std::sort(ys.begin(), ys.end());
    double y = lo;
    for (auto& p : ys) {
        p.first = std::max(p.first, y);
        y = p.first + gap;
    }
    double bottom = hi;
    for (auto it = ys.rbegin(); it != ys.rend(); ++it) {
        it->first = std::min(it->first, bottom);
        bottom = it->first - gap;
    }
}

// "12.3 kg (45.6%)"
std::string amount(double value, const std::string& unit, double total)
{
    std::string s = sig(value) + " " + unit;
    if (total > 0) s += " (" + percent(value / total, 3) + ")";
    return s;
}

}  // namespace

std::string sankey_svg(const SankeyGraph& graph, const SankeyChart& chart)
{
    SankeyLayout lay = layout_sankey(graph, chart.layout);
    const std::size_t n = graph.nodes.size();
    double total = chart.total;
    if (total <= 0)
        for (std::size_t v = 0; v < n; ++v)
            if (lay.nodes[v].in == 0) total += lay.nodes[v].out;

    const double font = 11.0;
    std::vector<std::string> labels(n), amounts(n);
    double left = 0, right = 0;
    for (std::size_t v = 0; v < n; ++v) {
        amounts[v] = amount(lay.nodes[v].value(), chart.unit, total);
        labels[v] = graph.nodes[v].label + "  " + amounts[v];
        double w = text_width(labels[v], font) + 8;
        bool first = lay.nodes[v].column == 0 && lay.columns > 1;
        if (first) left = std::max(left, w);
        else if (lay.nodes[v].column + 1 == lay.columns) right = std::max(right, w);
    }
    const double top = chart.title.empty() ? 6 : 26;
    const double width = left + lay.width + right;
    const double height = top + lay.height + 6;

    XmlWriter w;
    open_svg(w, width, height, chart.title);
    w.open("g", {{"transform", "translate(" + px(left) + "," + px(top) + ")"}});

    w.open("g", {{"class", "bands"}});
    for (const auto& b : lay.links) {
        const auto& link = graph.links[b.link];
        if (link.value <= 0) continue;
        std::string colour(category_colour(link.category));
        std::string tip = graph.nodes[link.from].label + " \u2192 " + graph.nodes[link.to].label + ": " +
                          amount(link.value, chart.unit, total);
        if (!b.back) {
            double xm = 0.5 * (b.x0 + b.x1);
            std::string d = fmt::format("M{},{}C{},{} {},{} {},{}L{},{}C{},{} {},{} {},{}Z", px(b.x0), px(b.source_y0),
                                        px(xm), px(b.source_y0), px(xm), px(b.target_y0), px(b.x1), px(b.target_y0),
                                        px(b.x1), px(b.target_y1), px(xm), px(b.target_y1), px(xm), px(b.source_y1),
                                        px(b.x0), px(b.source_y1));
            w.open("path", {{"d", d}, {"fill", colour}, {"fill-opacity", "0.55"}});
        } else {
            double sy = 0.5 * (b.source_y0 + b.source_y1), ty = 0.5 * (b.target_y0 + b.target_y1);
            std::string d = fmt::format("M{},{}H{}V{}H{}V{}H{}", px(b.x0), px(sy), px(b.x0 + b.lane_dx), px(b.lane_y),
                                        px(b.x1 - b.lane_dx), px(ty), px(b.x1));
            w.open("path", {{"d", d},
                            {"fill", "none"},
                            {"stroke", colour},
                            {"stroke-opacity", "0.55"},
                            {"stroke-width", px(b.width)},
                            {"stroke-linejoin", "round"}});
        }
        w.leaf("title", {}, tip).close();
    }
    w.close();

    w.open("g", {{"class", "nodes"}});
    for (std::size_t v = 0; v < n; ++v) {
        const auto& b = lay.nodes[v];
        w.open("rect", {{"x", px(b.x0)},
                        {"y", px(b.y0)},
                        {"width", px(b.x1 - b.x0)},
                        {"height", px(std::max(b.y1 - b.y0, 0.0))},
                        {"fill", std::string(category_colour(graph.nodes[v].category))}});
        w.leaf("title", {}, labels[v]).close();
    }
    w.close();

    // Labels: first column to the left, last to the right of their node on one line each; the
    // middle columns, which have less room between them, on two lines (name, amount). Spread
    // apart where small nodes sit close together; a white halo keeps them readable over bands.
    std::map<std::size_t, std::vector<std::pair<double, std::size_t>>> by_column;
    for (std::size_t v = 0; v < n; ++v)
        by_column[lay.nodes[v].column].emplace_back(0.5 * (lay.nodes[v].y0 + lay.nodes[v].y1), v);
    w.open("g", {{"class", "labels"}, {"fill", "#222"}});
    for (auto& [c, ys] : by_column) {
        bool first = c == 0 && lay.columns > 1;
        bool middle = !first && c + 1 < lay.columns;
        double line = font + 2;
        if (middle) spread(ys, 2 * line, line, lay.height - line);
        else spread(ys, line, font / 2, lay.height - font / 2);
        for (const auto& [y, v] : ys) {
            const auto& b = lay.nodes[v];
            XmlWriter::Attrs a{{"x", px(first ? b.x0 - 5 : b.x1 + 5)},
                               {"y", px(y)},
                               {"dy", "0.35em"},
                               {"text-anchor", first ? "end" : "start"},
                               {"stroke", "#fff"},
                               {"stroke-width", "3"},
                               {"stroke-opacity", "0.8"},
                               {"paint-order", "stroke"}};
            if (!middle) {
                w.leaf("text", a, labels[v]);
                continue;
            }
            a[1].second = px(y - line / 2);
            w.open("text", a);
            w.leaf("tspan", {}, graph.nodes[v].label);
            w.leaf("tspan", {{"x", a[0].second}, {"dy", px(line)}, {"fill", "#555"}}, amounts[v]);
            w.close();
        }
    }
    w.close();
    w.close();  // g
    w.close();  // svg
    return w.str();
}

namespace {

void legend(XmlWriter& w, double x, double y, const std::vector<std::pair<std::string, std::string>>& items,
            double max_x)
{
    for (const auto& [name, colour] : items) {
        double wdt = 18 + text_width(name, 11) + 14;
        if (x + wdt > max_x && x > 0) {
            x = 0;
            y += 16;
        }
        w.leaf("rect", {{"x", px(x)}, {"y", px(y - 9)}, {"width", "12"}, {"height", "10"}, {"fill", colour}});
        w.leaf("text", {{"x", px(x + 16)}, {"y", px(y)}, {"fill", "#333"}}, name);
        x += wdt;
    }
}

}  // namespace

std::string time_series_svg(const TimeSeriesChart& c)
{
    const std::size_t n = c.years.size();
    auto check = [&](const ChartSeries& s) {
        if (s.values.size() != n)
            throw Error(fmt::format("time series '{}' has {} values for {} years", s.name, s.values.size(), n));
    };
    for (const auto& s : c.stacked) check(s);
    for (const auto& s : c.lines) check(s);
    if (c.band_low) check(*c.band_low);
    if (c.band_high) check(*c.band_high);

    std::vector<double> top(n, 0.0);
    double ymax = 0.0;
    for (const auto& s : c.stacked)
        for (std::size_t i = 0; i < n; ++i) {
            top[i] += std::max(0.0, s.values[i]);
            ymax = std::max(ymax, top[i]);
        }
    for (const auto& s : c.lines)
        for (double v : s.values) ymax = std::max(ymax, v);
    if (c.band_high)
        for (double v : c.band_high->values) ymax = std::max(ymax, v);
    auto yt = nice_ticks(0.0, ymax > 0 ? ymax : 1.0, 5);

    double x_lo = n ? c.years.front() : 0, x_hi = n ? c.years.back() : 1;
    if (x_hi <= x_lo) {
        x_lo -= 0.5;
        x_hi += 0.5;
    }
    const double ml = 64, mr = 20, mt = c.title.empty() ? 12 : 34, mb = 58;
    const double pw = c.width - ml - mr, ph = c.height - mt - mb;
    auto X = [&](double year) { return ml + (year - x_lo) / (x_hi - x_lo) * pw; };
    auto Y = [&](double v) { return mt + ph - (v - yt.front()) / (yt.back() - yt.front()) * ph; };

    XmlWriter w;
    open_svg(w, c.width, c.height, c.title);
    // Grid and y axis.
    w.open("g", {{"class", "axis"}, {"fill", "#444"}});
    for (double t : yt) {
        w.leaf("line", {{"x1", px(ml)}, {"x2", px(ml + pw)}, {"y1", px(Y(t))}, {"y2", px(Y(t))}, {"stroke", "#e3e3e3"}});
        w.leaf("text", {{"x", px(ml - 6)}, {"y", px(Y(t))}, {"dy", "0.35em"}, {"text-anchor", "end"}}, sig(t, 6));
    }
    w.leaf("text", {{"x", px(ml - 6)}, {"y", px(mt - 10)}, {"text-anchor", "end"}}, c.unit);
    for (double t : nice_ticks(x_lo, x_hi, 8)) {
        if (t < x_lo - 1e-9 || t > x_hi + 1e-9 || t != std::round(t)) continue;
        w.leaf("line", {{"x1", px(X(t))}, {"x2", px(X(t))}, {"y1", px(mt + ph)}, {"y2", px(mt + ph + 4)}, {"stroke", "#888"}});
        w.leaf("text", {{"x", px(X(t))}, {"y", px(mt + ph + 16)}, {"text-anchor", "middle"}}, sig(t, 6));
    }
    w.leaf("line", {{"x1", px(ml)}, {"x2", px(ml + pw)}, {"y1", px(mt + ph)}, {"y2", px(mt + ph)}, {"stroke", "#888"}});
    w.close();

    std::vector<std::pair<std::string, std::string>> keys;
    auto line_path = [&](const std::vector<double>& v) {
        std::string d;
        for (std::size_t i = 0; i < n; ++i) d += fmt::format("{}{},{}", i ? "L" : "M", px(X(c.years[i])), px(Y(v[i])));
        return d;
    };
    // The uncertainty band lies behind the areas, its edges dashed over them (below).
    if (c.band_low && c.band_high && n) {
        std::string d = line_path(c.band_high->values);
        for (std::size_t i = n; i-- > 0;) d += fmt::format("L{},{}", px(X(c.years[i])), px(Y(c.band_low->values[i])));
        std::string colour(category_colour("band"));
        std::string name = c.band_low->name + " \u2013 " + c.band_high->name;
        w.open("path", {{"d", d + "Z"}, {"fill", colour}, {"fill-opacity", "0.45"}});
        w.leaf("title", {}, name).close();
        keys.emplace_back(name, colour);
    }
    // Stacked areas: each between the running total before and after it.
    std::vector<double> base(n, 0.0);
    for (const auto& s : c.stacked) {
        std::vector<double> upper(n);
        for (std::size_t i = 0; i < n; ++i) upper[i] = base[i] + std::max(0.0, s.values[i]);
        std::string d = line_path(upper);
        for (std::size_t i = n; i-- > 0;) d += fmt::format("L{},{}", px(X(c.years[i])), px(Y(base[i])));
        std::string colour(category_colour(s.category));
        if (n) {
            w.open("path", {{"d", d + "Z"}, {"fill", colour}, {"fill-opacity", "0.8"}});
            w.leaf("title", {}, s.name).close();
        }
        keys.emplace_back(s.name, colour);
        base = upper;
    }
    if (c.band_low && c.band_high && n) {
        for (const auto* edge : {&*c.band_low, &*c.band_high})
            w.leaf("path", {{"d", line_path(edge->values)}, {"fill", "none"}, {"stroke", "#4a90c2"},
                            {"stroke-width", "1"}, {"stroke-dasharray", "2 2"}});
    }
    for (const auto& s : c.lines) {
        std::string colour(category_colour(s.category));
        Attrs a{{"d", line_path(s.values)}, {"fill", "none"}, {"stroke", colour}, {"stroke-width", "2"}};
        if (s.category == "target") a.emplace_back("stroke-dasharray", "6 3");
        if (n) {
            w.open("path", a);
            w.leaf("title", {}, s.name).close();
        }
        keys.emplace_back(s.name, colour);
    }
    if (c.marker_year && *c.marker_year >= x_lo && *c.marker_year <= x_hi) {
        double x = X(*c.marker_year);
        w.leaf("line", {{"x1", px(x)}, {"x2", px(x)}, {"y1", px(mt)}, {"y2", px(mt + ph)}, {"stroke", "#c0392b"},
                        {"stroke-dasharray", "3 3"}});
        std::string label = c.marker_label.empty() ? std::to_string(*c.marker_year) : c.marker_label;
        bool near_right = x + text_width(label, 11) + 4 > ml + pw;
        w.leaf("text", {{"x", px(near_right ? x - 4 : x + 4)}, {"y", px(mt + 10)}, {"fill", "#c0392b"},
                        {"text-anchor", near_right ? "end" : "start"}},
               label);
    }
    legend(w, ml, c.height - 14 - (keys.size() > 3 ? 16 : 0), keys, c.width);
    w.close();
    return w.str();
}

std::string bar_chart_svg(const BarChart& c)
{
    std::vector<Bar> bars = c.bars;
    if (c.sort)
        std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.value > b.value; });
    double lo = 0.0, hi = 0.0, label_w = 40;
    for (const auto& b : bars) {
        lo = std::min(lo, b.value);
        hi = std::max(hi, b.value);
        label_w = std::max(label_w, text_width(b.label, 11) + 10);
    }
    label_w = std::min(label_w, 0.4 * c.width);
    auto ticks = nice_ticks(lo, hi > lo ? hi : lo + 1.0, 5);
    const double row = 22, mt = c.title.empty() ? 8 : 30, value_w = 90;
    const double pw = c.width - label_w - value_w;
    const double height = mt + row * static_cast<double>(bars.size()) + 26;
    auto X = [&](double v) { return label_w + (v - ticks.front()) / (ticks.back() - ticks.front()) * pw; };

    XmlWriter w;
    open_svg(w, c.width, height, c.title);
    const double axis_y = mt + row * static_cast<double>(bars.size());
    for (double t : ticks) {
        w.leaf("line", {{"x1", px(X(t))}, {"x2", px(X(t))}, {"y1", px(mt)}, {"y2", px(axis_y)}, {"stroke", "#e3e3e3"}});
        w.leaf("text", {{"x", px(X(t))}, {"y", px(axis_y + 14)}, {"text-anchor", "middle"}, {"fill", "#444"}},
               sig(t, 6));
    }
    if (!c.unit.empty())
        w.leaf("text", {{"x", px(label_w + pw)}, {"y", px(axis_y + 14)}, {"dx", "1.5em"}, {"fill", "#444"}}, c.unit);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        double y = mt + row * static_cast<double>(i);
        double x0 = X(std::min(0.0, b.value)), x1 = X(std::max(0.0, b.value));
        w.leaf("text", {{"x", px(label_w - 6)}, {"y", px(y + row / 2)}, {"dy", "0.35em"}, {"text-anchor", "end"},
                        {"fill", "#222"}},
               b.label);
        w.open("rect", {{"x", px(x0)}, {"y", px(y + 3)}, {"width", px(x1 - x0)}, {"height", px(row - 6)},
                        {"fill", std::string(category_colour(b.category))}});
        w.leaf("title", {}, b.label + ": " + sig(b.value) + (c.unit.empty() ? "" : " " + c.unit)).close();
        w.leaf("text", {{"x", px(x1 + 4)}, {"y", px(y + row / 2)}, {"dy", "0.35em"}, {"fill", "#222"}},
               sig(b.value) + (c.unit.empty() ? "" : " " + c.unit));
    }
    w.leaf("line", {{"x1", px(X(0))}, {"x2", px(X(0))}, {"y1", px(mt)}, {"y2", px(axis_y)}, {"stroke", "#888"}});
    w.close();
    return w.str();
}

std::string tornado_svg(const TornadoChart& c)
{
    const double scale = c.fractions ? 100.0 : 1.0;  // axis in percent for fractions
    auto text = [&](double v) {
        return c.fractions ? percent(v) : sig(v) + (c.unit.empty() ? "" : " " + c.unit);
    };
    double lo = c.nominal, hi = c.nominal, label_w = 40;
    for (const auto& r : c.rows) {
        lo = std::min({lo, r.output_low, r.output_high});
        hi = std::max({hi, r.output_low, r.output_high});
        label_w = std::max(label_w, text_width(r.label, 11) + 10);
    }
    label_w = std::min(label_w, 0.42 * c.width);
    auto ticks = nice_ticks(lo * scale, hi > lo ? hi * scale : lo * scale + 1.0, 5);
    const double row = 22, mt = c.title.empty() ? 8 : 30, value_w = 80;
    // Values are written at both ends of a bar, so both sides keep room for one.
    const double pw = c.width - label_w - 2 * value_w;
    const double height = mt + row * static_cast<double>(c.rows.size()) + 46;
    auto X = [&](double v) {
        return label_w + value_w + (v * scale - ticks.front()) / (ticks.back() - ticks.front()) * pw;
    };

    XmlWriter w;
    open_svg(w, c.width, height, c.title);
    const double axis_y = mt + row * static_cast<double>(c.rows.size());
    for (double t : ticks) {
        double x = label_w + value_w + (t - ticks.front()) / (ticks.back() - ticks.front()) * pw;
        w.leaf("line", {{"x1", px(x)}, {"x2", px(x)}, {"y1", px(mt)}, {"y2", px(axis_y)}, {"stroke", "#e3e3e3"}});
        w.leaf("text", {{"x", px(x)}, {"y", px(axis_y + 14)}, {"text-anchor", "middle"}, {"fill", "#444"}},
               sig(t, 6) + (c.fractions ? "%" : ""));
    }
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        const auto& r = c.rows[i];
        const double y = mt + row * static_cast<double>(i);
        w.leaf("text", {{"x", px(label_w - 6)}, {"y", px(y + row / 2)}, {"dy", "0.35em"}, {"text-anchor", "end"},
                        {"fill", "#222"}},
               r.label);
        for (auto [value, end] : {std::pair{r.output_low, "low"}, std::pair{r.output_high, "high"}}) {
            double x0 = X(std::min(c.nominal, value)), x1 = X(std::max(c.nominal, value));
            w.open("rect", {{"x", px(x0)}, {"y", px(y + 3)}, {"width", px(std::max(x1 - x0, 0.5))},
                            {"height", px(row - 6)}, {"fill", std::string(category_colour(end))}});
            w.leaf("title", {}, r.label + " at its " + end + ": " + text(value)).close();
            // The value beside the bar's outer end.
            const bool left = value < c.nominal || (value == c.nominal && std::string_view(end) == "low");
            w.leaf("text", {{"x", px(left ? x0 - 4 : x1 + 4)}, {"y", px(y + row / 2)}, {"dy", "0.35em"},
                            {"text-anchor", left ? "end" : "start"}, {"fill", "#222"}},
                   text(value));
        }
    }
    w.leaf("line", {{"x1", px(X(c.nominal))}, {"x2", px(X(c.nominal))}, {"y1", px(mt - 4)}, {"y2", px(axis_y)},
                    {"stroke", "#222"}});
    legend(w, 8, height - 8,
           {{"parameter at its low end", std::string(category_colour("low"))},
            {"parameter at its high end", std::string(category_colour("high"))},
            {"nominal " + text(c.nominal), "#222"}},
           c.width);
    w.close();
    return w.str();
}

}  // namespace reclaim
