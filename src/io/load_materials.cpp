// materials/elements.csv, materials.csv, composition.csv and prices.csv.

#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "core/formula.hpp"
#include "io/csv.hpp"
#include "io/cycles.hpp"
#include "io/load.hpp"
#include "io/money_units.hpp"

namespace reclaim {

void load_elements(const DataSource& src, Model& model, Diagnostics& diag)
{
    auto t = src.table("materials/elements.csv", {{"symbol", "name", "atomic_weight", "source"}, {"note"}}, diag);
    for (const auto& r : t.rows()) {
        auto symbol = read_text(t, r, "symbol", diag);
        auto name = read_text(t, r, "name", diag);
        auto weight = read_number(t, r, "atomic_weight", diag);
        auto source = read_source(t, r, diag);
        if (!symbol || !name || !weight || !source) continue;
        if (*weight <= 0) {
            diag.add(t.at(r, "atomic_weight"), t.cell(r, "atomic_weight"), "must be positive [g/mol]");
            continue;
        }
        bool well_formed = symbol->size() <= 3 && std::isupper(static_cast<unsigned char>((*symbol)[0]));
        for (std::size_t i = 1; i < symbol->size(); ++i)
            well_formed = well_formed && std::islower(static_cast<unsigned char>((*symbol)[i]));
        if (!well_formed) {
            diag.add(t.at(r, "symbol"), *symbol, "is not an element symbol (like Fe or Nd)");
            continue;
        }
        if (!model.elements.add(Element{*symbol, *name, *weight}))
            diag.add(t.at(r, "symbol"), *symbol, "is listed twice");
    }
}

void load_materials(const DataSource& src, Model& model, Diagnostics& diag)
{
    auto t = src.table("materials/materials.csv", {{"id", "name", "source"}, {"formula", "class", "note"}}, diag);
    for (const auto& r : t.rows()) {
        auto id = read_text(t, r, "id", diag);
        auto name = read_text(t, r, "name", diag);
        auto source = read_source(t, r, diag);
        if (!id || !name || !source) continue;
        Material m{*id, *name, t.cell(r, "formula"), {}, {}, *source, r.line, t.cell(r, "class")};
        if (!m.formula.empty()) {
            try {
                m.formula_fractions = mass_fractions(parse_formula(m.formula, model.elements), model.elements);
            } catch (const FormulaError& e) {
                diag.add(t.at(r, "formula"), m.formula, std::string("is not a valid formula: ") + e.what());
                continue;
            }
        }
        if (!model.material_index.add(m.id, model.materials.size())) {
            diag.add(t.at(r, "id"), m.id, "is a duplicate material id");
            continue;
        }
        model.materials.push_back(std::move(m));
    }

    auto c = src.table("materials/composition.csv",
                       {{"material", "component", "value", "unit", "source"}, {"low", "high", "dist", "group", "note"}},
                       diag);
    std::vector<std::size_t> first_line(model.materials.size(), 0);
    for (const auto& r : c.rows()) {
        auto mat_id = read_text(c, r, "material", diag);
        auto comp = read_text(c, r, "component", diag);
        auto source = read_source(c, r, diag);
        const UnitDef* unit = read_unit(c, r, "unit", diag);
        if (!mat_id || !comp || !source || !unit) continue;
        auto mi = model.find_material(*mat_id);
        if (!mi) {
            diag.add(c.at(r, "material"), *mat_id, "is not a material of materials/materials.csv");
            continue;
        }
        Material& m = model.materials[*mi];
        if (!m.formula.empty()) {
            diag.add(c.at(r, "material"), *mat_id,
                     "has a formula in materials/materials.csv; give its composition by formula or here, not both");
            continue;
        }
        Component k;
        if (auto e = model.elements.find(*comp)) {
            k.kind = Component::Kind::Element;
            k.index = *e;
        } else if (auto other = model.find_material(*comp)) {
            k.kind = Component::Kind::Material;
            k.index = *other;
        } else {
            diag.add(c.at(r, "component"), *comp, "is neither an element symbol nor a material id");
            continue;
        }
        if (unit->dim != Dimension::Fraction) {
            diag.add(c.at(r, "unit"), std::string(unit->symbol),
                     "does not fit a composition (expected fraction, % or ppm)");
            continue;
        }
        if (c.cell(r, "value") == "balance") {
            // The balance is what the other rows leave: it has no range of its own.
            bool clean = true;
            for (std::string_view col : {"low", "high", "dist", "group"}) {
                if (const auto& cell = c.cell(r, col); !cell.empty()) {
                    diag.add(c.at(r, col), cell, "is set on a balance row: a balance has no range of its own (leave it empty)");
                    clean = false;
                }
            }
            if (!clean) continue;
            for (const auto& other : m.components) {
                if (other.balance) {
                    diag.add(c.at(r, "value"), "balance",
                             "appears twice for material '" + m.id + "' (one balance row at most)");
                    k.balance = false;
                    goto next_row;
                }
            }
            k.balance = true;
        } else {
            auto p = read_param(c, r, unit->to_base, Bound::Fraction, *source, model.params, diag);
            if (!p) continue;
            k.fraction = *p;
        }
        for (const auto& other : m.components) {
            if (other.kind == k.kind && other.index == k.index) {
                diag.add(c.at(r, "component"), *comp, "is listed twice for material '" + m.id + "'");
                goto next_row;
            }
        }
        if (m.components.empty()) first_line[*mi] = r.line;
        m.components.push_back(k);
    next_row:;
    }

    // Every material needs a composition; the fractions of each sum to 1 within 1e-6.
    for (std::size_t i = 0; i < model.materials.size(); ++i) {
        const Material& m = model.materials[i];
        if (!m.formula.empty()) continue;
        if (m.components.empty()) {
            diag.add(Location{"materials/materials.csv", m.line, "formula"}, m.id,
                     "has neither a formula nor rows in materials/composition.csv");
            continue;
        }
        double sum = 0.0;
        bool balance = false;
        for (const auto& k : m.components) {
            if (k.balance) balance = true;
            else sum += model.params[k.fraction].value;
        }
        Location loc{"materials/composition.csv", first_line[i], "value"};
        if (balance && sum > 1.0 + 1e-6)
            diag.add(loc, m.id, fmt::format("fractions sum to {:.6g} before the balance row (must be <= 1)", sum));
        if (!balance && std::abs(sum - 1.0) > 1e-6)
            diag.add(loc, m.id, fmt::format("fractions sum to {:.9g}, expected 1 within 1e-6 (or use 'balance' on one row)", sum));
    }

    // Mixtures nest; a material that contains itself is a cycle.
    std::vector<std::vector<NestEdge>> children(model.materials.size());
    for (std::size_t i = 0; i < model.materials.size(); ++i)
        for (const auto& k : model.materials[i].components)
            if (k.kind == Component::Kind::Material) children[i].push_back(NestEdge{k.index, first_line[i]});
    for (const auto& c : find_cycles(children)) {
        std::string path;
        for (auto n : c.path) path += (path.empty() ? "" : " -> ") + model.materials[n].id;
        diag.add(Location{"materials/composition.csv", c.line, "component"}, path,
                 "is a cycle: a material cannot contain itself");
    }
    for (const auto& d : find_too_deep(children, kMaxNestingDepth)) {
        diag.add(Location{"materials/composition.csv", d.line, "component"},
                 model.materials[d.parent].id + " -> " + model.materials[d.child].id,
                 fmt::format("makes materials nest more than {} deep (the limit)", kMaxNestingDepth));
    }
}

namespace {

const CsvSchema kPriceSchema{{"commodity", "element", "form", "value", "unit", "date", "source"},
                             {"low", "high", "dist", "group", "payable", "payable_low", "payable_high",
                              "payable_source", "note"}};

void read_prices(const CsvTable& t, Model& model, Diagnostics& diag);

}  // namespace

void load_prices(const DataSource& src, Model& model, Diagnostics& diag, const std::filesystem::path& prices_path)
{
    if (prices_path.empty()) read_prices(src.table("materials/prices.csv", kPriceSchema, diag), model, diag);
    // The user's list is named as given on the command line, so its problems point there.
    else load_price_list(prices_path, prices_path.string(), model, diag);
}

void load_price_list(const std::filesystem::path& path, const std::string& display, Model& model,
                     Diagnostics& diag)
{
    read_prices(CsvTable::read(path, display, kPriceSchema, diag), model, diag);
}

namespace {

void read_prices(const CsvTable& t, Model& model, Diagnostics& diag)
{
    const ParamColumns price_columns{"value", "low", "high", true};
    const ParamColumns payable_columns{"payable", "payable_low", "payable_high", true};
    for (const auto& r : t.rows()) {
        auto commodity = read_text(t, r, "commodity", diag);
        auto element = read_text(t, r, "element", diag);
        auto form = read_text(t, r, "form", diag);
        auto date = read_text(t, r, "date", diag);
        auto source = read_source(t, r, diag);
        auto unit = read_text(t, r, "unit", diag);
        if (!commodity || !element || !form || !date || !source || !unit) continue;
        auto e = model.elements.find(*element);
        if (!e) {
            diag.add(t.at(r, "element"), *element, "is not an element of materials/elements.csv");
            continue;
        }
        // Prices are held per kg of the form; the unit table is the one route costs use.
        const auto to_usd_per_kg = usd_per_kg_factor(*unit);
        if (!to_usd_per_kg) {
            diag.add(t.at(r, "unit"), *unit,
                     "is not a price unit (expected " + std::string(kMoneyPerMassUnits) + " of the form)");
            continue;
        }
        if (!is_date(*date)) {
            diag.add(t.at(r, "date"), *date, "is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)");
            continue;
        }
        // The form is a material id or a formula, and it must contain the element.
        bool contains = false;
        if (auto mi = model.find_material(*form)) {
            const Material& m = model.materials[*mi];
            for (auto& [el, f] : m.formula_fractions) contains = contains || (el == *e && f > 0);
            for (auto& k : m.components) contains = contains || k.kind == Component::Kind::Material ||
                                                    (k.index == *e && k.kind == Component::Kind::Element);
        } else {
            try {
                auto f = parse_formula(*form, model.elements);
                for (auto& [el, n] : f.amounts) contains = contains || el == *e;
            } catch (const FormulaError& err) {
                diag.add(t.at(r, "form"), *form,
                         std::string("is neither a material id of materials/materials.csv nor a valid formula: ") +
                             err.what());
                continue;
            }
        }
        if (!contains) {
            diag.add(t.at(r, "form"), *form, "does not contain the element " + *element);
            continue;
        }
        // The row's dist and group apply to the price and to the payable share, whichever is ranged.
        const bool payable_ranged = has_range(t, r, payable_columns);
        if (!check_shared_range(t, r, has_range(t, r, price_columns) || payable_ranged, diag)) continue;
        // A payable share needs its own source: it is a commercial term, not the market price.
        ParamId payable;
        const std::string& payable_text = t.cell(r, "payable");
        const std::string& payable_source = t.cell(r, "payable_source");
        if (!payable_text.empty()) {
            auto v = parse_number(payable_text);
            if (!v || *v < 0.0 || *v > 1.0) {
                diag.add(t.at(r, "payable"), payable_text, "is not a fraction in [0, 1] (the share of the price a buyer pays)");
                continue;
            }
            if (payable_source.empty()) {
                diag.add(t.at(r, "payable_source"), "", "is empty: a payable share needs its source");
                continue;
            }
            auto p = read_param(t, r, 1.0, Bound::Fraction, payable_source, model.params, diag, payable_columns);
            if (!p) continue;
            payable = *p;
        } else if (!payable_source.empty() || payable_ranged) {
            diag.add(t.at(r, "payable"), "",
                     payable_ranged ? "is empty but payable_low or payable_high is given"
                                    : "is empty but payable_source is given");
            continue;
        }
        // One price per substance, element and date: the valuer would silently use the first.
        const std::string key = model.form_key(*form);
        bool repeated = false;
        for (const auto& other : model.prices) {
            if (other.element != *e || other.date != *date || model.form_key(other.form) != key) continue;
            diag.add(t.at(r, "form"), *form,
                     fmt::format("has a price on {} already, at {}:{} (one price per form, element and date)", *date,
                                 other.file, other.line));
            repeated = true;
            break;
        }
        if (repeated) continue;
        auto p = read_param(t, r, *to_usd_per_kg, Bound::NonNegative, *source, model.params, diag, price_columns);
        if (!p) continue;
        model.prices.push_back(
            Price{*commodity, *e, *form, *p, *date, *source, r.line, payable, payable_source, t.at(r).file});
    }
}

}  // namespace

}  // namespace reclaim
