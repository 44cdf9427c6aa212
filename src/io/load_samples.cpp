#include "io/load_samples.hpp"

#include <charconv>
#include <optional>
#include <string_view>

#include "io/csv.hpp"

namespace reclaim {

namespace {

// "routes/transfers.csv:12:value" -> the parameter read from that cell, if any.
// The file part may itself hold ':' (a Windows path of a --prices list), so the
// name is split from the right.
std::optional<ParamId> find_by_name(const ParamTable& table, std::string_view name)
{
    const auto col = name.rfind(':');
    if (col == std::string_view::npos || col == 0) return std::nullopt;
    const auto line_at = name.rfind(':', col - 1);
    if (line_at == std::string_view::npos) return std::nullopt;
    std::string_view line_text = name.substr(line_at + 1, col - line_at - 1);
    std::size_t line = 0;
    auto [ptr, ec] = std::from_chars(line_text.data(), line_text.data() + line_text.size(), line);
    if (ec != std::errc() || ptr != line_text.data() + line_text.size() || line == 0) return std::nullopt;
    return table.find(std::string(name.substr(0, line_at)), line, std::string(name.substr(col + 1)));
}

}  // namespace

GivenSamples load_given_samples(const std::filesystem::path& path, const ParamTable& table)
{
    GivenSamples out;
    out.file = path.string();
    Diagnostics diag;
    CsvSchema any;
    any.any_columns = true;
    CsvTable t = CsvTable::read(path, out.file, any, diag);
    diag.throw_if_any();

    for (const auto& name : t.columns()) {
        auto id = find_by_name(table, name);
        if (!id) {
            diag.add(Location{out.file, t.header_line(), {}}, name,
                     "names no parameter of this question (expected file:line:column "
                     "of a data cell, e.g. "
                     "routes/transfers.csv:12:value)");
            continue;
        }
        out.columns.push_back(*id);
    }
    diag.throw_if_any();
    if (t.rows().empty()) {
        diag.add(Location{out.file, 0, {}}, "",
                 "has no samples (expected one row of values per sample under the "
                 "header)");
        diag.throw_if_any();
    }

    out.rows.reserve(t.rows().size());
    for (const auto& r : t.rows()) {
        std::vector<double> row(out.columns.size(), 0.0);
        for (std::size_t c = 0; c < out.columns.size(); ++c) {
            const std::string& text = r.cells[c];
            const std::string& name = t.columns()[c];
            auto v = parse_number(text);
            if (!v) {
                diag.add(t.at(r, name), text, "is not a finite number");
                continue;
            }
            const Param& p = table[out.columns[c]];
            row[c] = *v * table.origin(out.columns[c]).to_base;
            if (!check_magnitude(t.at(r, name), text, row[c], diag)) continue;
            if (p.bound == Bound::Fraction && (row[c] < 0.0 || row[c] > 1.0 + 1e-12))
                diag.add(t.at(r, name), text, "is a fraction outside [0, 1]");
            else if (p.bound != Bound::Free && row[c] < 0.0)
                diag.add(t.at(r, name), text, "must not be negative");
        }
        out.rows.push_back(std::move(row));
    }
    diag.throw_if_any();
    return out;
}

}  // namespace reclaim
