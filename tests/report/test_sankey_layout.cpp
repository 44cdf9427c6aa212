// Sankey layout: columns, scale, conservation of band widths at every node, bounds, cycles.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "core/error.hpp"
#include "report/sankey_layout.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;

namespace {

constexpr double kTol = 1e-9;

// Every node: outgoing band widths sum to out x scale, incoming to in x scale, the larger of
// the two fills the node exactly, and every band's span lies within its node.
void require_conserved(const SankeyGraph& g, const SankeyLayout& lay)
{
    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        const auto& b = lay.nodes[v];
        double in = 0, out = 0;
        for (const auto& band : lay.links) {
            const auto& l = g.links[band.link];
            REQUIRE(band.width == Approx(l.value * lay.scale).margin(kTol));
            if (l.from == v) {
                out += band.width;
                REQUIRE(band.source_y1 - band.source_y0 == Approx(band.width).margin(kTol));
                REQUIRE(band.source_y0 >= b.y0 - kTol);
                REQUIRE(band.source_y1 <= b.y1 + kTol);
            }
            if (l.to == v) {
                in += band.width;
                REQUIRE(band.target_y1 - band.target_y0 == Approx(band.width).margin(kTol));
                REQUIRE(band.target_y0 >= b.y0 - kTol);
                REQUIRE(band.target_y1 <= b.y1 + kTol);
            }
        }
        REQUIRE(in == Approx(b.in * lay.scale).margin(kTol));
        REQUIRE(out == Approx(b.out * lay.scale).margin(kTol));
        REQUIRE(std::max(in, out) == Approx(b.y1 - b.y0).margin(kTol));
    }
}

// Nothing drawn outside the canvas: node boxes, band ends and the return lanes of back links
// (a lane is a stroke of the band's width around its centre line).
void require_inside(const SankeyLayout& lay)
{
    for (const auto& b : lay.nodes) {
        REQUIRE(b.x0 >= -kTol);
        REQUIRE(b.x1 <= lay.width + kTol);
        REQUIRE(b.y0 >= -kTol);
        REQUIRE(b.y1 <= lay.height + kTol);
    }
    for (const auto& band : lay.links) {
        for (double y : {band.source_y0, band.source_y1, band.target_y0, band.target_y1}) {
            REQUIRE(y >= -kTol);
            REQUIRE(y <= lay.height + kTol);
        }
        if (band.back) {
            REQUIRE(band.lane_y - band.width / 2 >= -kTol);
            REQUIRE(band.lane_y + band.width / 2 <= lay.height + kTol);
            REQUIRE(band.x0 + band.lane_dx + band.width / 2 <= lay.width + kTol);
            REQUIRE(band.x1 - band.lane_dx - band.width / 2 >= -kTol);
        } else {
            REQUIRE(band.x0 >= -kTol);
            REQUIRE(band.x1 <= lay.width + kTol);
        }
    }
}

// A source A splitting 6 to B and 4 to C; B passes its 6 on to D.
SankeyGraph split_graph()
{
    SankeyGraph g;
    auto a = g.add_node("A", "source");
    auto b = g.add_node("B", "process");
    auto c = g.add_node("C", "loss");
    auto d = g.add_node("D", "recovered");
    g.add_link(a, b, 6, "flow");
    g.add_link(a, c, 4, "loss");
    g.add_link(b, d, 6, "recovered");
    return g;
}

}  // namespace

TEST_CASE("Columns follow the longest path from the sources and sinks go to the last column", "[report][sankey]")
{
    SankeyOptions o;
    o.width = 400;
    o.height = 200;
    o.node_width = 10;
    o.node_padding = 10;
    auto lay = layout_sankey(split_graph(), o);
    REQUIRE(lay.columns == 3);
    CHECK(lay.nodes[0].column == 0);
    CHECK(lay.nodes[1].column == 1);
    CHECK(lay.nodes[2].column == 2);  // C is one step from A but a sink: pushed right
    CHECK(lay.nodes[3].column == 2);
    // Columns spread over 400 - 10 px: x0 = 0, 195, 390.
    CHECK(lay.nodes[0].x0 == Approx(0));
    CHECK(lay.nodes[1].x0 == Approx(195));
    CHECK(lay.nodes[3].x0 == Approx(390));
    CHECK(lay.nodes[3].x1 == Approx(400));
}

