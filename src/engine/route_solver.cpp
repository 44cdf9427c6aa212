#include "engine/route_solver.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <Eigen/LU>
#include <fmt/format.h>

namespace reclaim {

bool is_recovered_sink(const std::string& sink) { return sink.rfind("recovered:", 0) == 0; }

namespace {

using Eigen::Index;

Index ix(std::size_t i) { return static_cast<Index>(i); }

using PairIndex = std::map<std::pair<std::size_t, std::size_t>, std::size_t>;

// The (process -> sink) edges and (process -> process) links of a route, in first-seen order,
// each with a lookup by pair.
void collect_edges(const Route& route, std::vector<SinkEdge>& edges, PairIndex& edge_index,
                   std::vector<ProcessLink>& links, PairIndex& link_index)
{
    auto visit = [&](std::size_t p, const std::vector<Transfer>& ts) {
        for (const auto& t : ts) {
            auto key = std::make_pair(p, t.to.index);
            if (t.to.kind == Destination::Kind::Sink) {
                if (edge_index.emplace(key, edges.size()).second) edges.push_back(SinkEdge{p, t.to.index});
            } else if (link_index.emplace(key, links.size()).second) {
                links.push_back(ProcessLink{p, t.to.index});
            }
        }
    };
    for (std::size_t p = 0; p < route.processes.size(); ++p) {
        visit(p, route.processes[p].fallback);
        for (const auto& [e, ts] : route.processes[p].by_element) visit(p, ts);
    }
}

// Which processes can reach a sink through transfers with a positive share, for one element.
std::vector<bool> can_exit(const Route& route, std::size_t element, const ParamValues& values)
{
    const std::size_t n = route.processes.size();
    std::vector<bool> exits(n, false);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t p = 0; p < n; ++p) {
            if (exits[p]) continue;
            for (const auto& t : route.processes[p].transfers(element)) {
                if (values[t.share.index] <= 0) continue;
                if (t.to.kind == Destination::Kind::Sink || exits[t.to.index]) {
                    exits[p] = true;
                    changed = true;
                    break;
                }
            }
        }
    }
    return exits;
}

// Processes an element fed at the entry reaches through positive shares.
std::vector<bool> reached(const Route& route, std::size_t element, const ParamValues& values)
{
    std::vector<bool> seen(route.processes.size(), false);
    std::vector<std::size_t> todo{route.entry};
    seen[route.entry] = true;
    while (!todo.empty()) {
        std::size_t p = todo.back();
        todo.pop_back();
        for (const auto& t : route.processes[p].transfers(element)) {
            if (t.to.kind != Destination::Kind::Process || values[t.share.index] <= 0 || seen[t.to.index]) continue;
            seen[t.to.index] = true;
            todo.push_back(t.to.index);
        }
    }
    return seen;
}

std::string trapped_names(const Route& route, const std::vector<bool>& seen, const std::vector<bool>& exits)
{
    std::string names;
    for (std::size_t p = 0; p < route.processes.size(); ++p)
        if (seen[p] && !exits[p]) names += (names.empty() ? "" : ", ") + route.processes[p].name;
    return names;
}

// Elements whose transfers are identical everywhere (no element-specific rows) share a solve.
bool uses_fallback_only(const Route& route, std::size_t element)
{
    for (const auto& p : route.processes)
        if (p.by_element.count(element)) return false;
    return true;
}

struct ElementSolve {
    Eigen::VectorXd edge_yield, link_yield, sink_yield, throughput;
};

// `label` names the element in messages: its symbol, or '*' for the shared fallback solve.
ElementSolve solve_element(const Route& route, std::size_t element, const std::string& label,
                           const ParamValues& values, const PairIndex& edge_index, std::size_t n_edges,
                           const PairIndex& link_index, std::size_t n_links)
{
    const std::size_t n = route.processes.size();
    auto seen = reached(route, element, values);
    auto exits = can_exit(route, element, values);
    for (std::size_t p = 0; p < n; ++p) {
        if (seen[p] && !exits[p]) {
            throw BalanceError(fmt::format("route '{}': {} cannot leave the loop through {} (no transfer out of it "
                                           "reaches a sink)",
                                           route.id, label, trapped_names(route, seen, exits)));
        }
    }
    // Only the processes the entry reaches take part: an unreachable closed loop would make
    // the full system singular although no mass ever enters it.
    std::vector<std::size_t> row(n, npos);
    std::vector<std::size_t> active;
    for (std::size_t p = 0; p < n; ++p) {
        if (!seen[p]) continue;
        row[p] = active.size();
        active.push_back(p);
    }
    const std::size_t m = active.size();
    // a(q, p) = share from p to q; solve (I - a) x = feed at the entry.
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(ix(m), ix(m));
    Eigen::MatrixXd to_edge = Eigen::MatrixXd::Zero(ix(m), ix(n_edges));
    Eigen::MatrixXd to_link = Eigen::MatrixXd::Zero(ix(m), ix(n_links));
    for (std::size_t i = 0; i < m; ++i) {
        const std::size_t p = active[i];
        const auto& ts = route.processes[p].transfers(element);
        double sum = 0.0;
        for (const auto& t : ts) sum += std::max(0.0, values[t.share.index]);
        // sum > 0: a reached process can exit, so it has a positive share.
        for (const auto& t : ts) {
            double s = std::max(0.0, values[t.share.index]) / sum;
            if (s <= 0) continue;
            if (t.to.kind == Destination::Kind::Process) {
                a(ix(row[t.to.index]), ix(i)) += s;
                to_link(ix(i), ix(link_index.at({p, t.to.index}))) += s;
            } else {
                to_edge(ix(i), ix(edge_index.at({p, t.to.index}))) += s;
            }
        }
    }
    Eigen::VectorXd feed = Eigen::VectorXd::Zero(ix(m));
    feed[ix(row[route.entry])] = 1.0;
    Eigen::MatrixXd lhs = Eigen::MatrixXd::Identity(ix(m), ix(m)) - a;
    Eigen::VectorXd x = lhs.partialPivLu().solve(feed);
    ElementSolve out;
    out.throughput = Eigen::VectorXd::Zero(ix(n));
    for (std::size_t i = 0; i < m; ++i) out.throughput[ix(active[i])] = x[ix(i)];
    out.edge_yield = to_edge.transpose() * x;
    out.link_yield = to_link.transpose() * x;
    out.sink_yield = Eigen::VectorXd::Zero(ix(route.sinks.size()));
    for (const auto& [key, k] : edge_index) out.sink_yield[ix(key.second)] += out.edge_yield[ix(k)];
    return out;
}

}  // namespace

