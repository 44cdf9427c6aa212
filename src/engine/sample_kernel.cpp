#include "engine/sample_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "engine/route_solver.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;
Ix ix(std::size_t i) { return static_cast<Ix>(i); }

// Materials and products reached from `products` (and `extra` materials), children first.
void reach(const Model& model, const std::vector<std::size_t>& products, const std::vector<std::size_t>& extra,
           std::vector<std::size_t>& material_order, std::vector<std::size_t>& product_order)
{
    std::vector<bool> m_seen(model.materials.size(), false), p_seen(model.products.size(), false);
    std::function<void(std::size_t)> material = [&](std::size_t m) {
        if (m_seen[m]) return;
        m_seen[m] = true;
        for (const auto& k : model.materials[m].components)
            if (k.kind == Component::Kind::Material) material(k.index);
        material_order.push_back(m);
    };
    std::function<void(std::size_t)> product = [&](std::size_t p) {
        if (p_seen[p]) return;
        p_seen[p] = true;
        for (const auto& line : model.products[p].bom) {
            if (line.kind == BomLine::Kind::Material) material(line.item);
            else product(line.item);
        }
        product_order.push_back(p);
    };
    for (auto p : products) product(p);
    for (auto m : extra) material(m);
}

}  // namespace

std::vector<std::size_t> elements_of(const Model& model, const std::vector<std::size_t>& products)
{
    std::vector<std::size_t> materials, order;
    reach(model, products, {}, materials, order);
    std::vector<bool> in(model.elements.size(), false);
    for (auto m : materials) {
        for (auto [e, f] : model.materials[m].formula_fractions) in[e] = true;
        for (const auto& k : model.materials[m].components)
            if (k.kind == Component::Kind::Element) in[k.index] = true;
    }
    std::vector<std::size_t> out;
    for (std::size_t e = 0; e < in.size(); ++e)
        if (in[e]) out.push_back(e);
    return out;
}

ContentKernel::ContentKernel(const Model& model, const std::vector<std::size_t>& products,
                             const std::vector<std::size_t>& elements, const std::vector<std::size_t>& extra_materials)
    : model_(&model), local_(model.elements.size(), npos), composition_(model.materials.size()),
      product_content_(model.products.size())
{
    for (std::size_t k = 0; k < elements.size(); ++k) local_[elements[k]] = k;
    reach(model, products, extra_materials, material_order_, product_order_);
    for (auto m : material_order_) composition_[m] = Eigen::VectorXd::Zero(ix(elements.size()));
    for (auto p : product_order_)
        product_content_[p] = Eigen::MatrixXd::Zero(ix(model.classes.size()), ix(elements.size()));
}

std::vector<ParamId> ContentKernel::params() const
{
    std::vector<ParamId> out;
    for (auto m : material_order_)
        for (const auto& k : model_->materials[m].components)
            if (!k.balance) out.push_back(k.fraction);
    for (auto p : product_order_)
        for (const auto& line : model_->products[p].bom) out.push_back(line.quantity);
    return out;
}

