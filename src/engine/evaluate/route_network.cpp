#include "engine/evaluate/route_network.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace reclaim {

namespace {

using Ix = Eigen::Index;
Ix ix(std::size_t i) { return static_cast<Ix>(i); }

using PairIndex = std::map<std::pair<std::size_t, std::size_t>, std::size_t>;

// The (process -> sink) edges and (process -> process) links of a route, in first-seen order.
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

bool uses_fallback_only(const Route& route, std::size_t element)
{
    for (const auto& p : route.processes)
        if (p.by_element.count(element)) return false;
    return true;
}

std::string trapped_names(const Route& route, const std::vector<bool>& seen, const std::vector<bool>& exits)
{
    std::string names;
    for (std::size_t p = 0; p < route.processes.size(); ++p)
        if (seen[p] && !exits[p]) names += (names.empty() ? "" : ", ") + route.processes[p].name;
    return names;
}

constexpr const char* kFallbackLabel = "'*' (every element without its own rows)";

// A loop that returns all but this fraction of what enters it (per pass) is closed for the
// solve: its throughput would pass 1/kMinPivot times its feed and rounding decides the result.
constexpr double kMinPivot = 1e-9;

// The shares of a route are data: a network they make unsolvable is a problem at the route's row.
[[noreturn]] void route_problem(const Route& r, const std::string& message)
{
    throw InputError(Problem{Location{r.file, r.line, "entry"}, r.id, message});
}

}  // namespace

RouteNetwork::RouteNetwork(const Model& model, std::size_t route, const std::vector<std::size_t>& elements)
    : model_(&model), route_(route)
{
    const Route& r = model.routes[route];
    if (r.entry == npos) throw Error("route '" + r.id + "' has no entry process (see `reclaim check`)");
    sol_.route = route;
    sol_.elements = elements;
    PairIndex edge_index, link_index;
    collect_edges(r, sol_.edges, edge_index, sol_.links, link_index);
    std::map<std::size_t, std::size_t> group_of_element;  // element (npos: '*') -> group
    for (std::size_t row = 0; row < elements.size(); ++row) {
        const std::size_t e = elements[row];
        const bool own = !uses_fallback_only(r, e);
        auto [it, fresh] = group_of_element.emplace(own ? e : npos, groups_.size());
        group_of_.push_back(it->second);
        if (!fresh) continue;
        first_row_.push_back(row);
        Group g;
        g.label = own ? model.elements[e].symbol : kFallbackLabel;
        for (std::size_t p = 0; p < r.processes.size(); ++p) {
            g.arcs_begin.push_back(g.arcs.size());
            for (const auto& t : r.processes[p].transfers(e)) {
                const bool sink = t.to.kind == Destination::Kind::Sink;
                const std::size_t index = sink ? edge_index.at({p, t.to.index}) : link_index.at({p, t.to.index});
                g.arcs.push_back(Arc{t.share.index, sink, static_cast<std::uint32_t>(t.to.index),
                                     static_cast<std::uint32_t>(index)});
            }
        }
        g.arcs_begin.push_back(g.arcs.size());
        groups_.push_back(std::move(g));
    }
    sol_.params = params();
    const std::size_t n = r.processes.size();
    sol_.sink_yield = Eigen::MatrixXd::Zero(ix(elements.size()), ix(r.sinks.size()));
    sol_.recovered = Eigen::VectorXd::Zero(ix(elements.size()));
    lhs_.resize(ix(n), ix(n));
    x_.resize(ix(n));
    row_of_.assign(n, npos);
}

std::vector<ParamId> RouteNetwork::params() const
{
    std::vector<ParamId> out;
    for (const auto& g : groups_)
        for (const auto& a : g.arcs) out.push_back(ParamId{a.param});
    return out;
}

// Which processes the entry reaches through positive shares, and which can reach a sink.
void RouteNetwork::reach(const Group& g, const ParamValues& values, std::vector<bool>& seen,
                         std::vector<bool>& exits) const
{
    const Route& r = model_->routes[route_];
    const std::size_t n = r.processes.size();
    seen.assign(n, false);
    exits.assign(n, false);
    std::vector<std::size_t> todo{r.entry};
    seen[r.entry] = true;
    while (!todo.empty()) {
        const std::size_t p = todo.back();
        todo.pop_back();
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k) {
            const Arc& a = g.arcs[k];
            if (a.to_sink || values[a.param] <= 0 || seen[a.to]) continue;
            seen[a.to] = true;
            todo.push_back(a.to);
        }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t p = 0; p < n; ++p) {
            if (exits[p]) continue;
            for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k) {
                const Arc& a = g.arcs[k];
                if (values[a.param] <= 0) continue;
                if (a.to_sink || exits[a.to]) {
                    exits[p] = true;
                    changed = true;
                    break;
                }
            }
        }
    }
}

