#pragma once
// CSV tables of the data contract: UTF-8 (a BOM is skipped), header row, RFC 4180 quoting,
// CRLF or LF, '#' comment lines and blank lines ignored, columns in any order, unknown or
// missing columns reported. Problems go to a Diagnostics so that one pass reports them all.
// Every line, comments too, must be well-formed UTF-8 without NUL bytes and at most
// kMaxLineBytes long; a UTF-16 file (its byte order mark) is refused at line 1.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/param.hpp"
#include "core/units.hpp"

namespace reclaim {

//! The longest line a data file may have [bytes], without its line end.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 24;

//! The columns a table must have and may have.
struct CsvSchema {
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
    //! Any header cell is a column (a `--samples-in` file names parameters, not fields).
    bool any_columns = false;
};

//! The parameter columns every Param cell may use: value, low, high, dist, group.
inline constexpr std::string_view kParamColumns[] = {"value", "low", "high", "dist", "group"};

//! The columns of one parameter of a row. A row's `dist` and `group` columns are shared by all
//! of its parameters.
struct ParamColumns {
    std::string_view value = "value";
    std::string_view low = "low";
    std::string_view high = "high";
    //! The row has several parameters (lifetimes, a price and its payable share): `dist` and
    //! `group` apply to those of them with a range, and check_shared_range checks the row.
    bool shared = false;
};

struct CsvRow {
    std::size_t line = 0;            //!< 1-based line in the file
    std::vector<std::string> cells;  //!< in header order, trimmed and unquoted
    std::size_t file = 0;            //!< which file of the table it came from (0: the table's own)
};

class CsvTable {
public:
    //! Reads `path`, naming it `display` in messages (e.g. "products/bom.csv").
    //! A missing file, a bad header or a row of the wrong width is added to `diag`.
    static CsvTable read(const std::filesystem::path& path, std::string display,
                         const CsvSchema& schema, Diagnostics& diag);

    [[nodiscard]] const std::string& file() const { return display_; }
    //! The header's cells, in file order.
    [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
    //! The header's line in the file (1 unless comment lines come first).
    [[nodiscard]] std::size_t header_line() const { return header_line_; }
    [[nodiscard]] const std::vector<CsvRow>& rows() const { return rows_; }
    [[nodiscard]] bool has(std::string_view column) const;
    //! Whether the file `row` came from has `column`: under an overlay that adds a column, the
    //! data's own rows have an empty cell in it that the data never wrote.
    [[nodiscard]] bool has(const CsvRow& row, std::string_view column) const;
    //! The cell of `column` in `row`; "" if the (optional) column is absent.
    [[nodiscard]] const std::string& cell(const CsvRow& row, std::string_view column) const;
    [[nodiscard]] Location at(const CsvRow& row, std::string_view column = {}) const;
    //! Applies the rows of an overlay's copy of this file (data_source.hpp): rows with the same
    //! `key` cells replace this table's, a row whose `value` (else `name`, else `model`) is `-` removes them,
    //! others are added; each row keeps the file and line it came from.
    void apply_overlay(const CsvTable& top, const std::vector<std::string_view>& key, Diagnostics& diag);
    //! False if the file could not be read or its header was unusable.
    [[nodiscard]] bool ok() const { return ok_; }

private:
    std::string display_;
    std::vector<std::string> files_;  //!< display names of the files rows came from; [0] = display_
    std::vector<std::string> columns_;
    std::vector<std::vector<std::string>> file_columns_;  //!< per entry of files_, its header (set by apply_overlay)
    std::size_t header_line_ = 0;
    std::vector<CsvRow> rows_;
    bool ok_ = false;
};

//! Splits one CSV line into unquoted, trimmed cells; nullopt if a quote is not closed.
std::optional<std::vector<std::string>> split_csv_line(std::string_view line);

// ----- Cell readers: each returns nullopt after adding a problem to diag. -----

//! A finite number; "nan", "inf" and trailing text are rejected.
std::optional<double> parse_number(std::string_view text);

//! YYYY, YYYY-MM or YYYY-MM-DD with a month 01-12 and a day 01-31 (a price or cost date).
bool is_date(std::string_view text);

//! The one range check of every number read from data: `base_value`, the number converted to
//! base units, must be in_magnitude_range (core/limits.hpp); else a problem at `where` naming
//! `text` ("1e306 t"), and false.
bool check_magnitude(const Location& where, const std::string& text, double base_value, Diagnostics& diag);

//! A required non-empty text cell.
std::optional<std::string> read_text(const CsvTable& t, const CsvRow& r, std::string_view column,
                                     Diagnostics& diag);
//! A required finite number in the magnitude range (a number without a unit: its base unit).
std::optional<double> read_number(const CsvTable& t, const CsvRow& r, std::string_view column,
                                  Diagnostics& diag);
//! An optional finite number: nullopt if the cell is empty (or invalid, with a problem).
std::optional<double> read_optional_number(const CsvTable& t, const CsvRow& r,
                                           std::string_view column, Diagnostics& diag,
                                           bool* invalid = nullptr);
//! A unit from the unit table; the problem names the known units.
const UnitDef* read_unit(const CsvTable& t, const CsvRow& r, std::string_view column,
                         Diagnostics& diag);
//! The row's `source`, which must be present and non-empty.
std::optional<std::string> read_source(const CsvTable& t, const CsvRow& r, Diagnostics& diag);

//! Reads value/low/high/dist of a row as a Param scaled by `factor` into base units (recorded
//! as Origin::to_base), checks low <= value <= high and the bound (fractions in [0, 1],
//! non-negative masses), and adds it to `params`. A non-empty `group` on a ranged row ties it to
//! group_stream(group); on a row without a range it is a problem.
std::optional<ParamId> read_param(const CsvTable& t, const CsvRow& r, double factor, Bound bound,
                                  const std::string& source, ParamTable& params, Diagnostics& diag,
                                  const ParamColumns& columns = {});

//! True if the cells `columns.low` or `columns.high` of `r` are not empty.
bool has_range(const CsvTable& t, const CsvRow& r, const ParamColumns& columns);

//! For a row whose parameters were read with ParamColumns::shared: `dist` or `group` given
//! while none of them has a range (`any_ranged` false) is a problem; false then.
bool check_shared_range(const CsvTable& t, const CsvRow& r, bool any_ranged, Diagnostics& diag);

}  // namespace reclaim
