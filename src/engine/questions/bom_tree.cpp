#include "engine/questions/bom_tree.hpp"

#include <functional>

#include "engine/evaluate/contents.hpp"

namespace reclaim {

BomNode bom_tree(const Model& model, std::size_t product, const ParamValues& values, std::optional<int> cohort)
{
    std::vector<std::size_t> materials;
    for (std::size_t m = 0; m < model.materials.size(); ++m) materials.push_back(m);
    Contents contents(model, {product}, all_elements(model), materials);
    contents.evaluate(values, cohort);
    std::function<BomNode(std::size_t, double)> build = [&](std::size_t pi, double scale) {
        BomNode node;
        node.item = model.products[pi].id;
        node.kg = scale * contents.content(pi).colwise().sum().transpose();
        const std::vector<double> weights = cohort_weights(model.products[pi], cohort);
        for (std::size_t i = 0; i < model.products[pi].bom.size(); ++i) {
            const BomLine& line = model.products[pi].bom[i];
            if (weights[i] == 0.0) continue;
            const double q = weights[i] * values[line.quantity.index];
            BomNode child;
            if (line.kind == BomLine::Kind::Material) {
                child.item = model.materials[line.item].id;
                child.unit = "kg";
                child.kg = scale * q * contents.composition(line.item);
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
