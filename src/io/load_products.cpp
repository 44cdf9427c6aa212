// products/products.csv, bom.csv and lifetimes.csv.

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "io/csv.hpp"
#include "io/cycles.hpp"
#include "io/load.hpp"

namespace reclaim {

namespace {

// A BoM quantity in base units per functional unit of `product`: a material's mass [kg], or a
// sub-assembly's amount in its own functional unit. Ratio units (kg/kWh, t/MW) are accepted
// when their denominator matches the product's functional unit.
std::optional<double> bom_factor(const UnitDef& line_unit, const Product& product,
                                 const Product* sub, std::string& why)
{
    const UnitDef& fu = *product.unit;
    if (sub == nullptr) {
        if (line_unit.dim == Dimension::Mass) return line_unit.to_base;
        auto den = line_unit.denominator();
        if (den && *den == fu.dim) return line_unit.to_base * fu.to_base;
        why = "does not fit a material (a material needs a mass per unit: kg, g, t";
        why += fu.dim == Dimension::Mass ? ")" : ", or a mass per " + std::string(fu.symbol) + ")";
        return std::nullopt;
    }
    const UnitDef& sub_fu = *sub->unit;
    if (line_unit.dim == sub_fu.dim) return line_unit.to_base / sub_fu.to_base;
    why = "does not fit item '" + sub->id + "' (a sub-assembly is counted in its functional unit, " +
          std::string(sub_fu.symbol) + ", or another " + std::string(dimension_name(sub_fu.dim)) + " unit)";
    return std::nullopt;
}

constexpr int kFirstCohort = 1800, kLastCohort = 2300;

// Rows of one (product, part) are given for every cohort (no `cohort`) or by cohort, each
// cohort once.
void check_cohorts(const Model& model, Diagnostics& diag)
{
    const Location none{"products/bom.csv", 0, "cohort"};
    for (const Product& p : model.products) {
        std::map<std::string, const BomLine*> first;                   // part -> its first row
        std::map<std::pair<std::string, int>, const BomLine*> seen;  // (part, cohort) -> row
        for (const BomLine& line : p.bom) {
            Location at = none;
            at.line = line.line;
            const std::string what = p.id + "/" + line.part;
            auto [it, fresh] = first.emplace(line.part, &line);
            const BomLine& head = *it->second;
            if (!fresh && head.cohort.has_value() != line.cohort.has_value()) {
                if (line.cohort)
                    diag.add(at, std::to_string(*line.cohort),
                             fmt::format("is a cohort for {}, whose line {} has none: give every row of a part a "
                                         "cohort, or none", what, head.line));
                else
                    diag.add(at, "",
                             fmt::format("is empty for {}, whose line {} has cohort {}: give every row of a part a "
                                         "cohort, or none", what, head.line, *head.cohort));
                continue;
            }
            if (!line.cohort) continue;
            auto [at_cohort, new_cohort] = seen.emplace(std::make_pair(line.part, *line.cohort), &line);
            if (!new_cohort)
                diag.add(at, std::to_string(*line.cohort),
                         fmt::format("is given twice for {} (also at line {})", what, at_cohort->second->line));
        }
    }
}

}  // namespace

void load_products(const DataSource& src, Model& model, Diagnostics& diag)
{
    auto t = src.table("products/products.csv", {{"id", "name", "category", "unit", "source"}, {"note"}}, diag);
    for (const auto& r : t.rows()) {
        auto id = read_text(t, r, "id", diag);
        auto name = read_text(t, r, "name", diag);
        auto category = read_text(t, r, "category", diag);
        auto source = read_source(t, r, diag);
        const UnitDef* unit = read_unit(t, r, "unit", diag);
        if (!id || !name || !category || !source || !unit) continue;
        if (unit->denominator() || unit->dim == Dimension::Fraction) {
            diag.add(t.at(r, "unit"), std::string(unit->symbol),
                     "is not a functional unit (expected unit, kWh, MW, kg or another count, energy, power or mass)");
            continue;
        }
        if (!model.product_index.add(*id, model.products.size())) {
            diag.add(t.at(r, "id"), *id, "is a duplicate product id");
            continue;
        }
        if (model.find_material(*id))
            diag.add(t.at(r, "id"), *id, "is also a material id; BoM items must be unambiguous");
        model.products.push_back(Product{*id, *name, *category, unit, {}, *source, r.line});
    }

    auto b = src.table("products/bom.csv",
                       {{"product", "part", "class", "item", "value", "unit", "source"},
                        {"low", "high", "dist", "group", "cohort", "note"}},
                       diag);
    std::vector<std::size_t> first_line(model.products.size(), 0);
    // Every cell but source and note: a row equal to another in all of them doubles a mass.
    std::map<std::vector<std::string>, std::size_t> seen_rows;
    for (const auto& r : b.rows()) {
        {
            std::vector<std::string> key;
            for (std::string_view col :
                 {"product", "part", "class", "item", "value", "low", "high", "dist", "group", "unit", "cohort"})
                key.push_back(b.cell(r, col));
            auto [it, fresh] = seen_rows.emplace(std::move(key), r.line);
            if (!fresh) {
                diag.add(b.at(r, "part"), b.cell(r, "product") + "/" + b.cell(r, "part"),
                         fmt::format("repeats line {} exactly (it would count the same mass twice)", it->second));
                continue;
            }
        }
        auto product_id = read_text(b, r, "product", diag);
        auto part = read_text(b, r, "part", diag);
        auto item = read_text(b, r, "item", diag);
        auto source = read_source(b, r, diag);
        const UnitDef* unit = read_unit(b, r, "unit", diag);
        if (!product_id || !part || !item || !source || !unit) continue;
        auto pi = model.find_product(*product_id);
        if (!pi) {
            diag.add(b.at(r, "product"), *product_id, "is not a product of products/products.csv");
            continue;
        }
        BomLine line;
        line.part = *part;
        line.line = r.line;
        if (const std::string& cell = b.cell(r, "cohort"); !cell.empty()) {
            auto year = parse_number(cell);
            if (!year || *year != std::floor(*year)) {
                diag.add(b.at(r, "cohort"), cell, "is not a whole year (the year the products of this row are built)");
                continue;
            }
            if (*year < kFirstCohort || *year > kLastCohort) {
                diag.add(b.at(r, "cohort"), cell,
                         fmt::format("is not a plausible cohort year ({}..{})", kFirstCohort, kLastCohort));
                continue;
            }
            line.cohort = static_cast<int>(*year);
        }
        const Product* sub = nullptr;
        if (auto mi = model.find_material(*item)) {
            line.kind = BomLine::Kind::Material;
            line.item = *mi;
        } else if (auto si = model.find_product(*item)) {
            line.kind = BomLine::Kind::Product;
            line.item = *si;
            sub = &model.products[*si];
        } else {
            diag.add(b.at(r, "item"), *item, "is neither a material nor a product id");
            continue;
        }
        const auto& cls = b.cell(r, "class");
        if (!cls.empty()) line.treatment_class = model.intern_class(cls);
        else if (!sub) {
            diag.add(b.at(r, "class"), "", "is empty: a material line needs a treatment class (battery, magnet, steel, ...)");
            continue;
        }
        std::string why;
        auto factor = bom_factor(*unit, model.products[*pi], sub, why);
        if (!factor) {
            diag.add(b.at(r, "unit"), std::string(unit->symbol), why);
            continue;
        }
        auto q = read_param(b, r, *factor, Bound::NonNegative, *source, model.params, diag);
        if (!q) continue;
        line.quantity = *q;
        if (model.products[*pi].bom.empty()) first_line[*pi] = r.line;
        model.products[*pi].bom.push_back(std::move(line));
    }

    check_cohorts(model, diag);

    for (std::size_t i = 0; i < model.products.size(); ++i) {
        if (model.products[i].bom.empty())
            diag.add(Location{"products/products.csv", model.products[i].line, "id"}, model.products[i].id,
                     "has no lines in products/bom.csv");
    }

    // Sub-assemblies nest; a product that contains itself is a cycle.
    std::vector<std::vector<NestEdge>> children(model.products.size());
    for (std::size_t i = 0; i < model.products.size(); ++i)
        for (const auto& l : model.products[i].bom)
            if (l.kind == BomLine::Kind::Product) children[i].push_back(NestEdge{l.item, l.line});
    for (const auto& c : find_cycles(children)) {
        std::string path;
        for (auto n : c.path) path += (path.empty() ? "" : " -> ") + model.products[n].id;
        diag.add(Location{"products/bom.csv", c.line, "item"}, path, "is a cycle: a product cannot contain itself");
    }
    for (const auto& d : find_too_deep(children, kMaxNestingDepth)) {
        diag.add(Location{"products/bom.csv", d.line, "item"},
                 model.products[d.parent].id + " -> " + model.products[d.child].id,
                 fmt::format("makes sub-assemblies nest more than {} deep (the limit)", kMaxNestingDepth));
    }
}

const CsvSchema kLifetimeSchema{{"product", "model", "source"},
                                {"mean", "mean_low", "mean_high", "sd", "sd_low", "sd_high", "shape", "shape_low",
                                 "shape_high", "scale", "scale_low", "scale_high", "dist", "group", "note"}};

void load_lifetimes(const DataSource& src, Model& model, Diagnostics& diag)
{
    auto t = src.table("products/lifetimes.csv", kLifetimeSchema, diag);
    read_lifetimes(t, model, model.params, model.lifetimes, diag);
    model.index_lifetimes();
}

void read_lifetimes(const CsvTable& t, const Model& model, ParamTable& params, std::vector<Lifetime>& out,
                    Diagnostics& diag)
{
    std::vector<bool> has_row(model.products.size(), false);  // a product seen twice is an error
    for (const auto& l : out) has_row[l.product] = true;
    for (const auto& r : t.rows()) {
        auto product = read_text(t, r, "product", diag);
        auto model_name = read_text(t, r, "model", diag);
        auto source = read_source(t, r, diag);
        if (!product || !model_name || !source) continue;
        auto pi = model.find_product(*product);
        if (!pi) {
            diag.add(t.at(r, "product"), *product, "is not a product of products/products.csv");
            continue;
        }
        if (has_row[*pi]) {
            diag.add(t.at(r, "product"), *product, "has two lifetime rows");
            continue;
        }
        has_row[*pi] = true;
        if (auto l = read_lifetime_row(t, r, *model_name, *source, params, diag)) {
            l->product = *pi;
            out.push_back(*l);
        }
    }
}

std::optional<Lifetime> read_lifetime_row(const CsvTable& t, const CsvRow& r, const std::string& model_name,
                                          const std::string& source, ParamTable& params, Diagnostics& diag,
                                          bool other_ranged)
{
    Lifetime l;
    l.source = source;
    l.line = r.line;
    std::vector<std::string_view> needs;
    if (model_name == "fixed") { l.model = LifetimeModel::Fixed; needs = {"mean"}; }
    else if (model_name == "normal") { l.model = LifetimeModel::Normal; needs = {"mean", "sd"}; }
    else if (model_name == "foldednormal") { l.model = LifetimeModel::FoldedNormal; needs = {"mean", "sd"}; }
    else if (model_name == "lognormal") { l.model = LifetimeModel::LogNormal; needs = {"mean", "sd"}; }
    else if (model_name == "weibull") { l.model = LifetimeModel::Weibull; needs = {"shape", "scale"}; }
    else {
        diag.add(t.at(r, "model"), model_name,
                 "is not a lifetime model (expected fixed, normal, foldednormal, lognormal, weibull)");
        return std::nullopt;
    }
    // Cells of a column the model does not use would pass silently: they must be empty.
    bool ok = true;
    bool any_ranged = other_ranged;
    for (std::string_view col : {"mean", "sd", "shape", "scale"}) {
        const std::string low = std::string(col) + "_low", high = std::string(col) + "_high";
        const bool ranged = has_range(t, r, ParamColumns{col, low, high, true});
        any_ranged = any_ranged || ranged;
        if (std::find(needs.begin(), needs.end(), col) != needs.end()) continue;
        for (const std::string& cell : {std::string(col), low, high}) {
            if (t.cell(r, cell).empty()) continue;
            diag.add(t.at(r, cell), cell == col ? t.cell(r, cell) : std::string(),
                     "is given but model '" + model_name + "' does not use " + std::string(col) +
                         " (leave it empty)");
            ok = false;
        }
    }
    if (!ok || !check_shared_range(t, r, any_ranged, diag)) return std::nullopt;
    for (auto col : needs) {
        auto v = read_number(t, r, col, diag);
        if (!v) { ok = false; continue; }
        bool positive_required = col != "sd" || l.model == LifetimeModel::LogNormal;
        if (*v < 0 || (positive_required && *v == 0)) {
            diag.add(t.at(r, col), t.cell(r, col), positive_required ? "must be positive" : "must not be negative");
            ok = false;
            continue;
        }
        const std::string low = std::string(col) + "_low", high = std::string(col) + "_high";
        auto id = read_param(t, r, 1.0, Bound::NonNegative, source, params, diag,
                             ParamColumns{col, low, high, true});
        if (!id) { ok = false; continue; }
        if (col == "mean") l.mean = *id;
        else if (col == "sd") l.sd = *id;
        else if (col == "shape") l.shape = *id;
        else l.scale = *id;
    }
    if (!ok) return std::nullopt;
    return l;
}

}  // namespace reclaim
