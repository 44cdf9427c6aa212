#pragma once
// Loading scenarios/NAME/: scenario.toml (the manifest) and its CSV time series.

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! The folder of a scenario: `name_or_path` if it is an existing folder, else
//! <data_dir>/scenarios/<name_or_path>; LookupError if neither exists.
std::filesystem::path find_scenario(const std::filesystem::path& data_dir, const std::string& name_or_path);

//! Loads the scenario in `dir` against `model`, which it does not change: the series points and
//! lifetime overrides are parameters of Scenario::params, a table extending model.params (so
//! `model` must outlive the scenario). Throws InputError listing every problem (file, line,
//! what was expected).
Scenario load_scenario(const std::filesystem::path& dir, const Model& model);

//! The same, adding problems to `diag` instead of throwing; the scenario is partial if any.
Scenario load_scenario(const std::filesystem::path& dir, const Model& model, Diagnostics& diag);

}  // namespace reclaim