RouteSolution solve_route(const Model& model, std::size_t route_index, const ParamValues& values)
{
    const Route& route = model.routes[route_index];
    if (route.entry == npos) throw Error("route '" + route.id + "' has no entry process (see `reclaim check`)");
    const std::size_t n_el = model.elements.size();
    RouteSolution sol;
    sol.route = route_index;
    PairIndex edge_index, link_index;
    collect_edges(route, sol.edges, edge_index, sol.links, link_index);
    sol.edge_yield.resize(ix(n_el), ix(sol.edges.size()));
    sol.link_yield.resize(ix(n_el), ix(sol.links.size()));
    sol.sink_yield.resize(ix(n_el), ix(route.sinks.size()));
    sol.throughput.resize(ix(n_el), ix(route.processes.size()));
    sol.recovered.resize(ix(n_el));

    std::optional<ElementSolve> shared;
    for (std::size_t e = 0; e < n_el; ++e) {
        ElementSolve s;
        if (uses_fallback_only(route, e)) {
            if (!shared)
                shared = solve_element(route, e, "'*' (every element without its own rows)", values, edge_index,
                                       sol.edges.size(), link_index, sol.links.size());
            s = *shared;
        } else {
            s = solve_element(route, e, model.elements[e].symbol, values, edge_index, sol.edges.size(), link_index,
                              sol.links.size());
        }
        sol.edge_yield.row(ix(e)) = s.edge_yield.transpose();
        sol.link_yield.row(ix(e)) = s.link_yield.transpose();
        sol.sink_yield.row(ix(e)) = s.sink_yield.transpose();
        sol.throughput.row(ix(e)) = s.throughput.transpose();
        double total = s.sink_yield.sum();
        double residual = std::abs(1.0 - total);
        sol.max_residual = std::max(sol.max_residual, residual);
        if (!(residual <= kBalanceTolerance)) {
            throw BalanceError(fmt::format("route '{}': the sinks of {} sum to {:.12g} of its feed (tolerance {:g})",
                                           route.id, model.elements[e].symbol, total, kBalanceTolerance));
        }
        double rec = 0.0;
        for (std::size_t k = 0; k < route.sinks.size(); ++k)
            if (is_recovered_sink(route.sinks[k])) rec += s.sink_yield[ix(k)];
        sol.recovered[ix(e)] = rec;
    }
    return sol;
}

std::vector<RouteSolution> solve_routes(const Model& model, const ParamValues& values)
{
    std::vector<RouteSolution> out;
    out.reserve(model.routes.size());
    for (std::size_t r = 0; r < model.routes.size(); ++r) out.push_back(solve_route(model, r, values));
    return out;
}

void validate_routes(const Model& model, Diagnostics& diag)
{
    auto values = model.params.nominal();
    for (const auto& route : model.routes) {
        if (route.entry == npos) continue;  // already reported by the loader
        Location loc{"routes/routes.csv", route.line, "entry"};
        // Reachability over any element's transfers.
        std::vector<bool> any(route.processes.size(), false);
        std::vector<bool> checked(model.elements.size(), false);
        bool fallback_done = false;
        for (std::size_t e = 0; e < model.elements.size(); ++e) {
            bool fallback = uses_fallback_only(route, e);
            if (fallback && fallback_done) continue;
            fallback_done = fallback_done || fallback;
            auto seen = reached(route, e, values);
            auto exits = can_exit(route, e, values);
            for (std::size_t p = 0; p < seen.size(); ++p) any[p] = any[p] || seen[p];
            auto trapped = trapped_names(route, seen, exits);
            if (!trapped.empty()) {
                diag.add(loc, route.id,
                         "has a loop with no exit for " + (fallback ? std::string("'*'") : model.elements[e].symbol) +
                             ": processes " + trapped + " send everything back among themselves");
            }
        }
        for (std::size_t p = 0; p < route.processes.size(); ++p) {
            if (!any[p]) {
                diag.add(Location{"routes/transfers.csv", route.processes[p].line, "process"}, route.processes[p].name,
                         "cannot be reached from the entry '" + route.processes[route.entry].name + "' of route '" +
                             route.id + "'");
            }
        }
    }
}

}  // namespace reclaim
