// reclaim list materials|products|routes|plans|classes|elements

#include "cli/context.hpp"
#include "report/show_report.hpp"

namespace reclaim::cli {

void add_list(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("list", "list the materials, products, routes, plans, classes or elements");
    static std::string what;
    cmd->add_option("what", what, "what to list")
        ->required()
        ->check(CLI::IsMember({"materials", "products", "routes", "plans", "classes", "elements"}));
    cmd->callback([&g] {
        Format format = g.format_for("list", {Format::Table, Format::Csv, Format::Json, Format::Md});
        Model model = g.load();
        Output out(g);
        write_list(out.stream(), format, model, what);
        out.close();
    });
}

}  // namespace reclaim::cli
