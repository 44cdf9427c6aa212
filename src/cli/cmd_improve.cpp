// reclaim improve PRODUCT [--plan P] [--by ELEMENT|value|critical] [--variant NAME=DIR]...: the
// design changes ranked by what they gain.

#include "cli/assess_options.hpp"
#include "engine/questions/improve.hpp"
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
    args.add_to(cmd);
    cmd->add_option("--plan", plan_id, "plan the changes are tried against (default: " + std::string(kDefaultPlan) +
                                           " if present, else the first plan)");
    cmd->add_option("--by", by, "what to rank by: critical (the critical elements' kg, default), value, or an element");
    cmd->add_option("--variant", variants, "a variant as NAME=DIR: the data with the overlay DIR on top (repeatable)");
    cmd->callback([&g] {
        Format format = g.format_for("improve", {Format::Table, Format::Csv, Format::Json, Format::Md});
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
        const Improvement imp = improve(model, o, measure, vs);
        const std::string json = json_text(improve_json(model, imp, measure), "the improve JSON");
        Output out(g);
        if (format == Format::Json) out.stream() << json;
        else write_improvement(out.stream(), format, model, imp, measure);
        out.close();
    });
}

}  // namespace reclaim::cli
