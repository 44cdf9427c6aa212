#include "io/cycles.hpp"

#include <algorithm>
#include <functional>

namespace reclaim {

std::vector<Cycle> find_cycles(const std::vector<std::vector<NestEdge>>& children)
{
    enum State { fresh, on_stack, done };
    std::vector<State> state(children.size(), fresh);
    std::vector<std::size_t> stack;
    std::vector<Cycle> cycles;
    std::function<void(std::size_t)> visit = [&](std::size_t i) {
        state[i] = on_stack;
        stack.push_back(i);
        for (const auto& e : children[i]) {
            if (state[e.child] == on_stack) {
                Cycle c{{std::find(stack.begin(), stack.end(), e.child), stack.end()}, e.line};
                c.path.push_back(e.child);
                cycles.push_back(std::move(c));
            } else if (state[e.child] == fresh) {
                visit(e.child);
            }
        }
        stack.pop_back();
        state[i] = done;
    };
    for (std::size_t i = 0; i < children.size(); ++i)
        if (state[i] == fresh) visit(i);
    return cycles;
}

}  // namespace reclaim
