// reclaim compare PRODUCT --plans A,B | --routes A,B: the assessment side by side.

#include "cli/assess_options.hpp"
#include "report/assess_html.hpp"
#include "report/assess_report.hpp"

namespace reclaim::cli {

void add_compare(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("compare", "assess a product under several plans or routes, side by side");
    static AmountArgs args;
    static std::vector<std::string> plan_ids, route_ids;
    args.add_to(cmd);
    auto* plans = cmd->add_option("--plans", plan_ids, "plans to compare, comma-separated")->delimiter(',');
    auto* routes = cmd->add_option("--routes", route_ids, "routes to compare (every class to the route), comma-separated")
                       ->delimiter(',');
    plans->excludes(routes);
    cmd->callback([&g] {
        if (plan_ids.empty() == route_ids.empty())
            throw CLI::ValidationError("compare", "give exactly one of --plans A,B,... or --routes A,B,...");
        Format format = g.format_for("compare", {Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html});
        Model model = g.load();
        SolvedModel solved(model);
        std::vector<Assessment> as;
        for (const auto& id : plan_ids.empty() ? route_ids : plan_ids) {
            AssessOptions o = args.options(model);
            if (plan_ids.empty()) {
                auto r = model.find_route(id);
                if (!r) throw LookupError("no route '" + id + "' (see `reclaim list routes`)");
                o.route = *r;
            } else {
                auto p = model.find_plan(id);
                if (!p) throw LookupError("no plan '" + id + "' (see `reclaim list plans`)");
                o.plan = *p;
            }
            as.push_back(assess(solved, o));
        }
        Output out(g);
        if (format == Format::Html) out.stream() << render_html(compare_report(model, as));
        else write_comparison(out.stream(), format, model, as);
        out.close();
    });
}

}  // namespace reclaim::cli
