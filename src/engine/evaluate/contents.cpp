#include "engine/evaluate/contents.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <string>

namespace reclaim {

namespace {

using Ix = Eigen::Index;
Ix ix(std::size_t i) { return static_cast<Ix>(i); }

// Materials and products reached from `products` (and `extra` materials), children first.
// The recursion is bounded by the loader: materials and sub-assemblies nest at most
// kMaxNestingDepth (64, io/cycles.hpp) deep and have no cycles, or the model does not load.
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

// A product's parts given by cohort: per part, (cohort, BoM row) sorted by cohort.
std::vector<std::vector<std::pair<int, std::size_t>>> cohort_parts(const Product& p)
{
    std::map<std::string, std::vector<std::pair<int, std::size_t>>> by_part;
    for (std::size_t i = 0; i < p.bom.size(); ++i)
        if (p.bom[i].cohort) by_part[p.bom[i].part].emplace_back(*p.bom[i].cohort, i);
    std::vector<std::vector<std::pair<int, std::size_t>>> out;
    for (auto& [part, rows] : by_part) {
        std::sort(rows.begin(), rows.end());
        out.push_back(std::move(rows));
    }
    return out;
}

// The weights of one part's rows (sorted by cohort) in `cohort`, into w (indexed by BoM row):
// linear between the listed cohorts around it, flat outside them; nullopt is the latest.
void part_weights(const std::vector<std::pair<int, std::size_t>>& rows, std::optional<int> cohort, std::vector<double>& w)
{
    for (const auto& r : rows) w[r.second] = 0.0;
    if (!cohort || *cohort >= rows.back().first) {
        w[rows.back().second] = 1.0;
        return;
    }
    if (*cohort <= rows.front().first) {
        w[rows.front().second] = 1.0;
        return;
    }
    std::size_t hi = 1;
    while (rows[hi].first < *cohort) ++hi;
    if (rows[hi].first == *cohort) {  // a listed cohort is its row exactly
        w[rows[hi].second] = 1.0;
        return;
    }
    const double f = static_cast<double>(*cohort - rows[hi - 1].first) / static_cast<double>(rows[hi].first - rows[hi - 1].first);
    w[rows[hi - 1].second] = 1.0 - f;
    w[rows[hi].second] = f;
}

std::vector<std::size_t> iota(std::size_t n)
{
    std::vector<std::size_t> v(n);
    std::iota(v.begin(), v.end(), std::size_t{0});
    return v;
}

}  // namespace

std::vector<std::size_t> elements_of(const Model& model, const std::vector<std::size_t>& products,
                                     const std::vector<std::size_t>& materials)
{
    std::vector<std::size_t> reached, order;
    reach(model, products, materials, reached, order);
    std::vector<bool> in(model.elements.size(), false);
    for (auto m : reached) {
        for (auto [e, f] : model.materials[m].formula_fractions) in[e] = true;
        for (const auto& k : model.materials[m].components)
            if (k.kind == Component::Kind::Element) in[k.index] = true;
    }
    std::vector<std::size_t> out;
    for (std::size_t e = 0; e < in.size(); ++e)
        if (in[e]) out.push_back(e);
    return out;
}

std::vector<std::size_t> all_elements(const Model& model) { return iota(model.elements.size()); }

std::vector<double> cohort_weights(const Product& product, std::optional<int> cohort)
{
    std::vector<double> w(product.bom.size(), 1.0);
    for (const auto& rows : cohort_parts(product)) part_weights(rows, cohort, w);
    return w;
}


Contents::Contents(const Model& model, const std::vector<std::size_t>& products, const std::vector<std::size_t>& elements,
                   const std::vector<std::size_t>& extra_materials)
    : model_(&model), elements_(elements), local_(model.elements.size(), npos), composition_(model.materials.size()),
      product_content_(model.products.size())
{
    for (std::size_t k = 0; k < elements.size(); ++k) local_[elements[k]] = k;
    reach(model, products, extra_materials, material_order_, product_order_);
    for (auto m : material_order_) composition_[m] = Eigen::VectorXd::Zero(ix(elements.size()));
    cohort_parts_.resize(model.products.size());
    varies_.assign(model.products.size(), false);
    for (auto p : product_order_) {  // sub-assemblies first
        product_content_[p] = ClassContent::Zero(ix(model.classes.size()), ix(elements.size()));
        cohort_parts_[p] = cohort_parts(model.products[p]);
        bool varies = !cohort_parts_[p].empty();
        for (const auto& line : model.products[p].bom)
            if (line.kind == BomLine::Kind::Product && varies_[line.item]) varies = true;
        varies_[p] = varies;
    }
}

std::vector<ParamId> Contents::params() const
{
    std::vector<ParamId> out;
    for (auto m : material_order_)
        for (const auto& k : model_->materials[m].components)
            if (!k.balance) out.push_back(k.fraction);
    for (auto p : product_order_)
        for (const auto& line : model_->products[p].bom) out.push_back(line.quantity);
    return out;
}

void Contents::evaluate(const ParamValues& values, std::optional<int> cohort)
{
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
    evaluate_products(values, cohort);
}

void Contents::evaluate_products(const ParamValues& values, std::optional<int> cohort)
{
    for (auto pi : product_order_) {
        ClassContent& c = product_content_[pi];
        c.setZero();
        const std::vector<BomLine>& bom = model_->products[pi].bom;
        weights_.assign(bom.size(), 1.0);
        for (const auto& rows : cohort_parts_[pi]) part_weights(rows, cohort, weights_);
        for (std::size_t i = 0; i < bom.size(); ++i) {
            const BomLine& line = bom[i];
            if (weights_[i] == 0.0) continue;
            const double q = weights_[i] * values[line.quantity.index];
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

std::vector<Eigen::VectorXd> material_compositions(const Model& model, const ParamValues& values)
{
    Contents c(model, {}, all_elements(model), iota(model.materials.size()));
    c.evaluate(values);
    std::vector<Eigen::VectorXd> out(model.materials.size());
    for (std::size_t m = 0; m < out.size(); ++m) out[m] = c.composition(m);
    return out;
}

std::vector<ClassContent> product_contents(const Model& model, const ParamValues& values)
{
    Contents c(model, iota(model.products.size()), all_elements(model));
    c.evaluate(values);
    std::vector<ClassContent> out(model.products.size());
    for (std::size_t p = 0; p < out.size(); ++p) out[p] = c.content(p);
    return out;
}

ClassContent flatten_product(const Model& model, std::size_t product, const ParamValues& values,
                             std::optional<int> cohort)
{
    Contents c(model, {product}, all_elements(model));
    c.evaluate(values, cohort);
    return c.content(product);
}

}  // namespace reclaim
