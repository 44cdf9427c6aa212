// reclaim compare PRODUCT --plans A,B | --routes A,B, or --products A,B: assessments side by side.

#include <algorithm>

#include "cli/assess_options.hpp"
#include "cli/monte_carlo_args.hpp"
#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/questions/assess_value.hpp"
#include "report/assess_html.hpp"
#include "report/assess_report.hpp"
#include "report/assess_value_report.hpp"
#include "report/json_text.hpp"
#include "report/uncertainty_report.hpp"

namespace reclaim::cli {

void add_compare(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("compare", "assess a product under several plans or routes, or several products, side by side");
    static AmountArgs args;
    static std::vector<std::string> plan_ids, route_ids, product_ids;
    static std::string plan_id, route_id;
    auto* product = args.add_to(cmd, false);
    auto* products = cmd->add_option("--products", product_ids,
                                     "products to compare under one plan (--plan) or route (--route), comma-separated")
                         ->delimiter(',')
                         ->excludes(product);
    auto* plans = cmd->add_option("--plans", plan_ids, "plans to compare, comma-separated")->delimiter(',');
    auto* routes = cmd->add_option("--routes", route_ids,
                                   "routes to compare (each takes the classes it accepts), comma-separated")
                       ->delimiter(',');
    plans->excludes(routes);
    cmd->add_option("--plan", plan_id, "with --routes: the plan the classes a route does not accept follow (default: " +
                                           std::string(kDefaultPlan) + " if present); with --products: the plan")
        ->excludes(plans);
    cmd->add_option("--route", route_id, "with --products: the route each product's accepted classes go to")
        ->excludes(plans)
        ->excludes(routes)
        ->needs(products);
    products->excludes(plans)->excludes(routes);
    static MonteCarloArgs mc;
    mc.add_to(cmd, "tornado of one element's recovered mass under each plan or route, e.g. Nd (needs --samples)");
    cmd->callback([&g] {
        const int ways = !plan_ids.empty() + !route_ids.empty() + !product_ids.empty();
        if (ways != 1 || (product_ids.empty() && args.product.empty()))
            throw CLI::ValidationError("compare", "give PRODUCT with --plans A,B,... or --routes A,B,..., or --products A,B,...");
        Format format = g.format_for("compare", {Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html});
        mc.validate();
        const Model model = g.load();
        const ParamValues nominal = model.params.nominal();
        std::vector<Assessment> as;
        std::vector<AssessOptions> options;
        const std::vector<std::string>& ids = !product_ids.empty() ? product_ids : !plan_ids.empty() ? plan_ids : route_ids;
        // Columns are told apart by what differs between them: each id once, and at least two
        // products (a comparison of one product is `assess`).
        for (std::size_t k = 0; k < ids.size(); ++k)
            if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids[k]) != ids.begin() + static_cast<std::ptrdiff_t>(k))
                throw UsageError("compare: '" + ids[k] + "' is given twice");
        if (!product_ids.empty() && product_ids.size() < 2)
            throw UsageError("compare --products needs at least two products (one product: reclaim assess)");
        for (const auto& id : ids) {
            AssessOptions o = args.options(model, product_ids.empty() ? args.product : id);
            if (!product_ids.empty()) set_treatment(model, plan_id, route_id, o);
            else if (!plan_ids.empty()) set_treatment(model, id, "", o);
            else set_treatment(model, plan_id, id, o);
            as.push_back(assess(model, o, nominal));
            options.push_back(o);
        }
        std::vector<AssessValue> values;
        for (const auto& a : as) values.push_back(assess_value(model, a, nominal));
        std::vector<AssessUncertainty> us;
        if (mc.enabled()) {
            const std::optional<std::size_t> element = mc.sensitivity_element(model);
            // The same seed for every column: common random numbers, so differences between plans
            // are not blurred by sampling noise.
            for (std::size_t k = 0; k < options.size(); ++k) {
                ProgressBar bar(g, "compare " + compare_label(model, as, k));
                us.push_back(assess_uncertainty(model, options[k], mc.options(&bar, model.params), element));
            }
        }
        // The JSON of the results, checked (every number finite) before any format is written.
        nlohmann::json j = compare_json(model, as);
        j["value"] = compare_value_json(model, as, values);
        for (std::size_t k = 0; k < as.size(); ++k) j["assessments"][k]["value"] = assess_value_json(model, values[k]);
        if (!us.empty()) {
            for (std::size_t k = 0; k < us.size(); ++k) add_uncertainty_json(j["assessments"][k], model, us[k]);
            j["uncertainty"] = {{"samples", mc.samples}, {"seed", mc.seed}};
        }
        const std::string json = json_text(j, "the compare JSON");
        Output out(g);
        if (format == Format::Html || format == Format::Md) {
            ReportDocument doc = compare_report(model, as, us.empty() ? nullptr : &us, &values);
            if (format == Format::Html) out.stream() << render_html(doc);
            else render_markdown(out.stream(), doc);
        } else if (format == Format::Json) {
            out.stream() << json;
        } else {
            write_comparison(out.stream(), format, model, as);
            // The CSV stays one tidy table of elements; value is in the other formats.
            if (format != Format::Csv) write_compare_value(out.stream(), format, model, as, values);
            if (!us.empty() && format != Format::Csv) write_compare_uncertainty(out.stream(), format, model, as, us);
        }
        out.close();
    });
}

}  // namespace reclaim::cli
