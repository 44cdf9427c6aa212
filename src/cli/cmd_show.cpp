// reclaim show material ID | product ID: composition by element, BoM tree with element content.

#include "cli/context.hpp"
#include "engine/questions/bom_tree.hpp"
#include "engine/evaluate/route_network.hpp"
#include "report/assess_report.hpp"
#include "report/html.hpp"
#include "report/route_report.hpp"
#include "report/show_report.hpp"

namespace reclaim::cli {

namespace {

std::size_t find_or_throw(std::optional<std::size_t> i, const std::string& kind, const std::string& id)
{
    if (!i) throw LookupError("no " + kind + " '" + id + "' (see `reclaim list " + kind + "s`)");
    return *i;
}

}  // namespace

void add_show(CLI::App& app, Globals& g)
{
    auto* show = app.add_subcommand("show", "show one material, product or route in detail");
    show->require_subcommand(1);

    static std::string material_id;
    auto* material = show->add_subcommand("material", "composition by element (mass fractions)");
    material->add_option("id", material_id, "material id")->required();
    material->callback([&g] {
        Format format = g.format_for("show material", {Format::Table, Format::Csv, Format::Json, Format::Md});
        Model model = g.load();
        std::size_t mi = find_or_throw(model.find_material(material_id), "material", material_id);
        auto compositions = material_compositions(model, model.params.nominal());
        Output out(g);
        write_material(out.stream(), format, model, mi, compositions[mi]);
        out.close();
    });

    static std::string product_id;
    auto* product = show->add_subcommand("product", "bill of materials with element content per functional unit");
    product->add_option("id", product_id, "product id")->required();
    static std::optional<int> cohort;
    product->add_option("--cohort", cohort, "the year the product is built, for BoM rows given by cohort (default: the latest listed)");
    product->callback([&g] {
        Format format = g.format_for("show product", {Format::Table, Format::Csv, Format::Json, Format::Md});
        Model model = g.load();
        std::size_t pi = find_or_throw(model.find_product(product_id), "product", product_id);
        auto values = model.params.nominal();
        BomNode tree = bom_tree(model, pi, values, cohort);
        ClassContent by_class = flatten_product(model, pi, values, cohort);
        Output out(g);
        write_product(out.stream(), format, model, pi, tree, by_class);
        out.close();
    });

    static std::string route_id;
    auto* route = show->add_subcommand("route", "processes, links with shares, and yield of each element to each sink "
                                                "(html: a Sankey diagram per element)");
    route->add_option("id", route_id, "route id")->required();
    route->callback([&g] {
        Format format = g.format_for("show route", {Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html});
        Model model = g.load();
        std::size_t ri = find_or_throw(model.find_route(route_id), "route", route_id);
        auto values = model.params.nominal();
        RouteSolution sol = solve_route(model, ri, values);
        Output out(g);
        if (format == Format::Html) out.stream() << render_html(route_report(model, sol, values));
        else write_route(out.stream(), format, model, ri, sol, values);
        out.close();
    });
}

}  // namespace reclaim::cli