void ContentKernel::evaluate(const ParamValues& values)
{
    // The rules of material_compositions() and product_contents() (flatten.cpp), on kept columns.
    for (auto mi : material_order_) {
        const Material& m = model_->materials[mi];
        Eigen::VectorXd& x = composition_[mi];
        x.setZero();
        if (!m.formula.empty()) {
            for (auto [e, f] : m.formula_fractions)
                if (local_[e] != npos) x[ix(local_[e])] += f;
            continue;
        }
        double sum = 0.0;
        const Component* balance = nullptr;
        for (const auto& k : m.components) {
            if (k.balance) balance = &k;
            else sum += values[k.fraction.index];
        }
        const double scale = balance ? (sum > 1.0 ? 1.0 / sum : 1.0) : (sum > 0 ? 1.0 / sum : 0.0);
        auto add = [&](const Component& k, double f) {
            if (k.kind == Component::Kind::Element) {
                if (local_[k.index] != npos) x[ix(local_[k.index])] += f;
            } else {
                x += f * composition_[k.index];
            }
        };
        for (const auto& k : m.components)
            if (!k.balance) add(k, values[k.fraction.index] * scale);
        if (balance) add(*balance, std::max(0.0, 1.0 - sum * scale));
    }
    for (auto pi : product_order_) {
        Eigen::MatrixXd& c = product_content_[pi];
        c.setZero();
        for (const auto& line : model_->products[pi].bom) {
            const double q = values[line.quantity.index];
            if (line.kind == BomLine::Kind::Material) {
                c.row(ix(line.treatment_class)) += q * composition_[line.item].transpose();
            } else if (line.treatment_class == npos) {
                c += q * product_content_[line.item];
            } else {
                c.row(ix(line.treatment_class)) += q * product_content_[line.item].colwise().sum();
            }
        }
    }
}

RouteKernel::RouteKernel(const Model& model, std::size_t route, const std::vector<std::size_t>& elements)
    : model_(&model), route_(route), elements_(elements), group_of_(elements.size(), npos),
      recovered_(Eigen::VectorXd::Zero(ix(elements.size())))
{
    const Route& r = model.routes[route];
    if (r.entry == npos) throw Error("route '" + r.id + "' has no entry process (see `reclaim check`)");
    // Elements with no row of their own anywhere share the '*' group, as in solve_route().
    std::map<std::size_t, std::size_t> group_of_element;  // element (npos: '*') -> group
    std::size_t max_m = 0;
    for (std::size_t k = 0; k < elements.size(); ++k) {
        const std::size_t e = elements[k];
        bool own = std::any_of(r.processes.begin(), r.processes.end(),
                               [e](const Process& p) { return p.by_element.count(e) > 0; });
        const std::size_t key = own ? e : npos;
        auto [it, fresh] = group_of_element.emplace(key, groups_.size());
        group_of_[k] = it->second;
        if (!fresh) continue;
        // Processes reachable from the entry through any transfer of this element's rows.
        std::vector<std::size_t> row(r.processes.size(), npos), active{r.entry};
        row[r.entry] = 0;
        for (std::size_t i = 0; i < active.size(); ++i)
            for (const auto& t : r.processes[active[i]].transfers(e))
                if (t.to.kind == Destination::Kind::Process && row[t.to.index] == npos) {
                    row[t.to.index] = active.size();
                    active.push_back(t.to.index);
                }
        Group g;
        g.entry = 0;
        for (std::size_t i = 0; i < active.size(); ++i) {
            g.arcs_begin.push_back(g.arcs.size());
            for (const auto& t : r.processes[active[i]].transfers(e)) {
                const bool sink = t.to.kind == Destination::Kind::Sink;
                g.arcs.push_back(Arc{t.share.index, sink ? kSink : static_cast<std::uint32_t>(row[t.to.index]),
                                     sink && is_recovered_sink(r.sinks[t.to.index]),
                                     sink ? static_cast<std::uint32_t>(t.to.index) : kSink});
            }
        }
        g.arcs_begin.push_back(g.arcs.size());
        max_m = std::max(max_m, active.size());
        groups_.push_back(std::move(g));
    }
    group_recovered_.assign(groups_.size(), 0.0);
    group_sink_.setZero(ix(groups_.size()), ix(r.sinks.size()));
    sink_yield_ = Eigen::MatrixXd::Zero(ix(elements.size()), ix(r.sinks.size()));
    lhs_.resize(ix(max_m), ix(max_m));
    x_.resize(ix(max_m));
}

std::vector<ParamId> RouteKernel::params() const
{
    std::vector<ParamId> out;
    for (const auto& g : groups_)
        for (const auto& a : g.arcs) out.push_back(ParamId{a.param});
    return out;
}

