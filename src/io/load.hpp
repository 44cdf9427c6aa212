#pragma once
// Loading a data folder (materials/, products/, routes/) into a validated Model.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/data_source.hpp"
#include "model/model.hpp"

namespace reclaim {

//! Loads every file of the data contract under `data_dir`; throws InputError listing every
//! problem found (file, line, column, what was expected). A non-empty `prices_path`
//! (`--prices FILE`) is read instead of materials/prices.csv and named as given in messages.
//! `data` may carry overlay folders applied on top of the data folder (data_source.hpp).
Model load_model(const DataSource& data, const std::filesystem::path& prices_path = {});

//! The same, adding problems to `diag` instead of throwing; the model is partial if any.
Model load_model(const DataSource& data, Diagnostics& diag, const std::filesystem::path& prices_path = {});

//! The data folder alone, without overlays.
inline Model load_model(const std::filesystem::path& data_dir, const std::filesystem::path& prices_path = {})
{
    return load_model(DataSource(data_dir), prices_path);
}
inline Model load_model(const std::filesystem::path& data_dir, Diagnostics& diag,
                        const std::filesystem::path& prices_path = {})
{
    return load_model(DataSource(data_dir), diag, prices_path);
}

//! Loads every scenario folder under <data_dir>/scenarios/ against `model` with load_scenario,
//! adding their problems to `diag` (a folder without scenario.toml is one); for `check`.
void check_scenarios(const std::filesystem::path& data_dir, const Model& model, Diagnostics& diag);

//! A warning for each price row whose form is the form of no recovered:<form> sink of any route
//! (compared as Model::form_key does): a price the valuer never uses, likely a misspelt form.
std::vector<Problem> unused_prices(const Model& model);

//! The data folder used without --data: $RECLAIM_DATA, else the data installed with the
//! binary, else the source tree's folders.
std::filesystem::path default_data_dir();

// Steps of load_model, one per file group; each adds what it finds to `model` and `diag`.
void load_elements(const DataSource& src, Model& model, Diagnostics& diag);
void load_materials(const DataSource& src, Model& model, Diagnostics& diag);
//! materials/prices.csv, or `prices_path` instead if it is not empty.
void load_prices(const DataSource& src, Model& model, Diagnostics& diag,
                 const std::filesystem::path& prices_path = {});
//! Adds the prices of the list at `path` (columns of materials/prices.csv), named `display` in
//! messages; load_prices calls it once, for materials/prices.csv or for `--prices FILE`.
void load_price_list(const std::filesystem::path& path, const std::string& display, Model& model,
                     Diagnostics& diag);
//! routes/costs.csv, optional: cost items per mass of feed, at most one row per route and item.
void load_route_costs(const DataSource& src, Model& model, Diagnostics& diag);
void load_products(const DataSource& src, Model& model, Diagnostics& diag);
void load_lifetimes(const DataSource& src, Model& model, Diagnostics& diag);
void load_routes(const DataSource& src, Model& model, Diagnostics& diag);
//! "recovered:<form>" or "loss:<reason>" as a Sink; nullopt if `text` is neither (a process
//! name). The name may be empty ("loss:"), which load_routes reports.
std::optional<Sink> parse_sink(std::string_view text);
void load_plans(const DataSource& src, Model& model, Diagnostics& diag);

class CsvTable;
struct CsvSchema;
//! The columns of products/lifetimes.csv (and of a scenario's lifetimes.csv).
extern const CsvSchema kLifetimeSchema;
//! Reads lifetime rows from `t` into `out` (one row per product of `model`), adding their
//! parameters to `params`: model.params for products/lifetimes.csv, a scenario's own table for
//! its overrides. Each of mean, sd, shape, scale may have `<column>_low` and `<column>_high`;
//! the row's `dist` and `group` apply to every ranged column.
void read_lifetimes(const CsvTable& t, const Model& model, ParamTable& params, std::vector<Lifetime>& out,
                    Diagnostics& diag);
struct CsvRow;
//! One row's lifetime (model `model_name`, its mean/sd/shape/scale with their _low/_high ranges),
//! the product left unset: the rule of products/lifetimes.csv for every file that gives a
//! lifetime. `other_ranged`: another parameter of the row has a range (its dist/group shared).
std::optional<Lifetime> read_lifetime_row(const CsvTable& t, const CsvRow& r, const std::string& model_name,
                                          const std::string& source, ParamTable& params, Diagnostics& diag,
                                          bool other_ranged = false);

}  // namespace reclaim