TEST_CASE("The fullest column sets one scale for every band", "[report][sankey]")
{
    SankeyOptions o;
    o.width = 400;
    o.height = 200;
    o.node_width = 10;
    o.node_padding = 10;
    auto lay = layout_sankey(split_graph(), o);
    // Column 0: 10 units in 200 px -> 20 px/unit; column 1: 6 in 200 -> 33.3; column 2: C + D =
    // 10 units plus one 10 px gap in 200 px -> 190 / 10 = 19 px/unit, the smallest.
    REQUIRE(lay.scale == Approx(19.0));
    CHECK(lay.nodes[0].y1 - lay.nodes[0].y0 == Approx(190.0));  // 10 x 19
    CHECK(lay.nodes[2].y1 - lay.nodes[2].y0 == Approx(76.0));   // 4 x 19
    CHECK(lay.links[0].width == Approx(114.0));                 // 6 x 19
    require_conserved(split_graph(), lay);
    require_inside(lay);
}

TEST_CASE("Band widths are conserved at every node and stay on the canvas", "[report][sankey]")
{
    // feed -> shred -> leach -> product, with losses at each step and a three-way split.
    SankeyGraph g;
    auto feed = g.add_node("feed", "source");
    auto shred = g.add_node("shred", "process");
    auto leach = g.add_node("leach", "process");
    auto product = g.add_node("Li2CO3", "recovered");
    auto dust = g.add_node("dust", "loss");
    auto residue = g.add_node("residue", "loss");
    g.add_link(feed, shred, 1.0, "flow");
    g.add_link(shred, dust, 0.05, "loss");
    g.add_link(shred, leach, 0.95, "flow");
    g.add_link(leach, product, 0.8075, "recovered");
    g.add_link(leach, residue, 0.1425, "loss");
    SankeyOptions o;
    o.width = 640;
    o.height = 260;
    auto lay = layout_sankey(g, o);
    require_conserved(g, lay);
    require_inside(lay);
    // shred and leach pass their flow on: in == out.
    CHECK(lay.nodes[shred].in == Approx(lay.nodes[shred].out));
    CHECK(lay.nodes[leach].in == Approx(lay.nodes[leach].out));
}

TEST_CASE("Barycentre ordering removes a crossing that the input order would draw", "[report][sankey]")
{
    // Listed as T1 above T2, but T1 is fed by the lower source: ordering must swap them.
    SankeyGraph g;
    auto s1 = g.add_node("S1", "source");
    auto s2 = g.add_node("S2", "source");
    auto t1 = g.add_node("T1", "loss");
    auto t2 = g.add_node("T2", "recovered");
    g.add_link(s1, t2, 5, "flow");
    g.add_link(s2, t1, 5, "flow");
    auto lay = layout_sankey(g);
    REQUIRE(lay.nodes[s1].y0 < lay.nodes[s2].y0);
    CHECK(lay.nodes[t2].y0 < lay.nodes[t1].y0);
}

TEST_CASE("A recycle loop is laid out as a back link through a return lane", "[report][sankey]")
{
    // S feeds 10 to A; A -> B 12; B returns 2 to A and sends 10 on to T.
    SankeyGraph g;
    auto s = g.add_node("S", "source");
    auto a = g.add_node("A", "process");
    auto b = g.add_node("B", "process");
    auto t = g.add_node("T", "recovered");
    g.add_link(s, a, 10, "flow");
    g.add_link(a, b, 12, "flow");
    g.add_link(b, a, 2, "flow");
    g.add_link(b, t, 10, "recovered");
    SankeyOptions o;
    o.width = 500;
    o.height = 200;
    o.lane_gap = 6;
    auto lay = layout_sankey(g, o);
    REQUIRE(lay.columns == 4);
    CHECK(lay.nodes[a].column == 1);
    CHECK(lay.nodes[b].column == 2);
    CHECK_FALSE(lay.links[1].back);
    REQUIRE(lay.links[2].back);
    // One lane: 3 x 6 px of gaps reserved (above the lane, twice, and below it), the rest
    // shared by 14 units (12 in A's column plus the 2 of the lane): 182 / 14 = 13 px per unit.
    CHECK(lay.scale == Approx(13.0));
    // The lane runs under the nodes and ends one gap above the bottom.
    CHECK(lay.links[2].lane_y + lay.links[2].width / 2 == Approx(200.0 - 6.0));
    for (const auto& node : lay.nodes) CHECK(node.y1 <= lay.links[2].lane_y - lay.links[2].width / 2 + kTol);
    require_conserved(g, lay);
    require_inside(lay);
}

