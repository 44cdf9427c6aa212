// The Sankey layout with flows near the top of the double range: sums that would overflow are
// laid out to scale, on the canvas, with finite coordinates.

#include <catch2/catch.hpp>

#include <cmath>

#include "report/sankey_layout.hpp"

using namespace reclaim;

namespace {

void require_finite_on_canvas(const SankeyLayout& lay)
{
    REQUIRE(std::isfinite(lay.scale));
    REQUIRE(lay.scale > 0.0);
    for (const auto& b : lay.nodes) {
        for (double v : {b.x0, b.x1, b.y0, b.y1}) {
            REQUIRE(std::isfinite(v));
            REQUIRE(v >= -1e-9);
        }
        REQUIRE(b.y1 <= lay.height + 1e-9);
    }
    for (const auto& l : lay.links)
        for (double v : {l.width, l.x0, l.x1, l.source_y0, l.source_y1, l.target_y0, l.target_y1, l.lane_y})
            REQUIRE(std::isfinite(v));
}

}  // namespace

TEST_CASE("Sankey flows whose sums overflow a double are still laid out to scale", "[report][sankey]")
{
    SankeyGraph g;
    auto a = g.add_node("end of life", "source");
    auto b = g.add_node("manufacturing scrap", "source");
    auto p = g.add_node("recycling routes", "process");
    auto r = g.add_node("recovered", "recovered");
    auto l = g.add_node("lost", "loss");
    g.add_link(a, p, 1e308, "flow");
    g.add_link(b, p, 1.5e308, "flow");
    g.add_link(p, r, 1e308, "recovered");
    g.add_link(p, l, 1.5e308, "loss");
    SankeyLayout lay;
    REQUIRE_NOTHROW(lay = layout_sankey(g));
    require_finite_on_canvas(lay);
    // To scale: the scrap band is 1.5 times the end-of-life band.
    CHECK(lay.links[1].width == Approx(1.5 * lay.links[0].width));
}
