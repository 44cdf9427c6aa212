#pragma once
// Where the data files are read from: a data folder and, on top of it in order, overlay folders
// (`--overlay DIR`) that hold only the rows that change. An overlay row replaces the base rows
// with the same key, or adds a row; a row whose `value` (or, in a file without one, `name`) is
// `-` removes them. docs/data-format.md lists the key of every file.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/csv.hpp"

namespace reclaim {

struct DataSource {
    DataSource(std::filesystem::path data_dir, std::vector<std::filesystem::path> overlay_dirs = {})
        : dir(std::move(data_dir)), overlays(std::move(overlay_dirs))
    {
    }
    std::filesystem::path dir;
    std::vector<std::filesystem::path> overlays;

    //! Whether the data folder or an overlay has the file `rel` ("routes/costs.csv").
    [[nodiscard]] bool has(const std::string& rel) const;
    //! The table `rel` of the data folder with every overlay's rows applied, each row naming the
    //! file it came from. Problems (also a removal that matches no row) go to `diag`.
    [[nodiscard]] CsvTable table(const std::string& rel, const CsvSchema& schema, Diagnostics& diag) const;
};

//! The key columns of a data file, by its path in the data folder ("products/bom.csv" ->
//! product, part); a key column a file does not have is empty in every row.
[[nodiscard]] std::vector<std::string_view> overlay_key(const std::string& rel);

}  // namespace reclaim