// Solves (I - A) x = e_entry on the processes the entry reaches (an unreachable closed loop
// would make the whole system singular although no mass enters it), by Gaussian elimination
// with partial pivoting on scratch memory, then sums the flows into sinks.
// The processes the entry reaches through positive shares, into active_ and row_of_; a reached
// process that cannot reach a sink is a loop without exit.
void RouteNetwork::find_active(const Group& g, const ParamValues& values)
{
    const Route& r = model_->routes[route_];
    const std::size_t n = r.processes.size();
    reach(g, values, seen_, exits_);
    for (std::size_t p = 0; p < n; ++p)
        if (seen_[p] && !exits_[p])
            route_problem(r, fmt::format("{} cannot leave the loop through {}: at these values no transfer out of "
                                         "it reaches a sink (give the exit shares a low above 0)",
                                         g.label, trapped_names(r, seen_, exits_)));
    active_.clear();
    for (std::size_t p = 0; p < n; ++p)
        if (seen_[p]) active_.push_back(p);
}

// Solves (I - A) x = e_entry on the processes the entry reaches (an unreachable closed loop
// would make the whole system singular although no mass enters it), by Gaussian elimination
// with partial pivoting on scratch memory, then sums the flows into sinks.
void RouteNetwork::solve_group(Group& g, const ParamValues& values, Detail detail, std::size_t row)
{
    const Route& r = model_->routes[route_];
    const std::size_t n = r.processes.size();
    const bool all_positive =
        std::all_of(g.arcs.begin(), g.arcs.end(), [&](const Arc& a) { return values[a.param] > 0; });
    if (all_positive && g.all_positive_known) {
        active_ = g.all_positive_active;
    } else {
        find_active(g, values);
        if (all_positive) {
            g.all_positive_active = active_;
            g.all_positive_known = true;
        }
    }
    for (std::size_t p = 0; p < n; ++p) row_of_[p] = npos;
    for (std::size_t i = 0; i < active_.size(); ++i) row_of_[active_[i]] = i;
    const std::size_t m = active_.size();
    share_.assign(g.arcs.size(), 0.0);
    for (std::size_t p : active_) {
        double sum = 0.0;
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k) sum += std::max(0.0, values[g.arcs[k].param]);
        // sum > 0: a reached process can exit, so it has a positive share.
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k)
            share_[k] = std::max(0.0, values[g.arcs[k].param]) / sum;
    }
    auto a = lhs_.topLeftCorner(ix(m), ix(m));
    auto x = x_.head(ix(m));
    a.setIdentity();
    x.setZero();
    x[ix(row_of_[r.entry])] = 1.0;
    for (std::size_t i = 0; i < m; ++i) {
        const std::size_t p = active_[i];
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k)
            if (!g.arcs[k].to_sink && share_[k] > 0) a(ix(row_of_[g.arcs[k].to]), ix(i)) -= share_[k];
    }
    for (std::size_t c = 0; c < m; ++c) {
        std::size_t piv = c;
        for (std::size_t q = c + 1; q < m; ++q)
            if (std::abs(a(ix(q), ix(c))) > std::abs(a(ix(piv), ix(c)))) piv = q;
        if (!(std::abs(a(ix(piv), ix(c))) > kMinPivot))
            route_problem(r, fmt::format("a loop of {} returns all but less than {:g} of what enters it on each "
                                         "pass, so the route cannot be solved: give its exit shares more weight",
                                         g.label, kMinPivot));
        if (piv != c) {
            a.row(ix(c)).swap(a.row(ix(piv)));
            std::swap(x[ix(c)], x[ix(piv)]);
        }
        for (std::size_t q = c + 1; q < m; ++q) {
            const double f = a(ix(q), ix(c)) / a(ix(c), ix(c));
            if (f == 0.0) continue;
            for (std::size_t k = c; k < m; ++k) a(ix(q), ix(k)) -= f * a(ix(c), ix(k));
            x[ix(q)] -= f * x[ix(c)];
        }
    }
    for (std::size_t c = m; c-- > 0;) {
        double v = x[ix(c)];
        for (std::size_t k = c + 1; k < m; ++k) v -= a(ix(c), ix(k)) * x[ix(k)];
        x[ix(c)] = v / a(ix(c), ix(c));
    }
    const Ix rr = ix(row);
    sol_.sink_yield.row(rr).setZero();
    const bool full = detail == Detail::Full;
    if (full) {
        sol_.edge_yield.row(rr).setZero();
        sol_.link_yield.row(rr).setZero();
        sol_.throughput.row(rr).setZero();
    }
    double recovered = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        const std::size_t p = active_[i];
        if (full) sol_.throughput(rr, ix(p)) = x[ix(i)];
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k) {
            const Arc& arc = g.arcs[k];
            if (!(share_[k] > 0)) continue;
            const double flow = x[ix(i)] * share_[k];
            if (arc.to_sink) {
                sol_.sink_yield(rr, ix(arc.to)) += flow;
                if (r.sinks[arc.to].recovered()) recovered += flow;
                if (full) sol_.edge_yield(rr, ix(arc.index)) += flow;
            } else if (full) {
                sol_.link_yield(rr, ix(arc.index)) += flow;
            }
        }
    }
    sol_.recovered[rr] = recovered;
}