TEST_CASE("Self-loops and cycles nothing feeds do not hang the layout", "[report][sankey]")
{
    SankeyGraph g;
    auto a = g.add_node("A", "process");
    auto b = g.add_node("B", "process");
    g.add_link(a, b, 3, "flow");
    g.add_link(b, a, 3, "flow");
    g.add_link(a, a, 1, "flow");
    auto lay = layout_sankey(g);
    CHECK(lay.nodes[a].column == 0);
    CHECK(lay.nodes[b].column == 1);
    CHECK(lay.links[1].back);
    CHECK(lay.links[2].back);
    require_conserved(g, lay);
    require_inside(lay);
}

TEST_CASE("A random graph with cycles is conserved, inside the canvas and laid out the same twice",
          "[report][sankey]")
{
    // A fixed linear congruential generator: the same graph on every platform.
    std::uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    SankeyGraph g;
    const std::size_t n = 24;
    for (std::size_t v = 0; v < n; ++v) g.add_node(fmt::format("n{}", v), "process");
    for (std::size_t k = 0; k < 60; ++k) {
        auto from = static_cast<std::size_t>(next() * n);
        auto to = static_cast<std::size_t>(next() * n);
        g.add_link(from, to, 0.1 + 10 * next(), next() < 0.3 ? "loss" : "flow");
    }
    SankeyOptions o;
    o.width = 1000;
    o.height = 700;
    o.node_padding = 4;
    auto one = layout_sankey(g, o);
    auto two = layout_sankey(g, o);
    require_conserved(g, one);
    require_inside(one);
    REQUIRE(one.nodes.size() == two.nodes.size());
    for (std::size_t v = 0; v < n; ++v) {
        CHECK(one.nodes[v].x0 == two.nodes[v].x0);
        CHECK(one.nodes[v].y0 == two.nodes[v].y0);
        CHECK(one.nodes[v].y1 == two.nodes[v].y1);
    }
    for (std::size_t l = 0; l < one.links.size(); ++l) {
        CHECK(one.links[l].source_y0 == two.links[l].source_y0);
        CHECK(one.links[l].target_y0 == two.links[l].target_y0);
        CHECK(one.links[l].lane_y == two.links[l].lane_y);
    }
}

TEST_CASE("Adding a link twice with the same ends and category adds up the values", "[report][sankey]")
{
    SankeyGraph g;
    auto a = g.add_node("A", "source");
    auto b = g.add_node("B", "loss");
    g.add_link(a, b, 1.5, "loss");
    g.add_link(a, b, 2.0, "loss");
    g.add_link(a, b, 1.0, "flow");
    REQUIRE(g.links.size() == 2);
    CHECK(g.links[0].value == Approx(3.5));
}

TEST_CASE("A link to a missing node or with a negative value is rejected with its ends named", "[report][sankey]")
{
    SankeyGraph g;
    auto a = g.add_node("shred", "process");
    auto b = g.add_node("dust", "loss");
    g.add_link(a, 7, 1, "flow");
    CHECK_THROWS_WITH(layout_sankey(g), Contains("node 7") && Contains("2 nodes"));
    g.links.clear();
    g.add_link(a, b, -0.5, "loss");
    CHECK_THROWS_AS(layout_sankey(g), Error);
    CHECK_THROWS_WITH(layout_sankey(g), Contains("shred -> dust") && Contains("-0.5"));
    g.links[0].value = std::nan("");
    CHECK_THROWS_WITH(layout_sankey(g), Contains("finite"));
}

TEST_CASE("An empty graph and a graph of zero flows lay out without dividing by zero", "[report][sankey]")
{
    CHECK(layout_sankey(SankeyGraph{}).nodes.empty());
    SankeyGraph g;
    auto a = g.add_node("A", "source");
    auto b = g.add_node("B", "loss");
    g.add_link(a, b, 0.0, "loss");
    auto lay = layout_sankey(g);
    CHECK(lay.scale == 0.0);
    require_inside(lay);
}
