// reclaim improve PRODUCT [--plan P] [--by ELEMENT|value|critical] [--variant NAME=DIR]...
// [--samples N]: the design changes ranked by what they gain.

#include "cli/assess_options.hpp"
#include "cli/monte_carlo_args.hpp"
#include "engine/questions/improve.hpp"
#include "engine/uncertainty/improve_uncertainty.hpp"
#include "io/load.hpp"
#include "report/improve_report.hpp"
#include "report/json_text.hpp"

namespace reclaim::cli {

void add_improve(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("improve", "which design change of a product gains most: each tried with the engine");
    static AmountArgs args;
    static std::string plan_id, by = "critical";
    static std::vector<std::string> variants;
    static std::size_t top = 0;
    args.add_to(cmd);
    cmd->add_option("--plan", plan_id, "plan the changes are tried against (default: " + std::string(kDefaultPlan) +
                                           " if present, else the first plan)");
    cmd->add_option("--by", by, "what to rank by: critical (the critical elements' kg, default), value, or an element");
    cmd->add_option("--variant", variants, "a variant as NAME=DIR: the data with the overlay DIR on top (repeatable)");
    cmd->add_option("--top", top, "keep the N largest gains (default: every change tried)");
    static MonteCarloArgs mc;
    mc.add_to(cmd, "not used by improve (each change's gain is summarised instead)");
    cmd->callback([&g] {
        Format format = g.format_for("improve", {Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html});
        mc.validate();
        if (!mc.sensitivity.empty())
            throw UsageError("improve has no --sensitivity: with --samples each change's gain is summarised");
        const Model model = g.load();
        AssessOptions o = args.options(model);
        set_treatment(model, plan_id, "", o);
        ImproveMeasure measure;
        if (by == "value") measure.kind = ImproveMeasure::Kind::Value;
        else if (by != "critical") {
            auto e = model.elements.find(by);
            if (!e) throw CLI::ValidationError("--by", "'" + by + "' is not critical, value or an element symbol");
            measure = {ImproveMeasure::Kind::Element, *e};
        }
        // Each variant: the data and the global overlays, with the variant's overlay on top.
        std::vector<Model> models;
        models.reserve(variants.size());
        std::vector<DesignVariant> vs;
        for (const auto& v : variants) {
            const auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == v.size())
                throw CLI::ValidationError("--variant", "'" + v + "' is not NAME=DIR");
            DataSource src = g.source();
            src.overlays.emplace_back(v.substr(eq + 1));
            if (!std::filesystem::is_directory(src.overlays.back()))
                throw CLI::ValidationError("--variant", "'" + v.substr(eq + 1) + "' is not a folder");
            models.push_back(load_model(src, g.prices));
        }
        for (std::size_t k = 0; k < variants.size(); ++k) {
            const auto eq = variants[k].find('=');
            vs.push_back(DesignVariant{variants[k].substr(0, eq), variants[k].substr(eq + 1), &models[k]});
        }
        Improvement imp = improve(model, o, measure, vs);
        if (top > 0 && imp.changes.size() > top) {  // before sampling: only these are sampled
            imp.changes.resize(top);
            imp.trials.resize(top);
        }
        std::optional<ImproveSampling> sampling;
        if (mc.enabled()) {
            ProgressBar bar(g, "improve " + args.product);
            sampling = improve_uncertainty(model, imp, mc.options(&bar, model.params));
        }
        const ImproveSampling* s = sampling ? &*sampling : nullptr;
        const std::string json = json_text(improve_json(model, imp, measure, s), "the improve JSON");
        Output out(g);
        if (format == Format::Json) out.stream() << json;
        else if (format == Format::Html) out.stream() << render_html(improve_report(model, imp, s));
        else if (format == Format::Md) render_markdown(out.stream(), improve_report(model, imp, s));
        else write_improvement(out.stream(), format, model, imp, measure, s);
        out.close();
    });
}

}  // namespace reclaim::cli
