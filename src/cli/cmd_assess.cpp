// reclaim assess PRODUCT: where every element of a product ends up under a plan or one route.

#include "engine/questions/circularity.hpp"
#include "report/circularity_report.hpp"
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

void add_assess(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("assess", "recovered, lost, uncollected and untreated mass of every element of a product");
    static AmountArgs args;
    static std::string plan_id, route_id;
    static std::optional<int> cohort;
    static CircularityOptions circularity;
    static std::optional<double> feedstock_efficiency;
    args.add_to(cmd);
    // The Material Circularity Indicator's inputs the data lacks (docs/indicators.md).
    cmd->add_option("--recycled-content", circularity.recycled_content,
                    "MCI: share of the product's mass from recycled sources (default 0)")
        ->check(share_check());
    cmd->add_option("--reused-content", circularity.reused_content,
                    "MCI: share of the product's mass from reused components (default 0)")
        ->check(share_check());
    cmd->add_option("--collected-for-reuse", circularity.collected_for_reuse,
                    "MCI: share of the mass collected for reuse (default 0)")
        ->check(share_check());
    cmd->add_option("--feedstock-efficiency", feedstock_efficiency,
                    "MCI: efficiency of making the recycled feedstock (default: the assessed routes' recycling efficiency)")
        ->check(share_check());
    cmd->add_option("--lifetime-ratio", circularity.lifetime_ratio,
                    "MCI: the product's lifetime x intensity of use over the industry average's (default 1)")
        ->check(units_check());
    cmd->add_option("--cohort", cohort, "the year the product is built, for BoM rows given by cohort (default: the latest listed)");
    cmd->add_option("--plan", plan_id, "plan (default: " + std::string(kDefaultPlan) + " if present, else the first plan)");
    cmd->add_option("--route", route_id,
                    "send the classes this route accepts to it; the other classes follow the plan");
    static MonteCarloArgs mc;
    mc.add_to(cmd, "tornado of one element's recovered mass, e.g. Nd (needs --samples)");
    cmd->callback([&g] {
        Format format = g.format_for("assess", {Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html});
        mc.validate();
        const Model model = g.load();
        AssessOptions o = args.options(model);
        o.cohort = cohort;
        const bool defaulted = set_treatment(model, plan_id, route_id, o);
        const ParamValues values = model.params.nominal();
        Assessment a = assess(model, o, values);
        circularity.feedstock_efficiency = feedstock_efficiency;
        const Circularity mci = material_circularity(a, circularity);
        AssessValue value = assess_value(model, a, values);
        std::optional<AssessUncertainty> u;
        if (mc.enabled()) {
            const std::optional<std::size_t> element = mc.sensitivity_element(model);
            ProgressBar bar(g, "assess " + args.product);
            u = assess_uncertainty(model, o, mc.options(&bar, model.params), element);
        }
        // The JSON of the results, checked (every number finite) before any format is written.
        nlohmann::json j = assess_json(model, a);
        j["value"] = assess_value_json(model, value);
        j["mci"] = circularity_json(mci, circularity);
        if (u) add_uncertainty_json(j, model, *u);
        const std::string json = json_text(j, "the assess JSON");
        Output out(g);
        if (format == Format::Html || format == Format::Md) {
            // The report people read; Markdown is the same document as tables and text.
            ReportDocument doc = assess_report(model, a, defaulted, u ? &*u : nullptr, &value);
            if (format == Format::Html) out.stream() << render_html(doc);
            else render_markdown(out.stream(), doc);
        } else if (format == Format::Json) {
            out.stream() << json;
        } else if (u && format == Format::Csv) {
            write_assess_uncertainty(out.stream(), format, model, a, *u);
        } else {
            write_assessment(out.stream(), format, model, a, defaulted);
            // The CSV stays one tidy table of elements; value is in the other formats.
            if (format != Format::Csv) write_assess_value(out.stream(), format, model, a, value);
            if (format != Format::Csv) write_circularity(out.stream(), mci, circularity);
            if (u) write_assess_uncertainty(out.stream(), format, model, a, *u);
        }
        out.close();
    });
}

}  // namespace reclaim::cli
