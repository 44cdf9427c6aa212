#include "io/cycles.hpp"

#include <algorithm>

namespace reclaim {

std::vector<Cycle> find_cycles(const std::vector<std::vector<NestEdge>>& children)
{
    enum State { fresh, on_stack, done };
    std::vector<State> state(children.size(), fresh);
    std::vector<std::size_t> path;  // the nodes of the current search path
    struct Frame {
        std::size_t node;
        std::size_t next_edge;
    };
    std::vector<Frame> frames;  // the explicit stack of the depth-first search
    std::vector<Cycle> cycles;
    for (std::size_t root = 0; root < children.size(); ++root) {
        if (state[root] != fresh) continue;
        state[root] = on_stack;
        path.push_back(root);
        frames.push_back(Frame{root, 0});
        while (!frames.empty()) {
            Frame& f = frames.back();
            if (f.next_edge == children[f.node].size()) {
                state[f.node] = done;
                path.pop_back();
                frames.pop_back();
                continue;
            }
            const NestEdge& e = children[f.node][f.next_edge++];
            if (state[e.child] == on_stack) {
                Cycle c{{std::find(path.begin(), path.end(), e.child), path.end()}, e.line};
                c.path.push_back(e.child);
                cycles.push_back(std::move(c));
            } else if (state[e.child] == fresh) {
                state[e.child] = on_stack;
                path.push_back(e.child);
                frames.push_back(Frame{e.child, 0});  // invalidates f
            }
        }
    }
    return cycles;
}

std::vector<TooDeep> find_too_deep(const std::vector<std::vector<NestEdge>>& children, std::size_t max_depth)
{
    // Longest path from a root, in topological order (Kahn): a node's depth is final once
    // every edge into it has been followed.
    const std::size_t n = children.size();
    std::vector<std::size_t> parents(n, 0), depth(n, 0), ready;
    for (const auto& edges : children)
        for (const auto& e : edges) ++parents[e.child];
    for (std::size_t i = 0; i < n; ++i)
        if (parents[i] == 0) ready.push_back(i);
    std::vector<TooDeep> out;
    while (!ready.empty()) {
        std::size_t i = ready.back();
        ready.pop_back();
        for (const auto& e : children[i]) {
            if (depth[i] == max_depth) out.push_back(TooDeep{i, e.child, e.line});
            depth[e.child] = std::max(depth[e.child], depth[i] + 1);
            if (--parents[e.child] == 0) ready.push_back(e.child);
        }
    }
    std::sort(out.begin(), out.end(), [](const TooDeep& a, const TooDeep& b) { return a.line < b.line; });
    return out;
}

}  // namespace reclaim
