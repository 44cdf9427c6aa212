#include "io/csv.hpp"

#include <fmt/format.h>
// fast-cpp-csv-parser copies file names with strncpy into a fixed buffer, by design.
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace reclaim {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_blank_or_comment(std::string_view line)
{
    auto t = trim(line);
    return t.empty() || t.front() == '#';
}

std::string join(const std::vector<std::string_view>& items)
{
    std::string out;
    for (auto s : items) {
        if (!out.empty()) out += ", ";
        out += s;
    }
    return out;
}

using Splitter = io::double_quote_escape<',', '"'>;

std::string fmt_range(double low, double value, double high)
{
    return fmt::format("low={:g}, value={:g}, high={:g}", low, value, high);
}

}  // namespace

std::optional<std::vector<std::string>> split_csv_line(std::string_view line)
{
    // fast-cpp-csv-parser's RFC 4180 splitter works in place on a NUL-terminated buffer.
    std::string buf(line);
    std::vector<std::string> cells;
    char* begin = buf.data();
    while (true) {
        const char* end_c = nullptr;
        try {
            end_c = Splitter::find_next_column_end(begin);
        } catch (const io::error::escaped_string_not_closed&) {
            return std::nullopt;
        }
        char* end = buf.data() + (end_c - buf.data());
        bool last = *end == '\0';
        *end = '\0';
        auto cell = trim(std::string_view(begin, static_cast<std::size_t>(end - begin)));
        std::string text(cell);
        char* b = text.data();
        char* e = text.data() + text.size();
        Splitter::unescape(b, e);
        cells.emplace_back(b, static_cast<std::size_t>(e - b));
        if (last) break;
        begin = end + 1;
    }
    return cells;
}

CsvTable CsvTable::read(const std::filesystem::path& path, std::string display,
                        const CsvSchema& schema, Diagnostics& diag)
{
    CsvTable t;
    t.display_ = std::move(display);
    t.files_.push_back(t.display_);
    Location file_loc{t.display_, 0, {}};
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        diag.add(file_loc, "", "file not found (expected at " + path.string() + ")");
        return t;
    }
    std::unique_ptr<io::LineReader> reader;
    try {
        reader = std::make_unique<io::LineReader>(path.string());
    } catch (const std::exception& e) {
        diag.add(file_loc, "", std::string("cannot be read: ") + e.what());
        return t;
    }

    bool have_header = false;
    std::size_t line_no = 0;
    while (char* raw = reader->next_line()) {
        ++line_no;
        std::string_view line(raw);
        if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        if (is_blank_or_comment(line)) continue;
        Location loc{t.display_, line_no, {}};
        auto cells = split_csv_line(line);
        if (!cells) {
            diag.add(loc, std::string(line), "a quoted cell is not closed (a '\"' is missing)");
            continue;
        }
        if (!have_header) {
            have_header = true;
            t.header_line_ = line_no;
            t.columns_ = *cells;
            bool header_ok = true;
            for (const auto& c : t.columns_) {
                bool known = schema.any_columns ||
                             std::find(schema.required.begin(), schema.required.end(), c) !=
                                 schema.required.end() ||
                             std::find(schema.optional.begin(), schema.optional.end(), c) !=
                                 schema.optional.end();
                if (!known) {
                    diag.add(loc, c,
                             "is not a column of this file (expected: " + join(schema.required) +
                                 (schema.optional.empty() ? "" : "; optional: " + join(schema.optional)) +
                                 ")");
                    header_ok = false;
                }
                if (std::count(t.columns_.begin(), t.columns_.end(), c) > 1) {
                    diag.add(loc, c, "column appears twice in the header");
                    header_ok = false;
                }
            }
            for (auto req : schema.required) {
                if (std::find(t.columns_.begin(), t.columns_.end(), req) == t.columns_.end()) {
                    diag.add(loc, std::string(req), "required column is missing from the header");
                    header_ok = false;
                }
            }
            if (!header_ok) return t;
            continue;
        }
        if (cells->size() != t.columns_.size()) {
            diag.add(loc, "",
                     "row has " + std::to_string(cells->size()) + " cells, the header has " +
                         std::to_string(t.columns_.size()) + " columns");
            continue;
        }
        t.rows_.push_back(CsvRow{line_no, std::move(*cells)});
    }
    if (!have_header) {
        diag.add(file_loc, "", "file is empty (expected a header row: " + join(schema.required) + ")");
        return t;
    }
    t.ok_ = true;
    return t;
}

bool CsvTable::has(std::string_view column) const
{
    return std::find(columns_.begin(), columns_.end(), column) != columns_.end();
}

const std::string& CsvTable::cell(const CsvRow& row, std::string_view column) const
{
    static const std::string empty;
    auto it = std::find(columns_.begin(), columns_.end(), column);
    if (it == columns_.end()) return empty;
    return row.cells[static_cast<std::size_t>(it - columns_.begin())];
}

Location CsvTable::at(const CsvRow& row, std::string_view column) const
{
    return Location{row.file == 0 || row.file >= files_.size() ? display_ : files_[row.file], row.line,
                    std::string(column)};
}

std::optional<double> parse_number(std::string_view text)
{
    text = trim(text);
    if (text.empty()) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double v = 0.0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool is_date(std::string_view d)
{
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
        return true;
    };
    auto two = [&](std::size_t from) { return (d[from] - '0') * 10 + (d[from + 1] - '0'); };
    if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
    if (!digits(0, 4)) return false;
    if (d.size() >= 7 && (d[4] != '-' || !digits(5, 2) || two(5) < 1 || two(5) > 12)) return false;
    if (d.size() == 10 && (d[7] != '-' || !digits(8, 2) || two(8) < 1 || two(8) > 31)) return false;
    return true;
}

