#include "engine/route_solver.hpp"

#include <cmath>
#include <map>

#include <Eigen/LU>
#include <fmt/format.h>

namespace reclaim {

bool is_recovered_sink(const std::string& sink) { return sink.rfind("recovered:", 0) == 0; }

namespace {

using Eigen::Index;

Index ix(std::size_t i) { return static_cast<Index>(i); }

// The (process -> sink) edges of a route, in first-seen order, and a lookup by pair.
std::vector<SinkEdge> collect_edges(const Route& route, std::map<std::pair<std::size_t, std::size_t>, std::size_t>& index)
{
    std::vector<SinkEdge> edges;
    auto visit = [&](std::size_t p, const std::vector<Transfer>& ts) {
        for (const auto& t : ts) {
            if (t.to.kind != Destination::Kind::Sink) continue;
            if (index.emplace(std::make_pair(p, t.to.index), edges.size()).second)
                edges.push_back(SinkEdge{p, t.to.index});
        }
    };
    for (std::size_t p = 0; p < route.processes.size(); ++p) {
        visit(p, route.processes[p].fallback);
        for (const auto& [e, ts] : route.processes[p].by_element) visit(p, ts);
    }
    return edges;
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
    Eigen::VectorXd edge_yield, sink_yield, throughput;
};

ElementSolve solve_element(const Model& model, const Route& route, std::size_t element, const ParamValues& values,
                           const std::map<std::pair<std::size_t, std::size_t>, std::size_t>& edge_index,
                           std::size_t n_edges)
{
    const std::size_t n = route.processes.size();
    auto seen = reached(route, element, values);
    auto exits = can_exit(route, element, values);
    for (std::size_t p = 0; p < n; ++p) {
        if (seen[p] && !exits[p]) {
            throw BalanceError(fmt::format("route '{}': {} cannot leave the loop through {} (no transfer out of it "
                                           "reaches a sink)",
                                           route.id, model.elements[element].symbol, trapped_names(route, seen, exits)));
        }
    }
    // A[q][p] = share from p to q; solve (I - A) x = feed at the entry.
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(ix(n), ix(n));
    Eigen::MatrixXd to_edge = Eigen::MatrixXd::Zero(ix(n), ix(n_edges));
    for (std::size_t p = 0; p < n; ++p) {
        const auto& ts = route.processes[p].transfers(element);
        double sum = 0.0;
        for (const auto& t : ts) sum += std::max(0.0, values[t.share.index]);
        if (sum <= 0) continue;  // never reached: seen[p] is false
        for (const auto& t : ts) {
            double s = std::max(0.0, values[t.share.index]) / sum;
            if (t.to.kind == Destination::Kind::Process) a(ix(t.to.index), ix(p)) += s;
            else to_edge(ix(p), ix(edge_index.at({p, t.to.index}))) += s;
        }
    }
    Eigen::VectorXd feed = Eigen::VectorXd::Zero(ix(n));
    feed[ix(route.entry)] = 1.0;
    Eigen::MatrixXd m = Eigen::MatrixXd::Identity(ix(n), ix(n)) - a;
    Eigen::VectorXd x = m.partialPivLu().solve(feed);
    ElementSolve out;
    out.throughput = x;
    out.edge_yield = to_edge.transpose() * x;
    out.sink_yield = Eigen::VectorXd::Zero(ix(route.sinks.size()));
    for (const auto& [key, k] : edge_index) out.sink_yield[ix(key.second)] += out.edge_yield[ix(k)];
    return out;
}

}  // namespace

RouteSolution solve_route(const Model& model, std::size_t route_index, const ParamValues& values)
{
    const Route& route = model.routes[route_index];
    const std::size_t n_el = model.elements.size();
    RouteSolution sol;
    sol.route = route_index;
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> edge_index;
    sol.edges = collect_edges(route, edge_index);
    sol.edge_yield.resize(ix(n_el), ix(sol.edges.size()));
    sol.sink_yield.resize(ix(n_el), ix(route.sinks.size()));
    sol.throughput.resize(ix(n_el), ix(route.processes.size()));
    sol.recovered.resize(ix(n_el));

    std::optional<ElementSolve> shared;
    for (std::size_t e = 0; e < n_el; ++e) {
        ElementSolve s;
        if (uses_fallback_only(route, e)) {
            if (!shared) shared = solve_element(model, route, e, values, edge_index, sol.edges.size());
            s = *shared;
        } else {
            s = solve_element(model, route, e, values, edge_index, sol.edges.size());
        }
        sol.edge_yield.row(ix(e)) = s.edge_yield.transpose();
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