// Solves (I - A) x = e_entry by Gaussian elimination with partial pivoting on the scratch
// matrix (no allocation), then sums the flows into sinks. False if mass is not conserved.
bool RouteKernel::solve_group(const Group& g, const ParamValues& values, double& recovered,
                              Eigen::Ref<Eigen::RowVectorXd> sinks)
{
    const std::size_t m = g.arcs_begin.size() - 1;
    auto a = lhs_.topLeftCorner(ix(m), ix(m));
    auto x = x_.head(ix(m));
    a.setIdentity();
    x.setZero();
    x[ix(g.entry)] = 1.0;
    for (std::size_t p = 0; p < m; ++p) {
        double sum = 0.0;
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k) sum += std::max(0.0, values[g.arcs[k].param]);
        if (!(sum > 0)) continue;  // no way out: the balance check below catches it if reached
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k)
            if (g.arcs[k].to != kSink) a(ix(g.arcs[k].to), ix(p)) -= std::max(0.0, values[g.arcs[k].param]) / sum;
    }
    for (std::size_t c = 0; c < m; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < m; ++r)
            if (std::abs(a(ix(r), ix(c))) > std::abs(a(ix(piv), ix(c)))) piv = r;
        if (!(std::abs(a(ix(piv), ix(c))) > 1e-300)) return false;
        if (piv != c) {
            a.row(ix(c)).swap(a.row(ix(piv)));
            std::swap(x[ix(c)], x[ix(piv)]);
        }
        for (std::size_t r = c + 1; r < m; ++r) {
            const double f = a(ix(r), ix(c)) / a(ix(c), ix(c));
            if (f == 0.0) continue;
            for (std::size_t k = c; k < m; ++k) a(ix(r), ix(k)) -= f * a(ix(c), ix(k));
            x[ix(r)] -= f * x[ix(c)];
        }
    }
    for (std::size_t c = m; c-- > 0;) {
        double v = x[ix(c)];
        for (std::size_t k = c + 1; k < m; ++k) v -= a(ix(c), ix(k)) * x[ix(k)];
        x[ix(c)] = v / a(ix(c), ix(c));
    }
    double total = 0.0, rec = 0.0;
    sinks.setZero();
    for (std::size_t p = 0; p < m; ++p) {
        double sum = 0.0;
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k) sum += std::max(0.0, values[g.arcs[k].param]);
        if (!(sum > 0)) continue;
        for (std::size_t k = g.arcs_begin[p]; k < g.arcs_begin[p + 1]; ++k) {
            if (g.arcs[k].to != kSink) continue;
            const double flow = x[ix(p)] * std::max(0.0, values[g.arcs[k].param]) / sum;
            total += flow;
            sinks[ix(g.arcs[k].sink)] += flow;
            if (g.arcs[k].recovered) rec += flow;
        }
    }
    recovered = rec;
    return std::isfinite(total) && std::abs(1.0 - total) <= kBalanceTolerance;
}

void RouteKernel::evaluate(const ParamValues& values)
{
    bool ok = true;
    for (std::size_t g = 0; g < groups_.size() && ok; ++g)
        ok = solve_group(groups_[g], values, group_recovered_[g], group_sink_.row(ix(g)));
    if (ok) {
        for (std::size_t k = 0; k < elements_.size(); ++k) {
            recovered_[ix(k)] = group_recovered_[group_of_[k]];
            sink_yield_.row(ix(k)) = group_sink_.row(ix(group_of_[k]));
        }
        return;
    }
    // The full solver restricts to the processes reached through positive shares and explains
    // what is wrong; it throws BalanceError or gives the answer of the unusual case.
    RouteSolution sol = solve_route(*model_, route_, values);
    for (std::size_t k = 0; k < elements_.size(); ++k) {
        recovered_[ix(k)] = sol.recovered[ix(elements_[k])];
        sink_yield_.row(ix(k)) = sol.sink_yield.row(ix(elements_[k]));
    }
}

}  // namespace reclaim
