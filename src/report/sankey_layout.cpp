#include "report/sankey_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "core/error.hpp"

namespace reclaim {

std::size_t SankeyGraph::add_node(std::string label, std::string category)
{
    nodes.push_back(SankeyNode{std::move(label), std::move(category)});
    return nodes.size() - 1;
}

void SankeyGraph::add_link(std::size_t from, std::size_t to, double value, std::string category)
{
    for (auto& l : links) {
        if (l.from == from && l.to == to && l.category == category) {
            l.value += value;
            return;
        }
    }
    links.push_back(SankeyLink{from, to, value, std::move(category)});
}

namespace {

struct Graph {
    std::vector<std::vector<std::size_t>> out, in;  // link indices per node, in link order
};

// Marks the links that close a cycle, by a depth-first search from the sources (then from
// any node not yet visited, for cycles nothing feeds). Without them the graph is a DAG.
std::vector<bool> back_edges(const SankeyGraph& g, const Graph& adj)
{
    const std::size_t n = g.nodes.size();
    std::vector<int> state(n, 0);  // 0 new, 1 on the DFS stack, 2 finished
    std::vector<bool> back(g.links.size(), false);
    auto dfs = [&](std::size_t root) {
        std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            if (next == adj.out[v].size()) {
                state[v] = 2;
                stack.pop_back();
                continue;
            }
            std::size_t l = adj.out[v][next++];
            std::size_t w = g.links[l].to;
            if (state[w] == 1) back[l] = true;
            else if (state[w] == 0) {
                state[w] = 1;
                stack.emplace_back(w, 0);
            }
        }
    };
    for (std::size_t v = 0; v < n; ++v)
        if (adj.in[v].empty() && state[v] == 0) dfs(v);
    for (std::size_t v = 0; v < n; ++v)
        if (state[v] == 0) dfs(v);
    return back;
}

// Longest path from the sources over the forward links (Kahn's order).
std::vector<std::size_t> layer(const SankeyGraph& g, const Graph& adj, const std::vector<bool>& back)
{
    const std::size_t n = g.nodes.size();
    std::vector<std::size_t> indeg(n, 0), column(n, 0);
    for (std::size_t l = 0; l < g.links.size(); ++l)
        if (!back[l]) ++indeg[g.links[l].to];
    std::vector<std::size_t> ready;
    for (std::size_t v = 0; v < n; ++v)
        if (indeg[v] == 0) ready.push_back(v);
    for (std::size_t k = 0; k < ready.size(); ++k) {
        std::size_t v = ready[k];
        for (std::size_t l : adj.out[v]) {
            if (back[l]) continue;
            std::size_t w = g.links[l].to;
            column[w] = std::max(column[w], column[v] + 1);
            if (--indeg[w] == 0) ready.push_back(w);
        }
    }
    return column;
}

double centre(const NodeBox& b) { return 0.5 * (b.y0 + b.y1); }

SankeyLayout layout(const SankeyGraph& g, const SankeyOptions& o)
{
    const std::size_t n = g.nodes.size();
    const std::size_t m = g.links.size();
    Graph adj{std::vector<std::vector<std::size_t>>(n), std::vector<std::vector<std::size_t>>(n)};
    for (std::size_t l = 0; l < m; ++l) {
        const auto& link = g.links[l];
        if (link.from >= n || link.to >= n)
            throw Error(fmt::format("Sankey link {} joins node {} to node {} but there are {} nodes", l, link.from,
                                    link.to, n));
        if (!std::isfinite(link.value) || link.value < 0)
            throw Error(fmt::format("Sankey link {} ({} -> {}) has value {}; a flow must be finite and >= 0", l,
                                    g.nodes[link.from].label, g.nodes[link.to].label, link.value));
        adj.out[link.from].push_back(l);
        adj.in[link.to].push_back(l);
    }

    SankeyLayout lay;
    lay.width = o.width;
    lay.height = o.height;
    lay.nodes.resize(n);
    lay.links.resize(m);
    if (n == 0) return lay;

    // Columns.
    std::vector<bool> back = back_edges(g, adj);
    std::vector<std::size_t> column = layer(g, adj, back);
    std::size_t last = *std::max_element(column.begin(), column.end());
    if (o.sinks_right)
        for (std::size_t v = 0; v < n; ++v)
            if (adj.out[v].empty() && !adj.in[v].empty()) column[v] = last;
    lay.columns = last + 1;

    for (std::size_t l = 0; l < m; ++l) {
        lay.nodes[g.links[l].from].out += g.links[l].value;
        lay.nodes[g.links[l].to].in += g.links[l].value;
    }
    std::vector<std::vector<std::size_t>> cols(lay.columns);
    for (std::size_t v = 0; v < n; ++v) {
        lay.nodes[v].column = column[v];
        cols[column[v]].push_back(v);
    }

    // One scale for the whole diagram: the fullest column fills the height left after the
    // padding and the return lanes of the back links.
    std::vector<std::size_t> back_links;
    double back_total = 0.0;
    for (std::size_t l = 0; l < m; ++l)
        if (back[l]) {
            back_links.push_back(l);
            back_total += g.links[l].value;
        }
    // Many loops must not eat the canvas: their gaps take at most a tenth of it each way and
    // their bands (beside the nodes) a quarter of the width, the scale shrinking to fit.
    const double lanes = static_cast<double>(back_links.size() + 1);
    const double gap = std::min({o.lane_gap, 0.1 * o.height / lanes, 0.1 * o.width / lanes});
    // One extra gap above the first lane leaves a visible hole inside each loop.
    const double lane_fixed = back_links.empty() ? 0.0 : gap * (lanes + 1);
    const double avail = std::max(0.0, o.height - lane_fixed);
    double pad = o.node_padding;
    for (const auto& c : cols)
        if (c.size() > 1) pad = std::min(pad, 0.5 * avail / static_cast<double>(c.size() - 1));
    double scale = -1.0;
    for (const auto& c : cols) {
        double sum = back_total;
        for (auto v : c) sum += lay.nodes[v].value();
        if (sum <= 0) continue;
        double k = (avail - pad * static_cast<double>(c.size() - 1)) / sum;
        scale = scale < 0 ? k : std::min(scale, k);
    }
    if (back_total > 0 && scale > 0) scale = std::min(scale, (0.25 * o.width - lane_fixed) / back_total);
    lay.scale = scale < 0 ? 0.0 : scale;
    const double area_h = avail - lay.scale * back_total;  // nodes live in [0, area_h]

    // Horizontal: the return lanes' verticals need room left and right of the nodes.
    double margin_x = 0.0;
    for (auto l : back_links) margin_x += gap + g.links[l].value * lay.scale;
    if (!back_links.empty()) margin_x += gap;
    const double span = std::max(0.0, o.width - 2 * margin_x - o.node_width);
    for (std::size_t v = 0; v < n; ++v) {
        double x = lay.columns > 1 ? margin_x + span * static_cast<double>(column[v]) / static_cast<double>(lay.columns - 1)
                                   : margin_x;
        lay.nodes[v].x0 = x;
        lay.nodes[v].x1 = x + o.node_width;
    }

    // Vertical: stack a column in its order, centred; then order by barycentres and relax.
    auto stack = [&](const std::vector<std::size_t>& c) {
        double total = pad * static_cast<double>(c.empty() ? 0 : c.size() - 1);
        for (auto v : c) total += lay.nodes[v].value() * lay.scale;
        double y = std::max(0.0, 0.5 * (area_h - total));
        for (auto v : c) {
            lay.nodes[v].y0 = y;
            lay.nodes[v].y1 = y + lay.nodes[v].value() * lay.scale;
            y = lay.nodes[v].y1 + pad;
        }
    };
    for (const auto& c : cols) stack(c);

    // Weighted mean centre of a node's neighbours over forward links on one side.
    auto barycentre = [&](std::size_t v, bool upstream, double& mean) {
        double sw = 0.0, s = 0.0, sn = 0.0;
        std::size_t count = 0;
        for (auto l : upstream ? adj.in[v] : adj.out[v]) {
            if (back[l]) continue;
            std::size_t u = upstream ? g.links[l].from : g.links[l].to;
            double c = centre(lay.nodes[u]);
            sw += g.links[l].value;
            s += g.links[l].value * c;
            sn += c;
            ++count;
        }
        if (count == 0) return false;
        mean = sw > 0 ? s / sw : sn / static_cast<double>(count);
        return true;
    };
    auto sort_column = [&](std::vector<std::size_t>& c, bool upstream) {
        std::vector<std::pair<double, std::size_t>> keyed;
        for (std::size_t i = 0; i < c.size(); ++i) {
            double k = centre(lay.nodes[c[i]]);
            barycentre(c[i], upstream, k);
            keyed.emplace_back(k, i);
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<std::size_t> sorted;
        for (const auto& [k, i] : keyed) sorted.push_back(c[i]);
        c = sorted;
        stack(c);
    };
    for (int s = 0; s < o.sweeps; ++s) {
        for (std::size_t c = 1; c < lay.columns; ++c) sort_column(cols[c], true);
        for (std::size_t c = lay.columns; c-- > 1;) sort_column(cols[c - 1], false);
    }

    // Keep the order, push overlapping nodes apart and back inside [0, area_h].
    auto resolve = [&](const std::vector<std::size_t>& c) {
        double y = 0.0;
        for (auto v : c) {
            double h = lay.nodes[v].y1 - lay.nodes[v].y0;
            lay.nodes[v].y0 = std::max(lay.nodes[v].y0, y);
            lay.nodes[v].y1 = lay.nodes[v].y0 + h;
            y = lay.nodes[v].y1 + pad;
        }
        double bottom = area_h;
        for (auto it = c.rbegin(); it != c.rend(); ++it) {
            auto& b = lay.nodes[*it];
            double h = b.y1 - b.y0;
            b.y1 = std::min(b.y1, bottom);
            b.y0 = b.y1 - h;
            bottom = b.y0 - pad;
        }
    };
    for (int it = 0; it < o.relax_iterations; ++it) {
        double alpha = std::pow(0.9, it) * 0.7;
        for (int pass = 0; pass < 2; ++pass) {
            bool upstream = pass == 0;
            for (std::size_t k = 0; k < lay.columns; ++k) {
                std::size_t c = upstream ? k : lay.columns - 1 - k;
                for (auto v : cols[c]) {
                    double target = 0.0;
                    if (!barycentre(v, upstream, target)) continue;
                    double dy = (target - centre(lay.nodes[v])) * alpha;
                    lay.nodes[v].y0 += dy;
                    lay.nodes[v].y1 += dy;
                }
                resolve(cols[c]);
            }
        }
    }

    // Bands: at each node, outgoing bands stacked from the top in the order of their targets'
    // heights (incoming in the order of their sources'), back links at the bottom where their
    // lanes run.
    auto order_links = [&](std::vector<std::size_t> ls, bool outgoing) {
        auto key = [&](std::size_t l) {
            std::size_t other = outgoing ? g.links[l].to : g.links[l].from;
            return std::make_tuple(back[l] ? 1 : 0, centre(lay.nodes[other]), l);
        };
        std::sort(ls.begin(), ls.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
        return ls;
    };
    for (std::size_t l = 0; l < m; ++l) {
        lay.links[l].link = l;
        lay.links[l].width = g.links[l].value * lay.scale;
        lay.links[l].back = back[l];
        lay.links[l].x0 = lay.nodes[g.links[l].from].x1;
        lay.links[l].x1 = lay.nodes[g.links[l].to].x0;
    }
    for (std::size_t v = 0; v < n; ++v) {
        double y = lay.nodes[v].y0;
        for (auto l : order_links(adj.out[v], true)) {
            lay.links[l].source_y0 = y;
            y += lay.links[l].width;
            lay.links[l].source_y1 = y;
        }
        y = lay.nodes[v].y0;
        for (auto l : order_links(adj.in[v], false)) {
            lay.links[l].target_y0 = y;
            y += lay.links[l].width;
            lay.links[l].target_y1 = y;
        }
    }
    // Return lanes below the nodes, the first back link innermost (highest lane, nearest
    // verticals) so that nested loops do not cross at a shared node.
    double offset = 0.0;
    for (std::size_t i = 0; i < back_links.size(); ++i) {
        auto& b = lay.links[back_links[i]];
        offset += gap;
        b.lane_y = area_h + gap + offset + 0.5 * b.width;
        b.lane_dx = offset + 0.5 * b.width;
        offset += b.width;
    }
    return lay;
}

}  // namespace

SankeyLayout layout_sankey(const SankeyGraph& g, const SankeyOptions& o)
{
    double total = 0.0, top = 0.0;
    for (const auto& link : g.links)
        if (std::isfinite(link.value) && link.value > 0) {
            total += link.value;
            top = std::max(top, link.value);
        }
    if (std::isfinite(total)) return layout(g, o);
    // Flows near the top of the double range: their sums would overflow. The same picture is
    // laid out in units of the largest link, then its scale and node sums restated in the
    // graph's units (a sum that does not fit a double is then inf, a value for a label to refuse).
    SankeyGraph unit = g;
    for (auto& link : unit.links) link.value /= top;
    SankeyLayout lay = layout(unit, o);
    lay.scale /= top;
    for (auto& b : lay.nodes) {
        b.in *= top;
        b.out *= top;
    }
    return lay;
}

}  // namespace reclaim
