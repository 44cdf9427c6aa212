// reclaim check: load every file of the data folder and report every problem in one pass.

#include <iostream>

#include "cli/context.hpp"
#include "engine/evaluate/route_network.hpp"
#include "engine/evaluate/plan_shares.hpp"
#include "io/load.hpp"
#include "report/show_report.hpp"

namespace reclaim::cli {

void add_check(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("check", "validate a data folder; report every problem (exit 1 if any)");
    cmd->callback([&g] {
        Format format = g.format_for("check", {Format::Table, Format::Csv, Format::Json, Format::Md});
        Diagnostics diag;
        Model model = load_model(g.source(), diag);
        if (diag.empty()) validate_routes(model, diag);  // needs a complete model
        check_scenarios(g.data_dir(), model, diag);       // with the loader `run` uses
        std::vector<Problem> warnings = unused_prices(model);
        for (auto& w : unrouted_classes(model)) warnings.push_back(std::move(w));
        const std::string summary = g.data_dir().string() + " is valid: no problems; " +
                                    std::to_string(model.elements.size()) + " elements, " +
                                    std::to_string(model.materials.size()) + " materials, " +
                                    std::to_string(model.products.size()) + " products, " +
                                    std::to_string(model.routes.size()) + " routes, " +
                                    std::to_string(model.plans.size()) + " plans";
        Output out(g);
        // An empty problem list in table or Markdown would print nothing at all: say so instead.
        // JSON and CSV keep their machine-readable empty list.
        const bool text = format == Format::Table || format == Format::Md;
        if (diag.empty() && text) out.stream() << summary << '\n';
        else write_problems(out.stream(), format, diag.problems(), warnings);
        out.close();
        // Warnings leave the exit code and the problem list alone: JSON lists them, the other
        // formats say them on standard error.
        if (format != Format::Json)
            for (const auto& w : warnings) std::cerr << "reclaim check: warning: " << w.str() << '\n';
        if (!diag.empty()) {
            std::cerr << "reclaim check: " << diag.size() << " problem(s) in " << g.data_dir().string() << '\n';
            g.exit_code = kProblems;
        } else if (!g.quiet && !text) {
            std::cerr << "reclaim check: " << summary << '\n';
        }
    });
}

}  // namespace reclaim::cli