std::optional<std::string> read_text(const CsvTable& t, const CsvRow& r, std::string_view column,
                                     Diagnostics& diag)
{
    const auto& s = t.cell(r, column);
    if (s.empty()) {
        diag.add(t.at(r, column), "", "is empty (a value is required)");
        return std::nullopt;
    }
    return s;
}

std::optional<double> read_number(const CsvTable& t, const CsvRow& r, std::string_view column,
                                  Diagnostics& diag)
{
    const auto& s = t.cell(r, column);
    if (s.empty()) {
        diag.add(t.at(r, column), "", "is empty (a number is required)");
        return std::nullopt;
    }
    auto v = parse_number(s);
    if (!v) diag.add(t.at(r, column), s, "is not a finite number");
    return v;
}

std::optional<double> read_optional_number(const CsvTable& t, const CsvRow& r,
                                           std::string_view column, Diagnostics& diag,
                                           bool* invalid)
{
    const auto& s = t.cell(r, column);
    if (s.empty()) return std::nullopt;
    auto v = parse_number(s);
    if (!v) {
        diag.add(t.at(r, column), s, "is not a finite number");
        if (invalid) *invalid = true;
    }
    return v;
}

const UnitDef* read_unit(const CsvTable& t, const CsvRow& r, std::string_view column,
                         Diagnostics& diag)
{
    const auto& s = t.cell(r, column);
    const UnitDef* u = find_unit(s);
    if (!u) {
        std::string known;
        for (auto sym : unit_symbols()) known.append(known.empty() ? "" : " ").append(sym);
        diag.add(t.at(r, column), s, "is not a known unit (known: " + known + ")");
    }
    return u;
}

std::optional<std::string> read_source(const CsvTable& t, const CsvRow& r, Diagnostics& diag)
{
    const auto& s = t.cell(r, "source");
    if (s.empty()) {
        diag.add(t.at(r, "source"), "",
                 "is empty: every row needs a citation, or 'assumption: <reason>'");
        return std::nullopt;
    }
    return s;
}

namespace {

constexpr const char* kGroupWithoutRange =
    "is set on a row without a range: give low and high, or leave group empty";

}  // namespace

bool has_range(const CsvTable& t, const CsvRow& r, const ParamColumns& columns)
{
    return !t.cell(r, columns.low).empty() || !t.cell(r, columns.high).empty();
}

bool check_shared_range(const CsvTable& t, const CsvRow& r, bool any_ranged, Diagnostics& diag)
{
    if (any_ranged) return true;
    bool ok = true;
    if (const auto& d = t.cell(r, "dist"); !d.empty()) {
        diag.add(t.at(r, "dist"), d, "needs low and high");
        ok = false;
    }
    if (const auto& g = t.cell(r, "group"); !g.empty()) {
        diag.add(t.at(r, "group"), g, kGroupWithoutRange);
        ok = false;
    }
    return ok;
}

std::optional<ParamId> read_param(const CsvTable& t, const CsvRow& r, double factor, Bound bound,
                                  const std::string& source, ParamTable& params, Diagnostics& diag,
                                  const ParamColumns& c)
{
    auto value = read_number(t, r, c.value, diag);
    bool bad = !value;
    auto low = read_optional_number(t, r, c.low, diag, &bad);
    auto high = read_optional_number(t, r, c.high, diag, &bad);
    const auto& dist_text = t.cell(r, "dist");
    const auto& group = t.cell(r, "group");
    if (bad) return std::nullopt;

    Param p;
    p.value = *value;
    p.bound = bound;
    if (low.has_value() != high.has_value()) {
        diag.add(t.at(r, low ? c.high : c.low), "",
                 "is empty: give both low and high, or neither (fixed value)");
        return std::nullopt;
    }
    if (low) {
        auto d = parse_dist(dist_text);
        if (!d) {
            diag.add(t.at(r, "dist"), dist_text,
                     "is not a known distribution (expected: triangular, uniform, normal, "
                     "lognormal, pert, or empty for triangular)");
            return std::nullopt;
        }
        if (!(*low <= *value && *value <= *high)) {
            diag.add(t.at(r, c.value), fmt_range(*low, *value, *high),
                     "violates low <= value <= high");
            return std::nullopt;
        }
        if (*d == Dist::Lognormal && *low <= 0) {
            diag.add(t.at(r, c.low), t.cell(r, c.low), "must be positive for a lognormal range");
            return std::nullopt;
        }
        p.dist = (*low == *high) ? Dist::Fixed : *d;
        p.low = *low;
        p.high = *high;
    } else {
        // With a shared dist/group, a fixed parameter beside a ranged one is fine.
        if (!c.shared && !check_shared_range(t, r, false, diag)) return std::nullopt;
        p.low = p.high = p.value;
    }
    p.value *= factor;
    p.low *= factor;
    p.high *= factor;

    auto check = [&](double v, std::string_view col) {
        const std::string& text = t.cell(r, col);
        if (bound == Bound::Fraction && (v < 0.0 || v > 1.0 + 1e-12)) {
            diag.add(t.at(r, col), text, "is a fraction outside [0, 1]");
            return false;
        }
        if (bound != Bound::Free && v < 0.0) {
            diag.add(t.at(r, col), text, "must not be negative");
            return false;
        }
        return true;
    };
    if (!check(p.value, c.value) || !check(p.low, c.low) || !check(p.high, c.high))
        return std::nullopt;
    ParamId id = params.add(p, Origin{t.at(r).file, r.line, std::string(c.value), source, factor});
    if (low && !group.empty()) params.set_stream(id, group_stream(group));
    return id;
}

}  // namespace reclaim
