#pragma once
// `--samples-in FILE`: parameter values given by the user instead of drawn, one
// row per sample.

#include <filesystem>

#include "core/param.hpp"

namespace reclaim {

//! Reads a CSV (the data files' rules: header row, '#' comments, RFC 4180
//! quoting) whose header cells name parameters of `table` as their origins
//! read, `file:line:column` (e.g. `routes/transfers.csv:12:value`), with one
//! row per sample. Values are in the unit of the data file's cell and are
//! converted with Origin::to_base. Throws InputError naming the file, the line
//! and the column of every unknown name, non-number or value outside the
//! parameter's Bound, and for a file without rows.
GivenSamples load_given_samples(const std::filesystem::path& path, const ParamTable& table);

}  // namespace reclaim
