#pragma once
// Cycle detection for the nesting graphs of the data (materials in materials, products in
// products), so that both loaders report a cycle the same way.

#include <cstddef>
#include <vector>

namespace reclaim {

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

}  // namespace reclaim
