#include "model/model.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/formula.hpp"

namespace reclaim {

namespace {

// One formula unit as "element:amount," in element order: the identity of a substance.
std::string formula_key(const FormulaAmounts& f)
{
    auto amounts = f.amounts;
    std::sort(amounts.begin(), amounts.end());
    std::string key = "f:";
    for (auto& [e, n] : amounts) key += fmt::format("{}:{:.6g},", e, n);
    return key;
}

}  // namespace

std::string Model::form_key(const std::string& name) const
{
    if (auto mi = find_material(name)) {
        const Material& m = materials[*mi];
        if (m.formula.empty()) return "m:" + m.id;
        return formula_key(parse_formula(m.formula, elements));  // validated at load
    }
    try {
        return formula_key(parse_formula(name, elements));
    } catch (const FormulaError&) {
        return "n:" + name;
    }
}

std::optional<std::size_t> Route::find_process(const std::string& name) const
{
    for (std::size_t i = 0; i < processes.size(); ++i)
        if (processes[i].name == name) return i;
    return std::nullopt;
}

bool Route::accepts_class(const std::string& cls) const
{
    return accepts.empty() || std::find(accepts.begin(), accepts.end(), cls) != accepts.end();
}

bool Route::accepts_material(const Material& material) const
{
    return accepts.empty() || (!material.treatment_class.empty() && accepts_class(material.treatment_class));
}

bool route_takes(const Model& model, const Route& route, const BomLine& line)
{
    if (line.treatment_class != npos && route.accepts_class(model.classes[line.treatment_class])) return true;
    return line.kind == BomLine::Kind::Material && route.accepts_material(model.materials[line.item]);
}

std::string Route::accepts_text() const
{
    if (accepts.empty()) return "any class";
    std::string out;
    for (const auto& c : accepts) out += (out.empty() ? "" : ", ") + c;
    return out;
}

const Lifetime* Model::lifetime_of(std::size_t product) const
{
    if (lifetime_index.size() == products.size()) {
        const std::size_t i = lifetime_index[product];
        return i == npos ? nullptr : &lifetimes[i];
    }
    for (const auto& l : lifetimes)
        if (l.product == product) return &l;
    return nullptr;
}

void Model::index_lifetimes()
{
    lifetime_index.assign(products.size(), npos);
    for (std::size_t i = 0; i < lifetimes.size(); ++i)
        if (lifetimes[i].product < products.size()) lifetime_index[lifetimes[i].product] = i;
}

std::size_t Model::intern_class(const std::string& name)
{
    if (auto i = class_index.find(name)) return *i;
    classes.push_back(name);
    class_index.add(name, classes.size() - 1);
    return classes.size() - 1;
}

namespace {

std::string refused(const Model& model, std::size_t route, const std::string& what)
{
    const Route& r = model.routes.at(route);
    return what + " is sent to '" + r.id + "', which accepts only " + r.accepts_text();
}

}  // namespace

std::string refused_class(const Model& model, std::size_t route, const std::string& cls)
{
    return refused(model, route, "class '" + cls + "'");
}

std::string refused_feed(const Model& model, std::size_t route, const Material& material)
{
    const std::string cls = material.treatment_class.empty() ? "no class in materials/materials.csv"
                                                               : "class '" + material.treatment_class + "'";
    return refused(model, route, "material '" + material.id + "' (" + cls + ")");
}

}  // namespace reclaim
