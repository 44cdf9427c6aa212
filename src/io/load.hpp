#pragma once
// Loading a data folder (materials/, products/, routes/) into a validated Model.

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "model/model.hpp"

namespace reclaim {

//! Loads every file of the data contract under `data_dir`; throws InputError listing every
//! problem found (file, line, column, what was expected).
Model load_model(const std::filesystem::path& data_dir);

//! The same, adding problems to `diag` instead of throwing; the model is partial if any.
Model load_model(const std::filesystem::path& data_dir, Diagnostics& diag);

//! The data folder used without --data: $RECLAIM_DATA, else the data installed with the
//! binary, else the source tree's folders.
std::filesystem::path default_data_dir();

// Steps of load_model, one per file group; each adds what it finds to `model` and `diag`.
void load_elements(const std::filesystem::path& dir, Model& model, Diagnostics& diag);
void load_materials(const std::filesystem::path& dir, Model& model, Diagnostics& diag);
void load_prices(const std::filesystem::path& dir, Model& model, Diagnostics& diag);
//! Replaces the model's prices with the list at `path` (columns of materials/prices.csv),
//! named `display` in messages; used for materials/prices.csv and for `--prices FILE`.
void load_price_list(const std::filesystem::path& path, const std::string& display, Model& model,
                     Diagnostics& diag);
//! routes/costs.csv, optional: processing cost per mass of feed, at most one row per route.
void load_route_costs(const std::filesystem::path& dir, Model& model, Diagnostics& diag);
void load_products(const std::filesystem::path& dir, Model& model, Diagnostics& diag);
void load_lifetimes(const std::filesystem::path& dir, Model& model, Diagnostics& diag);
void load_routes(const std::filesystem::path& dir, Model& model, Diagnostics& diag);
void load_plans(const std::filesystem::path& dir, Model& model, Diagnostics& diag);

class CsvTable;
struct CsvSchema;
//! The columns of products/lifetimes.csv (and of a scenario's lifetimes.csv).
extern const CsvSchema kLifetimeSchema;
//! Reads lifetime rows from `t` into `out` (one row per product), adding their parameters to
//! model.params; shared by products/lifetimes.csv and a scenario's overrides.
void read_lifetimes(const CsvTable& t, Model& model, std::vector<Lifetime>& out, Diagnostics& diag);

}  // namespace reclaim
