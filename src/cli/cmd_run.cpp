// reclaim run [SCENARIO]: the scenario over time against its targets; writes
// reports/<scenario>/results.json, results.csv (described by datapackage.json) and report.html and
// prints the headline.

#include <iostream>
#include <sstream>

#include "cli/atomic_write.hpp"
#include "cli/context.hpp"
#include "cli/defaults.hpp"
#include "cli/monte_carlo_args.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "engine/uncertainty/target_flips.hpp"
#include "engine/questions/run_value.hpp"
#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "io/load_scenario.hpp"
#include "report/datapackage.hpp"
#include "report/html.hpp"
#include "report/iamc.hpp"
#include "report/json_text.hpp"
#include "report/run_html.hpp"
#include "report/run_report.hpp"
#include "report/run_value_report.hpp"
#include "report/uncertainty_report.hpp"

namespace reclaim::cli {

void add_run(CLI::App& app, Globals& g)
{
    static std::string scenario_name{kDefaultScenario};
    static std::string out_dir = "reports";
    static bool no_files = false;
    auto* cmd = app.add_subcommand("run", "run a scenario over time against its recycling targets (the main job)");
    cmd->add_option("scenario", scenario_name, "a name under <data>/scenarios/ or a folder")->capture_default_str();
    cmd->add_option("--out-dir", out_dir, "write results.json and results.csv to DIR/<scenario>/")->capture_default_str();
    cmd->add_flag("--no-files", no_files, "do not write the report files");
    static MonteCarloArgs mc;
    mc.add_to(cmd, "tornado of an element's recycled share in a year, e.g. Nd:2035 (default: the first target)");
    cmd->callback([&g] {
        Format format = g.format_for("run", {Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html, Format::Iamc});
        mc.validate();
        const Model model = g.load();
        auto dir = find_scenario(g.data_dir(), scenario_name);
        const Scenario sc = load_scenario(dir, model);
        const ParamValues values = sc.params.nominal();
        ScenarioQuestion question(model, sc, Detail::Full);
        ScenarioResult result = question.evaluate(values);
        auto targets = analyse_targets(question, values, result);
        add_target_flips(model, sc, targets);
        RunValue value = run_value(model, result, values);
        nlohmann::json j = run_json(model, sc, result, targets);
        j["value"] = run_value_json(model, value);
        std::optional<RunUncertainty> u;
        if (mc.enabled()) {
            std::optional<RunOutput> what;
            if (!mc.sensitivity.empty()) what = parse_run_output(model, sc, mc.sensitivity);
            else if (!sc.targets.empty()) what = RunOutput{sc.targets.front().element, sc.targets.front().year};
            ProgressBar bar(g, "run " + sc.folder);
            u = run_uncertainty(model, sc, mc.options(&bar, sc.params), what);
            add_run_uncertainty_json(j, model, sc, *u);
        }
        // Every number of the results is checked before anything is written; the report
        // (and its Sankey diagrams) is built only when it is written.
        const std::string json = json_text(j, "results.json");
        const bool report = !no_files || format == Format::Html || format == Format::Md;
        std::optional<ReportDocument> doc;
        if (report) doc = run_report(model, sc, result, targets, u ? &*u : nullptr, &value);
        const std::string html = doc ? render_html(*doc) : std::string();
        auto csv = [&] {
            std::ostringstream o;
            write_run_csv(o, model, result);
            return o.str();
        };

        Output out(g);
        if (format == Format::Json) out.stream() << json;
        else if (format == Format::Csv) out.stream() << csv();
        else if (format == Format::Iamc) write_run_iamc(out.stream(), model, sc, result);
        else if (format == Format::Html) out.stream() << html;
        else if (format == Format::Md) render_markdown(out.stream(), *doc);
        else {
            write_run_headline(out.stream(), format, model, sc, result, targets);
            write_run_value_headline(out.stream(), format, model, sc, result, value);
            if (u) write_run_uncertainty(out.stream(), format, model, sc, *u);
        }
        // The report files and -o as one set: all written, then all renamed into place.
        FileSet files;
        const std::filesystem::path folder = std::filesystem::path(out_dir) / sc.folder;
        if (!no_files) {
            files.add(folder / "results.json", json);
            files.add(folder / "results.csv", csv());
            files.add(folder / "datapackage.json", json_text(run_datapackage(sc), "datapackage.json"));
            files.add(folder / "report.html", html);
        }
        out.stage(files);
        files.commit();
        if (!no_files && !g.quiet)
            std::cerr << "reclaim run: wrote " << (folder / "results.json").string() << ", results.csv, datapackage.json and report.html\n";
        out.close();
    });
}

}  // namespace reclaim::cli
