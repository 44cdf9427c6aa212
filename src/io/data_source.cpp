#include "io/data_source.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace reclaim {

namespace {

using Key = std::vector<std::string>;

Key key_of(const CsvTable& t, const CsvRow& r, const std::vector<std::string_view>& key)
{
    Key k;
    for (auto c : key) k.push_back(t.cell(r, c));
    return k;
}

std::string key_text(const std::vector<std::string_view>& columns, const Key& k)
{
    std::string out;
    for (std::size_t i = 0; i < k.size(); ++i) {
        if (k[i].empty()) continue;
        out += (out.empty() ? "" : ", ") + std::string(columns[i]) + " " + k[i];
    }
    return out;
}

// The cell that marks a removal: `value`, else `name`, else `model` (lifetimes).
std::string_view removal_column(const CsvTable& t)
{
    if (t.has("value")) return "value";
    return t.has("name") ? "name" : "model";
}

}  // namespace

std::vector<std::string_view> overlay_key(const std::string& rel)
{
    static const std::map<std::string, std::vector<std::string_view>, std::less<>> keys{
        {"materials/elements.csv", {"symbol"}},
        {"materials/materials.csv", {"id"}},
        {"materials/composition.csv", {"material", "component"}},
        {"materials/prices.csv", {"form", "date"}},
        {"products/products.csv", {"id"}},
        {"products/bom.csv", {"product", "part"}},
        {"products/lifetimes.csv", {"product"}},
        {"routes/routes.csv", {"id"}},
        {"routes/transfers.csv", {"route", "process", "element", "to"}},
        {"routes/plans.csv", {"plan", "class", "route", "product"}},
        {"routes/costs.csv", {"route", "item"}},
    };
    auto it = keys.find(rel);
    return it == keys.end() ? std::vector<std::string_view>{} : it->second;
}

bool DataSource::has(const std::string& rel) const
{
    std::error_code ec;
    if (std::filesystem::exists(dir / rel, ec)) return true;
    return std::any_of(overlays.begin(), overlays.end(),
                       [&](const auto& o) { return std::filesystem::exists(o / rel, ec); });
}

CsvTable DataSource::table(const std::string& rel, const CsvSchema& schema, Diagnostics& diag) const
{
    std::error_code ec;
    // An optional file the data folder does not have may come from an overlay: the first that has
    // it is the base of the others.
    auto first = overlays.begin();
    if (!std::filesystem::exists(dir / rel, ec))
        first = std::find_if(overlays.begin(), overlays.end(), [&](const auto& o) { return std::filesystem::exists(o / rel, ec); });
    const bool from_overlay = first != overlays.end() && !std::filesystem::exists(dir / rel, ec);
    CsvTable base = from_overlay ? CsvTable::read(*first / rel, (*first / rel).string(), schema, diag)
                                 : CsvTable::read(dir / rel, rel, schema, diag);
    const auto key = overlay_key(rel);
    for (auto o = from_overlay ? first + 1 : overlays.begin(); o != overlays.end(); ++o) {
        if (!std::filesystem::exists(*o / rel, ec)) continue;
        CsvTable top = CsvTable::read(*o / rel, (*o / rel).string(), schema, diag);
        if (top.ok()) base.apply_overlay(top, key, diag);
    }
    return base;
}

void CsvTable::apply_overlay(const CsvTable& top, const std::vector<std::string_view>& key, Diagnostics& diag)
{
    if (!ok_) return;
    if (file_columns_.empty()) file_columns_.push_back(columns_);  // the data's own header
    file_columns_.push_back(top.columns_);
    // Columns the overlay has and the base does not: empty in the base rows.
    for (const auto& c : top.columns_) {
        if (has(c)) continue;
        columns_.push_back(c);
        for (auto& r : rows_) r.cells.emplace_back();
    }
    const std::size_t file = files_.size();
    files_.push_back(top.display_);
    // The overlay's rows by key, in its order; a removal is kept as a key without rows.
    std::map<Key, std::vector<CsvRow>> replacing;
    std::map<Key, std::size_t> removed;  // key -> the line that removes it
    std::vector<Key> order;
    const std::string_view marker = removal_column(top);
    for (const auto& r : top.rows_) {
        Key k = key_of(top, r, key);
        auto [it, fresh] = replacing.try_emplace(k);
        if (fresh) order.push_back(k);
        const bool removal = top.cell(r, marker) == "-";
        // One overlay either replaces a key's rows or removes them, not both (removing twice is
        // harmless: the price list has a row per element under one key).
        auto gone = removed.find(k);
        const bool conflict = removal ? !it->second.empty() : gone != removed.end();
        if (conflict) {
            const std::size_t other = removal ? it->second.front().line : gone->second;
            diag.add(top.at(r, std::string(marker)), top.cell(r, marker),
                     fmt::format("line {} of this overlay {} the row with {}: an overlay replaces a row or removes "
                                 "it, not both",
                                 other, removal ? "replaces" : "removes", key_text(key, k)));
            continue;
        }
        if (removal) {
            removed.emplace(k, r.line);
            continue;
        }
        CsvRow row{r.line, std::vector<std::string>(columns_.size()), file};
        for (std::size_t i = 0; i < columns_.size(); ++i) row.cells[i] = top.cell(r, columns_[i]);
        it->second.push_back(std::move(row));
    }
    // Base rows with an overlay key are replaced in place by the overlay's rows for it.
    std::vector<CsvRow> merged;
    std::set<Key> placed;
    for (auto& r : rows_) {
        Key k = key_of(*this, r, key);
        auto it = replacing.find(k);
        if (it == replacing.end()) {
            merged.push_back(std::move(r));
            continue;
        }
        if (placed.insert(k).second)
            for (const auto& o : it->second) merged.push_back(o);
    }
    for (const auto& k : order) {
        if (placed.count(k)) continue;
        const auto& rows = replacing[k];
        if (rows.empty()) {
            // A removal that matches nothing: name its line in the overlay.
            for (const auto& r : top.rows_) {
                if (key_of(top, r, key) != k) continue;
                diag.add(top.at(r, std::string(marker)), "-",
                         "removes a row that " + display_ + " does not have (" + key_text(key, k) + ")");
                break;
            }
            continue;
        }
        for (const auto& o : rows) merged.push_back(o);
    }
    rows_ = std::move(merged);
}

}  // namespace reclaim
