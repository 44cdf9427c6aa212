#include <algorithm>
#include <cstdlib>
#include <set>

#include "io/load.hpp"
#include "io/load_scenario.hpp"

namespace reclaim {

Model load_model(const DataSource& data_dir, Diagnostics& diag, const std::filesystem::path& prices_path)
{
    Model model;
    for (const auto& o : data_dir.overlays) model.overlays.push_back(o.string());
    load_elements(data_dir, model, diag);
    load_materials(data_dir, model, diag);
    load_prices(data_dir, model, diag, prices_path);
    load_products(data_dir, model, diag);
    load_lifetimes(data_dir, model, diag);
    load_routes(data_dir, model, diag);
    load_route_costs(data_dir, model, diag);
    load_plans(data_dir, model, diag);
    return model;
}

Model load_model(const DataSource& data_dir, const std::filesystem::path& prices_path)
{
    Diagnostics diag;
    Model model = load_model(data_dir, diag, prices_path);
    diag.throw_if_any();
    return model;
}

void check_scenarios(const std::filesystem::path& data_dir, const Model& model, Diagnostics& diag)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root = data_dir / "scenarios";
    if (!fs::is_directory(root, ec)) return;
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(root, ec))
        if (entry.is_directory(ec)) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    for (const auto& dir : folders) {
        if (!fs::is_regular_file(dir / "scenario.toml", ec)) {
            diag.add(Location{"scenarios/" + dir.filename().string() + "/scenario.toml", 0, {}}, "",
                     "file not found: every folder of scenarios/ is a scenario and needs its manifest");
            continue;
        }
        load_scenario(dir, model, diag);
    }
}

namespace {

// The name with every middle dot (U+00B7) written as an ASCII '.': "NiSO4·6H2O" -> "NiSO4.6H2O".
std::string dots_as_ascii(const std::string& name)
{
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const bool middle_dot = name.compare(i, 2, "\xC2\xB7") == 0;
        out += middle_dot ? '.' : name[i];
        if (middle_dot) ++i;
    }
    return out;
}

}  // namespace

std::vector<Problem> unused_prices(const Model& model)
{
    std::set<std::string> recovered;
    std::vector<std::string> names;  // the recovered forms as the routes spell them
    for (const auto& route : model.routes)
        for (const auto& sink : route.sinks)
            if (sink.recovered() && recovered.insert(model.form_key(sink.name)).second) names.push_back(sink.name);
    std::vector<Problem> out;
    for (const auto& p : model.prices) {
        if (recovered.count(model.form_key(p.form))) continue;
        std::string hint = " (is the form spelt as the routes spell it?)";
        // '.' and '·' make different formulas: a price written with the other dot is never used.
        auto same = std::find_if(names.begin(), names.end(),
                                 [&](const std::string& n) { return dots_as_ascii(n) == dots_as_ascii(p.form); });
        if (same != names.end())
            hint = ": the routes recover '" + *same + "', which differs only by '.' against '·' (U+00B7), and the "
                   "two dots make different forms; write it as the routes do";
        out.push_back(Problem{Location{p.file, p.line, "form"}, p.form,
                              "is the form of no recovered:<form> sink of routes/transfers.csv: this price is never "
                              "used" + hint});
    }
    return out;
}

std::filesystem::path default_data_dir()
{
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("RECLAIM_DATA"); env && *env) return env;
    std::error_code ec;
    fs::path installed = RECLAIM_INSTALL_DATA_DIR;
    if (fs::is_regular_file(installed / "materials/elements.csv", ec)) return installed;
    return RECLAIM_SOURCE_DATA_DIR;
}

}  // namespace reclaim