void RouteNetwork::evaluate(const ParamValues& values, Detail detail)
{
    const Route& r = model_->routes[route_];
    const Ix rows = ix(sol_.elements.size());
    if (detail == Detail::Full) {
        sol_.edge_yield.setZero(rows, ix(sol_.edges.size()));
        sol_.link_yield.setZero(rows, ix(sol_.links.size()));
        sol_.throughput.setZero(rows, ix(r.processes.size()));
    } else {
        sol_.edge_yield.resize(0, 0);
        sol_.link_yield.resize(0, 0);
        sol_.throughput.resize(0, 0);
    }
    for (std::size_t g = 0; g < groups_.size(); ++g) solve_group(groups_[g], values, detail, first_row_[g]);
    sol_.max_residual = 0.0;
    for (std::size_t row = 0; row < sol_.elements.size(); ++row) {
        const std::size_t first = first_row_[group_of_[row]];
        if (first != row) {
            sol_.sink_yield.row(ix(row)) = sol_.sink_yield.row(ix(first));
            sol_.recovered[ix(row)] = sol_.recovered[ix(first)];
            if (detail == Detail::Full) {
                sol_.edge_yield.row(ix(row)) = sol_.edge_yield.row(ix(first));
                sol_.link_yield.row(ix(row)) = sol_.link_yield.row(ix(first));
                sol_.throughput.row(ix(row)) = sol_.throughput.row(ix(first));
            }
        }
        const double total = sol_.sink_yield.row(ix(row)).sum();
        const double residual = std::abs(1.0 - total);
        sol_.max_residual = std::max(sol_.max_residual, residual);
        if (!(residual <= kBalanceTolerance)) {
            throw BalanceError(fmt::format("route '{}': the sinks of {} sum to {:.12g} of its feed (tolerance {:g})",
                                           r.id, model_->elements[sol_.elements[row]].symbol, total,
                                           kBalanceTolerance));
        }
    }
}

void RouteNetwork::validate(const ParamValues& values, Diagnostics& diag) const
{
    const Route& r = model_->routes[route_];
    const Location loc{r.file, r.line, "entry"};
    std::vector<bool> any(r.processes.size(), false), seen, exits;
    for (const auto& g : groups_) {
        reach(g, values, seen, exits);
        for (std::size_t p = 0; p < seen.size(); ++p) any[p] = any[p] || seen[p];
        const auto trapped = trapped_names(r, seen, exits);
        if (!trapped.empty()) {
            const std::string label = g.label == kFallbackLabel ? "'*'" : g.label;
            diag.add(loc, r.id,
                     "has a loop with no exit for " + label + ": processes " + trapped +
                         " send everything back among themselves");
        }
    }
    for (std::size_t p = 0; p < r.processes.size(); ++p) {
        if (!any[p]) {
            diag.add(Location{r.processes[p].file, r.processes[p].line, "process"}, r.processes[p].name,
                     "cannot be reached from the entry '" + r.processes[r.entry].name + "' of route '" + r.id + "'");
        }
    }
}

RouteSolution solve_route(const Model& model, std::size_t route, const ParamValues& values)
{
    std::vector<std::size_t> elements(model.elements.size());
    for (std::size_t e = 0; e < elements.size(); ++e) elements[e] = e;
    RouteNetwork net(model, route, elements);
    net.evaluate(values, Detail::Full);
    return net.solution();
}

void validate_routes(const Model& model, Diagnostics& diag)
{
    const ParamValues values = model.params.nominal();
    std::vector<std::size_t> elements(model.elements.size());
    for (std::size_t e = 0; e < elements.size(); ++e) elements[e] = e;
    for (std::size_t r = 0; r < model.routes.size(); ++r) {
        if (model.routes[r].entry == npos) continue;  // already reported by the loader
        RouteNetwork net(model, r, elements);
        const std::size_t before = diag.size();
        net.validate(values, diag);
        if (diag.size() > before) continue;
        // A structurally sound network can still be numerically closed (a loop returning 1 - 1e-17).
        try {
            net.evaluate(values, Detail::Headline);
        } catch (const InputError& e) {
            for (const auto& p : e.problems()) diag.add(p);
        }
    }
}

}  // namespace reclaim
