#include "io/csv.hpp"

#include "core/limits.hpp"

#include <fmt/format.h>
// fast-cpp-csv-parser copies file names with strncpy into a fixed buffer, by design (a GCC
// warning; clang has no such group).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#include <libfccp/csv.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

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

// Offset of the first byte of `s` that is not part of well-formed UTF-8 (no overlong forms,
// surrogates or code points above U+10FFFF); npos if there is none.
std::size_t invalid_utf8_at(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (b >= 0xC2 && b <= 0xDF) n = 1;
        else if (b >= 0xE0 && b <= 0xEF) {
            n = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + n >= s.size()) return i;  // truncated at the end of the line
        for (std::size_t k = 1; k <= n; ++k) {
            auto c = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return i;
        }
        i += n + 1;
    }
    return std::string_view::npos;
}

// What is wrong with the bytes of one line (without its line end), if anything.
std::optional<std::string> bad_line_bytes(std::string_view line)
{
    if (line.size() > kMaxLineBytes)
        return fmt::format("line is {} bytes long, more than the limit of {} bytes (16 MiB)", line.size(),
                           kMaxLineBytes);
    if (auto nul = line.find('\0'); nul != std::string_view::npos)
        return fmt::format("NUL byte at byte {} of the line (a text file has none; is it binary or UTF-16?)",
                           nul + 1);
    if (auto bad = invalid_utf8_at(line); bad != std::string_view::npos)
        return fmt::format("invalid UTF-8 at byte {} of the line (0x{:02X}); save the file as UTF-8", bad + 1,
                           static_cast<unsigned char>(line[bad]));
    return std::nullopt;
}

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
    std::string text;
    {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream s;
        if (in) s << in.rdbuf();
        if (!in) {
            diag.add(file_loc, "", "cannot be read");
            return t;
        }
        text = s.str();
    }
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        diag.add(Location{t.display_, 1, {}}, "", "file is UTF-16; save it as UTF-8");
        return t;
    }

    bool have_header = false;
    std::size_t line_no = 0;
    bool bad_bytes = false;
    for (std::size_t begin = 0; begin < text.size();) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + begin, end - begin);
        begin = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        Location loc{t.display_, line_no, {}};
        // Every line is checked, comments too: a file that is not clean UTF-8 text is refused.
        if (auto bytes = bad_line_bytes(line)) {
            diag.add(loc, "", *bytes);
            bad_bytes = true;
            continue;
        }
        if (is_blank_or_comment(line)) continue;
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
        if (bad_bytes) return t;
        diag.add(file_loc, "", "file is empty (expected a header row: " + join(schema.required) + ")");
        return t;
    }
    t.ok_ = !bad_bytes;
    return t;
}

bool CsvTable::has(std::string_view column) const
{
    return std::find(columns_.begin(), columns_.end(), column) != columns_.end();
}

bool CsvTable::has(const CsvRow& row, std::string_view column) const
{
    if (file_columns_.empty() || row.file >= file_columns_.size()) return has(column);
    const auto& cols = file_columns_[row.file];
    return std::find(cols.begin(), cols.end(), column) != cols.end();
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

bool check_magnitude(const Location& where, const std::string& text, double base_value, Diagnostics& diag)
{
    if (in_magnitude_range(base_value)) return true;
    // "1e+30" reads as 1e30 in the message.
    auto g = [](double x) {
        std::string s = fmt::format("{:g}", x);
        if (auto plus = s.find("e+"); plus != std::string::npos) s.erase(plus + 1, 1);
        return s;
    };
    diag.add(where, text,
             fmt::format("is outside the range a quantity can have: |x| between {} and {} in base units, or 0",
                         g(kMinMagnitude), g(kMaxMagnitude)));
    return false;
}

namespace {

// A cell as a finite number, before any unit conversion; nullopt if empty (a problem if
// `required`) or not a number (a problem, and *invalid set).
std::optional<double> number_cell(const CsvTable& t, const CsvRow& r, std::string_view column, Diagnostics& diag,
                                  bool required, bool* invalid = nullptr)
{
    const auto& s = t.cell(r, column);
    if (s.empty()) {
        if (required) diag.add(t.at(r, column), "", "is empty (a number is required)");
        return std::nullopt;
    }
    auto v = parse_number(s);
    if (!v) {
        diag.add(t.at(r, column), s, "is not a finite number");
        if (invalid) *invalid = true;
    }
    return v;
}

// The cell's text with the row's unit, as a range problem shows it: "1e306 t".
std::string with_unit(const CsvTable& t, const CsvRow& r, std::string_view column)
{
    const std::string& unit = t.cell(r, "unit");
    return unit.empty() ? t.cell(r, column) : t.cell(r, column) + " " + unit;
}

}  // namespace

std::optional<double> read_number(const CsvTable& t, const CsvRow& r, std::string_view column,
                                  Diagnostics& diag)
{
    auto v = number_cell(t, r, column, diag, true);
    if (v && !check_magnitude(t.at(r, column), with_unit(t, r, column), *v, diag)) return std::nullopt;
    return v;
}

std::optional<double> read_optional_number(const CsvTable& t, const CsvRow& r,
                                           std::string_view column, Diagnostics& diag,
                                           bool* invalid)
{
    auto v = number_cell(t, r, column, diag, false, invalid);
    if (v && !check_magnitude(t.at(r, column), with_unit(t, r, column), *v, diag)) {
        if (invalid) *invalid = true;
        return std::nullopt;
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
    // Numbers as written: their range is checked once converted to base units, below.
    auto value = number_cell(t, r, c.value, diag, true);
    bool bad = !value;
    auto low = number_cell(t, r, c.low, diag, false, &bad);
    auto high = number_cell(t, r, c.high, diag, false, &bad);
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
    bool in_range = check_magnitude(t.at(r, c.value), with_unit(t, r, c.value), p.value, diag);
    if (low) {
        in_range = check_magnitude(t.at(r, c.low), with_unit(t, r, c.low), p.low, diag) && in_range;
        in_range = check_magnitude(t.at(r, c.high), with_unit(t, r, c.high), p.high, diag) && in_range;
    }
    if (!in_range) return std::nullopt;
    ParamId id = params.add(p, Origin{t.at(r).file, r.line, std::string(c.value), source, factor});
    if (low && !group.empty()) params.set_stream(id, group_stream(group));
    return id;
}

}  // namespace reclaim
