#include "report/show_report.hpp"

#include <functional>

#include "report/json_text.hpp"
#include "report/table.hpp"

namespace reclaim {

using nlohmann::json;
using Align = TextTable::Align;

namespace {

// Elements present (non-zero) in any of the vectors, in table order.
std::vector<std::size_t> present(const Model& model, const std::vector<const Eigen::VectorXd*>& vs)
{
    std::vector<std::size_t> out;
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        bool any = false;
        for (auto* v : vs) any = any || (*v)[static_cast<Eigen::Index>(e)] != 0.0;
        if (any) out.push_back(e);
    }
    return out;
}

}  // namespace

json element_map(const Model& model, const Eigen::VectorXd& v)
{
    json j = json::object();
    for (std::size_t e = 0; e < model.elements.size(); ++e)
        if (v[static_cast<Eigen::Index>(e)] != 0.0) j[model.elements[e].symbol] = v[static_cast<Eigen::Index>(e)];
    return j;
}

bool write_list(std::ostream& out, Format format, const Model& model, std::string_view what)
{
    json j = json::array();
    std::unique_ptr<TextTable> t;
    if (what == "materials") {
        t = std::make_unique<TextTable>(std::vector<std::string>{"id", "name", "formula"});
        for (const auto& m : model.materials) {
            t->add_row({m.id, m.name, m.formula});
            j.push_back({{"id", m.id}, {"name", m.name}, {"formula", m.formula}, {"source", m.source}});
        }
    } else if (what == "products") {
        t = std::make_unique<TextTable>(std::vector<std::string>{"id", "name", "category", "unit"});
        for (const auto& p : model.products) {
            t->add_row({p.id, p.name, p.category, std::string(p.unit->symbol)});
            j.push_back({{"id", p.id}, {"name", p.name}, {"category", p.category},
                         {"unit", std::string(p.unit->symbol)}, {"source", p.source}});
        }
    } else if (what == "routes") {
        t = std::make_unique<TextTable>(std::vector<std::string>{"id", "name", "trl", "processes"},
                                        std::vector<Align>{Align::Left, Align::Left, Align::Right, Align::Right});
        for (const auto& r : model.routes) {
            t->add_row({r.id, r.name, std::to_string(r.trl), std::to_string(r.processes.size())});
            j.push_back({{"id", r.id}, {"name", r.name}, {"trl", r.trl},
                         {"processes", r.processes.size()}, {"source", r.source}});
        }
    } else if (what == "plans") {
        t = std::make_unique<TextTable>(std::vector<std::string>{"plan", "class", "route", "share"},
                                        std::vector<Align>{Align::Left, Align::Left, Align::Left, Align::Right});
        for (const auto& p : model.plans) {
            json shares = json::array();
            for (const auto& s : p.shares) {
                double v = model.params[s.share].value;
                t->add_row({p.id, model.classes[s.treatment_class], model.routes[s.route].id, sig(v)});
                shares.push_back({{"class", model.classes[s.treatment_class]},
                                  {"route", model.routes[s.route].id}, {"share", v}});
            }
            j.push_back({{"id", p.id}, {"shares", shares}});
        }
    } else if (what == "classes") {
        t = std::make_unique<TextTable>(std::vector<std::string>{"class"});
        for (const auto& c : model.classes) {
            t->add_row({c});
            j.push_back(c);
        }
    } else if (what == "elements") {
        t = std::make_unique<TextTable>(std::vector<std::string>{"symbol", "name", "atomic_weight"},
                                        std::vector<Align>{Align::Left, Align::Left, Align::Right});
        for (const auto& e : model.elements.all()) {
            t->add_row({e.symbol, e.name, sig(e.atomic_weight, 9)});
            j.push_back({{"symbol", e.symbol}, {"name", e.name}, {"atomic_weight", e.atomic_weight}});
        }
    } else {
        return false;
    }
    if (format == Format::Json) out << json_text(j, "the list JSON");
    else t->print(out, format);
    return true;
}

json material_json(const Model& model, std::size_t material, const Eigen::VectorXd& composition)
{
    const Material& m = model.materials[material];
    return {{"id", m.id}, {"name", m.name}, {"formula", m.formula},
            {"composition", element_map(model, composition)}, {"source", m.source}};
}

void write_material(std::ostream& out, Format format, const Model& model, std::size_t material,
                    const Eigen::VectorXd& composition)
{
    if (format == Format::Json) {
        out << json_text(material_json(model, material, composition), "the material JSON");
        return;
    }
    const Material& m = model.materials[material];
    if (format == Format::Table || format == Format::Md) {
        out << (format == Format::Md ? "## " : "") << m.id << " — " << m.name
            << (m.formula.empty() ? "" : " (" + m.formula + ")") << "\n";
        if (format == Format::Md) out << '\n';
    }
    TextTable t({"element", "mass_fraction", "percent"}, {Align::Left, Align::Right, Align::Right});
    for (auto e : present(model, {&composition})) {
        double f = composition[static_cast<Eigen::Index>(e)];
        t.add_row({model.elements[e].symbol, sig(f, 6), percent(f, 4)});
    }
    t.print(out, format);
}

