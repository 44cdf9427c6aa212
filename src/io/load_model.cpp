#include <cstdlib>

#include "io/load.hpp"

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
