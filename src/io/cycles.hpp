#pragma once
// Cycle and depth checks for the nesting graphs of the data (materials in materials, products
// in products), so that both loaders report them the same way. Both walk the graph with an
// explicit stack: no data can exhaust the call stack here.

#include <cstddef>
#include <vector>

namespace reclaim {

//! The deepest nesting of sub-assemblies (a product in a product in ...) and of materials
//! (a material made of a material ...): far above any real product, and the bound on the
//! engine's recursion over them (docs/data-format.md).
inline constexpr std::size_t kMaxNestingDepth = 64;

//! An edge of a nesting graph: the child node and the data-file line that creates it.
struct NestEdge {
    std::size_t child;
    std::size_t line;
};

//! A cycle found by depth-first search: the nodes from the repeated one back to itself
//! (a -> b -> a is {a, b, a}) and the line of the edge that closes it.
struct Cycle {
    std::vector<std::size_t> path;
    std::size_t line;
};

//! Every back edge of the graph `children` (node -> its edges) as a cycle.
std::vector<Cycle> find_cycles(const std::vector<std::vector<NestEdge>>& children);

//! An edge that nests its child deeper than the limit: parent -> child at the edge's line.
struct TooDeep {
    std::size_t parent;
    std::size_t child;
    std::size_t line;
};

//! The edges from a node at depth `max_depth` (a node no edge points to is at depth 0) to a
//! child, which would be one deeper than allowed. Nodes on cycles are left to find_cycles.
std::vector<TooDeep> find_too_deep(const std::vector<std::vector<NestEdge>>& children, std::size_t max_depth);

}  // namespace reclaim
