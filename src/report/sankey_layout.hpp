#pragma once
// Sankey layout: where nodes and bands go, in canvas coordinates, with no SVG or strings in
// sight so that conservation and bounds can be tested on numbers. svg.hpp draws the result.
//
// Columns come from longest-path layering from the sources over the graph with its cycles
// broken (a DFS marks back edges); sinks are pushed to the last column so their labels line
// up. A few barycentre sweeps order each column to reduce crossings; node heights are
// proportional to max(inflow, outflow) with one scale for the whole diagram, so band widths
// are to scale everywhere. Back edges (recycle loops) are drawn as return lanes under the
// nodes, inside the canvas.

#include <cstddef>
#include <string>
#include <vector>

namespace reclaim {

//! One node of a flow diagram.
struct SankeyNode {
    std::string label;     //!< shown next to the node
    std::string category;  //!< colour class: "source", "process", "recovered", "loss", ...
};

//! A weighted link between two nodes (indices into the node list).
struct SankeyLink {
    std::size_t from = 0;
    std::size_t to = 0;
    double value = 0.0;    //!< flow [the diagram's unit, e.g. kg]; must be finite and >= 0
    std::string category;  //!< colour class: "flow", "recovered", "loss", ...
};

//! A flow graph to lay out: nodes plus links.
struct SankeyGraph {
    std::vector<SankeyNode> nodes;
    std::vector<SankeyLink> links;
    //! Adds a node and returns its index.
    std::size_t add_node(std::string label, std::string category);
    //! Adds a link, or adds `value` to an existing link with the same ends and category.
    void add_link(std::size_t from, std::size_t to, double value, std::string category);
};

//! Canvas and spacing of a layout [px].
struct SankeyOptions {
    double width = 900.0;       //!< canvas width [px]
    double height = 500.0;      //!< canvas height [px]
    double node_width = 14.0;   //!< [px]
    double node_padding = 14.0; //!< vertical gap between nodes of a column [px], shrunk if needed
    double lane_gap = 6.0;      //!< gap between return lanes of back links [px]
    int sweeps = 6;             //!< barycentre ordering sweeps (each one down and back)
    int relax_iterations = 8;   //!< vertical relaxation towards neighbours
    bool sinks_right = true;    //!< nodes without outgoing links go to the last column
};

//! A node's box on the canvas.
struct NodeBox {
    std::size_t column = 0;
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;  //!< [px]
    double in = 0.0;                        //!< sum of incoming link values
    double out = 0.0;                       //!< sum of outgoing link values
    [[nodiscard]] double value() const { return in > out ? in : out; }
};

//! A link's band: it leaves the source's right side between source_y0..source_y1 and enters
//! the target's left side between target_y0..target_y1; both spans are `width` high.
struct LinkBand {
    std::size_t link = 0;  //!< index into SankeyGraph::links
    double width = 0.0;    //!< value x scale [px]
    double x0 = 0, x1 = 0;  //!< source right side, target left side [px]
    double source_y0 = 0, source_y1 = 0;
    double target_y0 = 0, target_y1 = 0;
    bool back = false;      //!< a back edge of a cycle: drawn through a return lane
    double lane_y = 0.0;    //!< back edge: centre of its horizontal return lane [px]
    double lane_dx = 0.0;   //!< back edge: how far the lane's verticals stand off the nodes [px]
};

//! The whole layout: boxes in node order, bands in link order.
struct SankeyLayout {
    std::vector<NodeBox> nodes;
    std::vector<LinkBand> links;
    std::size_t columns = 0;
    double scale = 0.0;     //!< [px per unit of link value]
    double width = 0.0;     //!< the canvas it fits [px]
    double height = 0.0;
};

//! Lays out `graph` on the canvas of `options`. Deterministic: the same input gives the same
//! output. Throws Error for a link to a missing node or a negative or non-finite value.
SankeyLayout layout_sankey(const SankeyGraph& graph, const SankeyOptions& options = {});

}  // namespace reclaim
