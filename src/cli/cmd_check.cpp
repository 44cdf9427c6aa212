// reclaim check: load every file of the data folder and report every problem in one pass.

#include <iostream>

#include "cli/context.hpp"
#include "engine/route_solver.hpp"
#include "io/load.hpp"
#include "report/show_report.hpp"

namespace reclaim::cli {

void add_check(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("check", "validate a data folder; report every problem (exit 1 if any)");
    cmd->callback([&g] {
        Format format = g.format_for("check", {Format::Table, Format::Csv, Format::Json, Format::Md});
        Diagnostics diag;
        Model model = load_model(g.data_dir(), diag);
        if (diag.empty()) validate_routes(model, diag);  // needs a complete model
        Output out(g);
        write_problems(out.stream(), format, diag.problems());
        out.close();
        if (!diag.empty()) {
            std::cerr << "reclaim check: " << diag.size() << " problem(s) in " << g.data_dir().string() << '\n';
            g.exit_code = kProblems;
        } else if (!g.quiet) {
            std::cerr << "reclaim check: " << g.data_dir().string() << " is valid: " << model.elements.size()
                      << " elements, " << model.materials.size() << " materials, " << model.products.size()
                      << " products, " << model.routes.size() << " routes, " << model.plans.size() << " plans\n";
        }
    });
}

}  // namespace reclaim::cli
