#include "engine/flatten.hpp"

#include <algorithm>
#include <functional>

namespace reclaim {

std::vector<Eigen::VectorXd> material_compositions(const Model& model, const ParamValues& values)
{
    const std::size_t n_el = model.elements.size();
    std::vector<Eigen::VectorXd> out(model.materials.size());
    std::vector<bool> done(model.materials.size(), false);
    std::function<const Eigen::VectorXd&(std::size_t)> eval = [&](std::size_t mi) -> const Eigen::VectorXd& {
        if (done[mi]) return out[mi];
        const Material& m = model.materials[mi];
        Eigen::VectorXd x = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n_el));
        if (!m.formula.empty()) {
            for (auto [e, f] : m.formula_fractions) x[static_cast<Eigen::Index>(e)] += f;
        } else {
            double sum = 0.0;
            const Component* balance = nullptr;
            for (const auto& k : m.components) {
                if (k.balance) { balance = &k; continue; }
                sum += values[k.fraction.index];
            }
            // With a balance row the others keep their values; without, they are scaled to 1
            // (they sum to 1 within 1e-6 nominally; a sample may not).
            double scale = balance ? (sum > 1.0 ? 1.0 / sum : 1.0) : (sum > 0 ? 1.0 / sum : 0.0);
            auto add = [&](const Component& k, double f) {
                if (k.kind == Component::Kind::Element) x[static_cast<Eigen::Index>(k.index)] += f;
                else x += f * eval(k.index);
            };
            for (const auto& k : m.components)
                if (!k.balance) add(k, values[k.fraction.index] * scale);
            if (balance) add(*balance, std::max(0.0, 1.0 - sum * scale));
        }
        out[mi] = std::move(x);
        done[mi] = true;
        return out[mi];
    };
    for (std::size_t i = 0; i < model.materials.size(); ++i) eval(i);
    return out;
}

std::vector<ClassContent> product_contents(const Model& model, const ParamValues& values,
                                           const std::vector<Eigen::VectorXd>& compositions)
{
    const auto n_cls = static_cast<Eigen::Index>(model.classes.size());
    const auto n_el = static_cast<Eigen::Index>(model.elements.size());
    std::vector<ClassContent> out(model.products.size());
    std::vector<bool> done(model.products.size(), false);
    std::function<const ClassContent&(std::size_t)> eval = [&](std::size_t pi) -> const ClassContent& {
        if (done[pi]) return out[pi];
        ClassContent c = ClassContent::Zero(n_cls, n_el);
        for (const auto& line : model.products[pi].bom) {
            double q = values[line.quantity.index];
            if (line.kind == BomLine::Kind::Material) {
                c.row(static_cast<Eigen::Index>(line.treatment_class)) += q * compositions[line.item].transpose();
            } else if (line.treatment_class == npos) {
                c += q * eval(line.item);
            } else {
                c.row(static_cast<Eigen::Index>(line.treatment_class)) += q * eval(line.item).colwise().sum();
            }
        }
        out[pi] = std::move(c);
        done[pi] = true;
        return out[pi];
    };
    for (std::size_t i = 0; i < model.products.size(); ++i) eval(i);
    return out;
}

ClassContent flatten_product(const Model& model, std::size_t product, const ParamValues& values)
{
    return product_contents(model, values, material_compositions(model, values))[product];
}

BomNode bom_tree(const Model& model, std::size_t product, const ParamValues& values)
{
    auto compositions = material_compositions(model, values);
    auto contents = product_contents(model, values, compositions);
    std::function<BomNode(std::size_t, double)> build = [&](std::size_t pi, double scale) {
        BomNode node;
        node.item = model.products[pi].id;
        node.kg = scale * contents[pi].colwise().sum().transpose();
        for (const auto& line : model.products[pi].bom) {
            double q = values[line.quantity.index];
            BomNode child;
            if (line.kind == BomLine::Kind::Material) {
                child.item = model.materials[line.item].id;
                child.unit = "kg";
                child.kg = scale * q * compositions[line.item];
            } else {
                child = build(line.item, scale * q);
                child.unit = std::string(model.products[line.item].unit->symbol);
            }
            child.part = line.part;
            child.quantity = q;
            child.line = line.line;
            child.treatment_class = line.treatment_class == npos ? "" : model.classes[line.treatment_class];
            node.children.push_back(std::move(child));
        }
        return node;
    };
    BomNode root = build(product, 1.0);
    root.part = model.products[product].name;
    root.quantity = 1.0;
    root.unit = std::string(model.products[product].unit->symbol);
    return root;
}

}  // namespace reclaim