json product_json(const Model& model, std::size_t product, const BomNode& tree, const ClassContent& by_class)
{
    const Product& p = model.products[product];
    json classes = json::object();
    for (Eigen::Index c = 0; c < by_class.rows(); ++c) {
        Eigen::VectorXd row = by_class.row(c).transpose();
        if (row.cwiseAbs().sum() > 0) classes[model.classes[static_cast<std::size_t>(c)]] = element_map(model, row);
    }
    std::function<json(const BomNode&)> node_json = [&](const BomNode& n) {
        json parts = json::array();
        for (const auto& c : n.children) parts.push_back(node_json(c));
        json j = {{"part", n.part}, {"item", n.item}, {"class", n.treatment_class}, {"quantity", n.quantity},
                  {"unit", n.unit}, {"line", n.line}, {"content_kg", element_map(model, n.kg)}};
        if (!parts.empty()) j["parts"] = parts;
        return j;
    };
    json parts = json::array();
    for (const auto& c : tree.children) parts.push_back(node_json(c));
    return {{"id", p.id}, {"name", p.name}, {"unit", std::string(p.unit->symbol)},
            {"content_kg", element_map(model, tree.kg)}, {"mass_kg", tree.kg.sum()},
            {"by_class", classes}, {"parts", parts}, {"source", p.source}};
}

void write_product(std::ostream& out, Format format, const Model& model, std::size_t product,
                   const BomNode& tree, const ClassContent& by_class)
{
    if (format == Format::Json) {
        out << json_text(product_json(model, product, tree, by_class), "the product JSON");
        return;
    }
    const Product& p = model.products[product];
    auto elements = present(model, {&tree.kg});
    bool md = format == Format::Md;
    if (format != Format::Csv) {
        out << (md ? "## " : "") << p.id << " — " << p.name << ", per " << p.unit->symbol
            << " (kg of each element)\n\n";
    }
    // The BoM tree, one row per line, indented by depth.
    std::vector<std::string> headers{"part", "item", "class", "quantity", "mass_kg"};
    std::vector<Align> align{Align::Left, Align::Left, Align::Left, Align::Right, Align::Right};
    for (auto e : elements) {
        headers.push_back(model.elements[e].symbol);
        align.push_back(Align::Right);
    }
    TextTable tree_table(headers, align);
    std::function<void(const BomNode&, int)> add = [&](const BomNode& n, int depth) {
        std::string indent = format == Format::Csv ? std::string(static_cast<std::size_t>(depth), '>')
                                                   : std::string(static_cast<std::size_t>(2 * depth), ' ');
        if (md) indent = std::string(static_cast<std::size_t>(depth), '>') + (depth ? " " : "");
        std::vector<std::string> row{indent + n.part, n.item, n.treatment_class,
                                     sig(n.quantity) + " " + n.unit, sig(n.kg.sum())};
        for (auto e : elements) row.push_back(sig(n.kg[static_cast<Eigen::Index>(e)]));
        tree_table.add_row(row);
        for (const auto& c : n.children) add(c, depth + 1);
    };
    for (const auto& c : tree.children) add(c, 0);
    tree_table.add_rule();
    std::vector<std::string> total{"total", "", "", "1 " + std::string(p.unit->symbol), sig(tree.kg.sum())};
    for (auto e : elements) total.push_back(sig(tree.kg[static_cast<Eigen::Index>(e)]));
    tree_table.add_row(total);
    tree_table.print(out, format);
    if (format == Format::Csv) return;

    out << '\n' << (md ? "### " : "") << "By treatment class, kg per " << p.unit->symbol << "\n\n";
    std::vector<std::string> h2{"class", "mass_kg"};
    std::vector<Align> a2{Align::Left, Align::Right};
    for (auto e : elements) {
        h2.push_back(model.elements[e].symbol);
        a2.push_back(Align::Right);
    }
    TextTable cls(h2, a2);
    for (Eigen::Index c = 0; c < by_class.rows(); ++c) {
        if (by_class.row(c).cwiseAbs().sum() == 0) continue;
        std::vector<std::string> row{model.classes[static_cast<std::size_t>(c)], sig(by_class.row(c).sum())};
        for (auto e : elements) row.push_back(sig(by_class(c, static_cast<Eigen::Index>(e))));
        cls.add_row(row);
    }
    cls.print(out, format);
}

void write_problems(std::ostream& out, Format format, const std::vector<Problem>& problems,
                    const std::vector<Problem>& warnings)
{
    if (format == Format::Json) {
        auto list = [](const std::vector<Problem>& ps) {
            json j = json::array();
            for (const auto& p : ps)
                j.push_back({{"file", p.where.file}, {"line", p.where.line}, {"column", p.where.column},
                             {"text", p.text}, {"message", p.message}});
            return j;
        };
        out << json_text(json{{"problems", list(problems)}, {"count", problems.size()}, {"warnings", list(warnings)}},
                         "the problem list");
        return;
    }
    if (format == Format::Csv) {
        TextTable t({"file", "line", "column", "text", "message"});
        for (const auto& p : problems)
            t.add_row({p.where.file, std::to_string(p.where.line), p.where.column, p.text, p.message});
        t.print_csv(out);
        return;
    }
    for (const auto& p : problems) out << p.str() << '\n';
}

}  // namespace reclaim
