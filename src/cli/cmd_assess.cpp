// reclaim assess PRODUCT: where every element of a product ends up under a plan or one route.

#include "cli/assess_options.hpp"
#include "report/assess_html.hpp"
#include "report/assess_report.hpp"

namespace reclaim::cli {

void add_assess(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("assess", "recovered, lost, uncollected and untreated mass of every element of a product");
    static AmountArgs args;
    static std::string plan_id, route_id;
    args.add_to(cmd);
    auto* plan = cmd->add_option("--plan", plan_id, "plan (default: uk-current if present, else the first plan)");
    auto* route = cmd->add_option("--route", route_id, "send every class of the product to this one route");
    plan->excludes(route);
    cmd->callback([&g] {
        Format format = g.format_for("assess", {Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html});
        Model model = g.load();
        AssessOptions o = args.options(model);
        bool defaulted = false;
        if (!route_id.empty()) {
            auto r = model.find_route(route_id);
            if (!r) throw LookupError("no route '" + route_id + "' (see `reclaim list routes`)");
            o.route = *r;
        } else if (!plan_id.empty()) {
            auto p = model.find_plan(plan_id);
            if (!p) throw LookupError("no plan '" + plan_id + "' (see `reclaim list plans`)");
            o.plan = *p;
        } else {
            auto p = default_plan(model);
            if (!p) throw LookupError("the data has no plan; give --route R");
            o.plan = *p;
            defaulted = true;
        }
        SolvedModel solved(model);
        Assessment a = assess(solved, o);
        Output out(g);
        if (format == Format::Html) out.stream() << render_html(assess_report(model, a, defaulted));
        else write_assessment(out.stream(), format, model, a, defaulted);
        out.close();
    });
}

}  // namespace reclaim::cli
