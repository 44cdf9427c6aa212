// scenarios/NAME/scenario.toml and its CSV time series.

#include "io/load_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "io/csv.hpp"
#include "io/load.hpp"

namespace reclaim {

namespace fs = std::filesystem;

namespace {

// What a manifest's tables may hold: a typo must not pass silently.
const std::vector<std::string_view> kTopKeys{"name", "description", "years", "plan", "survival", "demand_basis",
                                             "plans", "files", "targets", "levers"};
const std::vector<std::string_view> kPlanKeys{"from", "plan"};
const std::vector<std::string_view> kFileKeys{"put_on_market", "collection", "demand", "scrap", "lifetimes", "exports",
                                              "stock", "second_life"};
const std::vector<std::string_view> kTargetKeys{"element", "share", "year", "source"};
const std::vector<std::string_view> kLeverKeys{"magnet_class", "magnet_shred_route", "magnet_extraction_route"};

std::string join(const std::vector<std::string_view>& items)
{
    std::string out;
    for (auto s : items) out += (out.empty() ? "" : ", ") + std::string(s);
    return out;
}

std::size_t line_of(const toml::node& n) { return static_cast<std::size_t>(n.source().begin.line); }

// Reads scenario.toml into a Scenario, checking every key against the model.
class ManifestReader {
public:
    ManifestReader(std::string file, const Model& model, Scenario& sc, Diagnostics& diag)
        : file_(std::move(file)), model_(model), sc_(sc), diag_(diag)
    {
    }

    // "scenario.toml:4: plan = 'nope' is not a plan of routes/plans.csv": TOML has keys, not columns.
    void bad(std::size_t line, const std::string& key, const std::string& text, const std::string& message)
    {
        std::string what = text.empty() ? key : key + " = '" + text + "'";
        diag_.add(Location{file_, line, {}}, "", what + " " + message);
    }

    void check_keys(const toml::table& t, const std::vector<std::string_view>& allowed, const std::string& where)
    {
        for (auto&& [k, v] : t) {
            if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end())
                bad(line_of(v), std::string(k.str()), "",
                          "is not a key of " + where + " (expected: " + join(allowed) + ")");
        }
    }

    // A required or optional string value; nullopt (with a problem if required or mistyped).
    std::optional<std::string> text(const toml::table& t, std::string_view key, std::size_t table_line, bool required)
    {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) bad(table_line, std::string(key), "", "is missing (a string is required)");
            return std::nullopt;
        }
        auto s = n->value<std::string>();
        if (!s || (required && s->empty())) {
            bad(line_of(*n), std::string(key), "", s ? "is empty" : "must be a string");
            return std::nullopt;
        }
        return s;
    }

    std::optional<int> year(const toml::node& n, std::string_view key, bool check_range)
    {
        auto v = n.as_integer();
        if (!v) {
            bad(line_of(n), std::string(key), "", "must be an integer year");
            return std::nullopt;
        }
        auto y = v->get();
        if (check_range && (y < sc_.first_year || y > sc_.last_year)) {
            bad(line_of(n), std::string(key), std::to_string(y),
                      fmt::format("is outside the scenario's years {}..{}", sc_.first_year, sc_.last_year));
            return std::nullopt;
        }
        if (y < -100000 || y > 100000) {
            bad(line_of(n), std::string(key), std::to_string(y), "is not a plausible year");
            return std::nullopt;
        }
        return static_cast<int>(y);
    }

    std::optional<std::size_t> plan(const toml::node& n, std::string_view key)
    {
        auto s = n.value<std::string>();
        if (!s) {
            bad(line_of(n), std::string(key), "", "must be a plan id (a string)");
            return std::nullopt;
        }
        auto p = model_.find_plan(*s);
        if (!p) bad(line_of(n), std::string(key), *s, "is not a plan of routes/plans.csv");
        return p;
    }

    // Reads everything but [[targets]] (which need the demand series) into the scenario.
    void read(const toml::table& root, std::map<std::string, std::pair<std::string, std::size_t>>& files)
    {
        check_keys(root, kTopKeys, "scenario.toml");
        if (auto s = text(root, "name", 1, true)) sc_.name = *s;
        if (auto s = text(root, "description", 1, false)) sc_.description = *s;

        bool years_ok = false;
        if (const toml::node* n = root.get("years")) {
            const toml::array* a = n->as_array();
            if (!a || a->size() != 2) {
                bad(line_of(*n), "years", "", "must be [first, last], two integer years");
            } else {
                auto first = year(*a->get(0), "years", false);
                auto last = year(*a->get(1), "years", false);
                if (first && last) {
                    if (*first > *last) {
                        bad(line_of(*n), "years", fmt::format("[{}, {}]", *first, *last),
                                  "has the first year after the last");
                    } else if (*last - *first > 2000) {
                        bad(line_of(*n), "years", fmt::format("[{}, {}]", *first, *last),
                                  "spans more than 2000 years");
                    } else {
                        sc_.first_year = *first;
                        sc_.last_year = *last;
                        years_ok = true;
                    }
                }
            }
        } else {
            bad(1, "years", "", "is missing (expected years = [first, last])");
        }
        years_ok_ = years_ok;

        if (const toml::node* n = root.get("plan")) {
            if (auto p = plan(*n, "plan")) sc_.plan = *p;
        } else {
            bad(1, "plan", "", "is missing (the plan of the first year, from routes/plans.csv)");
        }

        if (auto s = text(root, "survival", 1, false)) {
            if (*s == "end") sc_.survival = SurvivalConvention::End;
            else if (*s == "middle") sc_.survival = SurvivalConvention::Middle;
            else bad(line_of(*root.get("survival")), "survival", *s, "is not a survival convention (expected \"end\" or \"middle\")");
        }

        if (auto s = text(root, "demand_basis", 1, false)) {
            if (*s == "put_on_market") sc_.demand_basis = DemandBasis::PutOnMarket;
            else if (*s == "demand_file") sc_.demand_basis = DemandBasis::DemandFile;
            else bad(line_of(*root.get("demand_basis")), "demand_basis", *s,
                     "is not a demand basis (expected \"put_on_market\" or \"demand_file\")");
        }

        if (const toml::node* n = root.get("plans")) {
            const toml::array* a = n->as_array();
            if (!a || !a->is_array_of_tables()) {
                bad(line_of(*n), "plans", "", "must be [[plans]] tables with from and plan");
            } else {
                for (const auto& item : *a) {
                    const toml::table& t = *item.as_table();
                    std::size_t line = line_of(t);
                    check_keys(t, kPlanKeys, "[[plans]]");
                    const toml::node* from = t.get("from");
                    const toml::node* p = t.get("plan");
                    if (!from) bad(line, "from", "", "is missing (the first year of this plan)");
                    if (!p) bad(line, "plan", "", "is missing (a plan id)");
                    if (!from || !p) continue;
                    auto y = years_ok ? year(*from, "from", true) : std::nullopt;
                    auto pi = plan(*p, "plan");
                    if (!y || !pi) continue;
                    for (const auto& s : sc_.plan_switches) {
                        if (s.from == *y) {
                            bad(line_of(*from), "from", std::to_string(*y),
                                      fmt::format("already switches plan at line {}", s.line));
                        }
                    }
                    sc_.plan_switches.push_back(PlanSwitch{*y, *pi, line_of(*from)});
                }
                std::stable_sort(sc_.plan_switches.begin(), sc_.plan_switches.end(),
                                 [](const PlanSwitch& a, const PlanSwitch& b) { return a.from < b.from; });
            }
        }

        if (const toml::node* n = root.get("files")) {
            if (const toml::table* t = n->as_table()) {
                check_keys(*t, kFileKeys, "[files]");
                for (auto key : kFileKeys) {
                    // With demand from what is put on the market, a demand file only adds.
                    bool required = key != "scrap" && key != "lifetimes" && key != "exports" && key != "stock" &&
                                    key != "second_life" &&
                                    (key != "demand" || sc_.demand_basis == DemandBasis::DemandFile);
                    if (auto s = text(*t, key, line_of(*t), required))
                        files[std::string(key)] = {*s, line_of(*t->get(key))};
                }
            } else {
                bad(line_of(*n), "files", "", "must be a [files] table");
            }
        } else {
            bad(1, "files", "", "is missing (a [files] table naming put_on_market, collection and demand)");
        }

        read_levers(root);
    }

    // Without [levers] the scenario asks no magnet question; with it, every name is required.
    void read_levers(const toml::table& root)
    {
        const toml::node* n = root.get("levers");
        if (!n) return;
        const toml::table* t = n->as_table();
        if (!t) {
            bad(line_of(*n), "levers", "", "must be a [levers] table");
            return;
        }
        check_keys(*t, kLeverKeys, "[levers]");
        auto lookup = [&](std::string_view key, bool is_class, const char* what) -> std::optional<std::size_t> {
            const toml::node* v = t->get(key);
            if (!v) {
                bad(line_of(*t), std::string(key), "", std::string("is missing from [levers] (") + what + ")");
                return std::nullopt;
            }
            auto s = v->value<std::string>();
            if (!s) {
                bad(line_of(*v), std::string(key), "", "must be a string");
                return std::nullopt;
            }
            auto i = is_class ? model_.find_class(*s) : model_.find_route(*s);
            if (!i)
                bad(line_of(*v), std::string(key), *s,
                    is_class ? "is not a treatment class of products/bom.csv" : "is not a route of routes/routes.csv");
            return i;
        };
        auto cls = lookup("magnet_class", true, "the treatment class of magnets");
        auto shred = lookup("magnet_shred_route", false, "the route that shreds magnets with the rest");
        auto extract = lookup("magnet_extraction_route", false, "the route extracted magnets go to");
        if (shred && extract && *shred == *extract) {
            bad(line_of(*t->get("magnet_extraction_route")), "magnet_extraction_route", model_.routes[*extract].id,
                "is also the magnet_shred_route: the lever moves magnets from one route to another");
            return;
        }
        if (cls && shred && extract) sc_.magnet_lever = MagnetLever{*cls, *shred, *extract};
    }

    void read_targets(const toml::table& root)
    {
        const toml::node* n = root.get("targets");
        if (!n) return;
        const toml::array* a = n->as_array();
        if (!a || !a->is_array_of_tables()) {
            bad(line_of(*n), "targets", "", "must be [[targets]] tables with element, share, year, source");
            return;
        }
        for (const auto& item : *a) {
            const toml::table& t = *item.as_table();
            std::size_t line = line_of(t);
            check_keys(t, kTargetKeys, "[[targets]]");
            Target target;
            target.line = line;
            bool ok = true;
            if (auto s = text(t, "element", line, true)) {
                auto e = model_.elements.find(*s);
                if (!e) {
                    bad(line_of(*t.get("element")), "element", *s, "is not an element of materials/elements.csv");
                    ok = false;
                } else if (sc_.demand_basis == DemandBasis::DemandFile && sc_.demand_kg.size() == model_.elements.size() &&
                           sc_.demand_kg[*e].empty()) {
                    bad(line_of(*t.get("element")), "element", *s,
                              "has a target but no demand: nobody demands it in the demand file");
                    ok = false;
                } else {
                    target.element = *e;
                }
            } else {
                ok = false;
            }
            if (const toml::node* s = t.get("share")) {
                auto v = s->value<double>();
                if (!v || !std::isfinite(*v) || *v <= 0.0 || *v > 1.0) {
                    bad(line_of(*s), "share", "", "must be a fraction in (0, 1], e.g. 0.20");
                    ok = false;
                } else {
                    target.share = *v;
                }
            } else {
                bad(line, "share", "", "is missing (the recycled share to reach, e.g. 0.20)");
                ok = false;
            }
            if (const toml::node* y = t.get("year")) {
                auto v = years_ok_ ? year(*y, "year", true) : std::nullopt;
                if (v) target.year = *v;
                else ok = false;
            } else {
                bad(line, "year", "", "is missing (the year the share is due)");
                ok = false;
            }
            if (auto s = text(t, "source", line, true)) target.source = *s;
            else ok = false;
            if (ok) sc_.targets.push_back(target);
        }
    }

    [[nodiscard]] bool years_ok() const { return years_ok_; }

private:
    std::string file_;
    const Model& model_;
    Scenario& sc_;
    Diagnostics& diag_;
    bool years_ok_ = false;
};

// Rows of one series collected by key, then sorted and checked for repeated years.
template <class Key>
class SeriesBuilder {
public:
    void add(const Key& key, int year, ParamId value, std::size_t line)
    {
        rows_[key].push_back(SeriesPoint{year, value, line});
    }

    //! Sorted series per key; a year given twice is a problem at its second line. A series is
    //! drawn as one: its ranged points share the stream of its first ranged point, except the
    //! rows with a `group`, which keep the group's.
    std::map<Key, Series> build(const std::string& file, ParamTable& params, Diagnostics& diag, const std::string& what)
    {
        std::map<Key, Series> out;
        for (auto& [key, points] : rows_) {
            std::stable_sort(points.begin(), points.end(),
                             [](const SeriesPoint& a, const SeriesPoint& b) { return a.year < b.year; });
            Series s;
            s.file = file;
            for (const auto& p : points) {
                if (!s.points.empty() && s.points.back().year == p.year) {
                    diag.add(Location{file, std::max(p.line, s.points.back().line), "year"}, std::to_string(p.year),
                             fmt::format("is given twice for {} (also at line {})", what,
                                         std::min(p.line, s.points.back().line)));
                    continue;
                }
                s.points.push_back(p);
            }
            std::optional<std::uint64_t> stream;
            for (const auto& p : s.points) {
                const Param& param = params[p.value];
                if (!param.ranged()) continue;
                if (!stream) stream = series_stream(p.value.index);
                if (param.stream == 0) params.set_stream(p.value, *stream);  // non-zero: its group's
            }
            out.emplace(key, std::move(s));
        }
        return out;
    }

private:
    std::map<Key, std::vector<SeriesPoint>> rows_;
};

class CsvReader {
public:
    CsvReader(Scenario& sc, Diagnostics& diag) : sc_(sc), diag_(diag) {}

    std::optional<int> year(const CsvTable& t, const CsvRow& r)
    {
        auto v = read_number(t, r, "year", diag_);
        if (!v) return std::nullopt;
        if (*v != std::floor(*v)) {
            diag_.add(t.at(r, "year"), t.cell(r, "year"), "is not a whole year");
            return std::nullopt;
        }
        if (*v < sc_.first_year || *v > sc_.last_year) {
            diag_.add(t.at(r, "year"), t.cell(r, "year"),
                      fmt::format("is outside the scenario's years {}..{} (scenario.toml)", sc_.first_year, sc_.last_year));
            return std::nullopt;
        }
        return static_cast<int>(*v);
    }

    // The row's value (+low/high/dist/group) as a parameter of the scenario, scaled by `factor`.
    // Without a factor or a source (another cell of the row is bad) the cells are still checked,
    // into a scratch table, so that one pass reports every problem.
    std::optional<ParamId> param(const CsvTable& t, const CsvRow& r, std::optional<double> factor, Bound bound,
                                 const std::optional<std::string>& source)
    {
        if (factor && source) return read_param(t, r, *factor, bound, *source, sc_.params, diag_);
        ParamTable scratch;
        read_param(t, r, factor.value_or(1.0), bound, "", scratch, diag_);
        return std::nullopt;
    }

    // A mass unit's factor to kg.
    std::optional<double> mass_unit(const CsvTable& t, const CsvRow& r)
    {
        const UnitDef* u = read_unit(t, r, "unit", diag_);
        if (!u) return std::nullopt;
        if (u->dim != Dimension::Mass) {
            diag_.add(t.at(r, "unit"), t.cell(r, "unit"), "is not a mass unit (expected " + unit_list(Dimension::Mass) + ")");
            return std::nullopt;
        }
        return u->to_base;
    }

private:
    Scenario& sc_;
    Diagnostics& diag_;
};

// Whether a share's value and both ends of its range lie in 0..1; each one that does not is a
// problem saying what the share is: "is a collection rate above 1 (a share of end-of-life
// units, 0..1)". `what` names it ("collection rate"), `of` what it is a share of.
bool share_in_range(const CsvTable& t, const CsvRow& r, const std::string& what, const std::string& of,
                    Diagnostics& diag)
{
    bool in_range = true;
    for (std::string_view col : {"value", "low", "high"}) {
        auto v = parse_number(t.cell(r, col));
        if (!v || (*v >= 0.0 && *v <= 1.0)) continue;
        const std::string article = std::string("aeiou").find(what[0]) != std::string::npos ? "an " : "a ";
        diag.add(t.at(r, col), t.cell(r, col),
                 (*v > 1.0 ? "is " + article + what + " above 1" : "is a negative " + what) + " (a share of " + of +
                     ", 0..1)");
        in_range = false;
    }
    return in_range;
}

}  // namespace

fs::path find_scenario(const fs::path& data_dir, const std::string& name_or_path)
{
    std::error_code ec;
    fs::path p(name_or_path);
    if (fs::is_regular_file(p / "scenario.toml", ec)) return p;
    fs::path named = data_dir / "scenarios" / name_or_path;
    if (fs::is_regular_file(named / "scenario.toml", ec)) return named;
    throw LookupError("no scenario '" + name_or_path + "': neither " + (p / "scenario.toml").string() + " nor " +
                      (named / "scenario.toml").string() + " exists");
}

Scenario load_scenario(const fs::path& dir, const Model& model, Diagnostics& diag)
{
    Scenario sc;
    // Before anything is added: the scenario's parameters continue the model's ids.
    sc.params = ParamTable::extending(model.params);
    fs::path abs = fs::weakly_canonical(dir);
    sc.folder = abs.filename().string();
    // Messages name files as the user knows them: scenarios/NAME/... under a data folder.
    std::string prefix = abs.parent_path().filename() == "scenarios" ? "scenarios/" + sc.folder : dir.string();
    auto display = [&](const std::string& f) { return prefix + "/" + f; };
    const std::string manifest = display("scenario.toml");

    toml::table root;
    try {
        root = toml::parse_file((dir / "scenario.toml").string());
    } catch (const toml::parse_error& e) {
        diag.add(Location{manifest, static_cast<std::size_t>(e.source().begin.line), {}}, "",
                 "is not valid TOML: " + std::string(e.description()));
        return sc;
    }

    ManifestReader reader(manifest, model, sc, diag);
    std::map<std::string, std::pair<std::string, std::size_t>> files;
    reader.read(root, files);
    if (!reader.years_ok()) return sc;  // nothing below can be checked without the years

    CsvReader csv(sc, diag);
    auto table = [&](const std::string& key, const CsvSchema& schema) -> std::optional<CsvTable> {
        auto it = files.find(key);
        if (it == files.end()) return std::nullopt;
        fs::path path = dir / it->second.first;
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            diag.add(Location{manifest, it->second.second, {}}, "",
                     key + " = '" + it->second.first + "' names a file that does not exist (expected at " +
                         path.string() + ")");
            return std::nullopt;
        }
        return CsvTable::read(path, display(it->second.first), schema, diag);
    };
    const std::vector<std::string_view> range_columns{"low", "high", "dist", "group", "note"};

    // put_on_market.csv and stock.csv: functional units per year (placed on the market; in use).
    auto units_series = [&](const std::string& key, std::vector<Series>& out) {
        out.assign(model.products.size(), Series{});
        auto t = table(key, {{"product", "year", "value", "unit", "source"}, range_columns});
        if (!t) return;
        SeriesBuilder<std::size_t> b;
        for (const auto& r : t->rows()) {
            auto product = read_text(*t, r, "product", diag);
            auto source = read_source(*t, r, diag);
            auto y = csv.year(*t, r);
            const UnitDef* u = read_unit(*t, r, "unit", diag);
            std::optional<std::size_t> pi;
            if (product) {
                pi = model.find_product(*product);
                if (!pi) diag.add(t->at(r, "product"), *product, "is not a product of products/products.csv");
            }
            std::optional<double> factor;
            if (pi && u) {
                const UnitDef& fu = *model.products[*pi].unit;
                if (u->dim != fu.dim || u->denominator()) {
                    diag.add(t->at(r, "unit"), std::string(u->symbol),
                             fmt::format("does not fit product '{}' (counted in {}: use {})", *product, fu.symbol,
                                         unit_list(fu.dim)));
                } else {
                    factor = u->to_base / fu.to_base;
                }
            }
            auto v = csv.param(*t, r, factor, Bound::NonNegative, y ? source : std::nullopt);
            if (!v) continue;
            b.add(*pi, *y, *v, r.line);
        }
        for (auto& [pi, s] : b.build(t->file(), sc.params, diag, "this product")) out[pi] = std::move(s);
    };
    units_series("put_on_market", sc.put_on_market);
    units_series("stock", sc.stock);
    // A product is driven by its inflow or by its stock, not both.
    for (std::size_t p = 0; p < model.products.size(); ++p) {
        if (sc.put_on_market[p].empty() || sc.stock[p].empty()) continue;
        diag.add(Location{display(files["stock"].first), sc.stock[p].points.front().line, "product"}, model.products[p].id,
                 fmt::format("has both a stock and a put-on-market series ({} line {}): give one of them",
                             display(files["put_on_market"].first), sc.put_on_market[p].points.front().line));
    }

    // collection.csv: a fraction per product, `*` for the rest.
    sc.collection.assign(model.products.size(), Series{});
    if (auto t = table("collection", {{"product", "year", "value", "source"}, range_columns})) {
        SeriesBuilder<std::size_t> b;  // npos = the `*` default
        for (const auto& r : t->rows()) {
            auto product = read_text(*t, r, "product", diag);
            auto source = read_source(*t, r, diag);
            auto y = csv.year(*t, r);
            // A rate outside 0..1 (the value or an end of its range) says what a rate is.
            const bool in_range = share_in_range(*t, r, "collection rate", "end-of-life units", diag);
            std::optional<std::size_t> key = npos;
            if (product && *product != "*") {
                key = model.find_product(*product);
                if (!key)
                    diag.add(t->at(r, "product"), *product,
                             "is not a product of products/products.csv (or '*' for every other product)");
            }
            if (!in_range) continue;
            auto v = csv.param(*t, r, 1.0, Bound::Fraction, y && product && key ? source : std::nullopt);
            if (!v) continue;
            b.add(*key, *y, *v, r.line);
        }
        // The `*` series is one series (the same parameters) for every product without rows.
        auto built = b.build(t->file(), sc.params, diag, "this product");
        auto def = built.find(npos);
        for (std::size_t p = 0; p < model.products.size(); ++p) {
            auto it = built.find(p);
            if (it != built.end()) sc.collection[p] = it->second;
            else if (def != built.end()) sc.collection[p] = def->second;
            else if (sc.in_use(p))
                diag.add(Location{t->file(), 0, "product"}, model.products[p].id,
                         "is put on the market but has no collection rate (add its rows, or a '*' default)");
        }
    }

    // exports.csv: the share of a product's end-of-life units leaving the country before collection.
    sc.exports.assign(model.products.size(), Series{});
    if (auto t = table("exports", {{"product", "year", "value", "source"}, range_columns})) {
        SeriesBuilder<std::size_t> b;
        for (const auto& r : t->rows()) {
            auto product = read_text(*t, r, "product", diag);
            auto source = read_source(*t, r, diag);
            auto y = csv.year(*t, r);
            const bool in_range = share_in_range(*t, r, "export share", "end-of-life units", diag);
            std::optional<std::size_t> pi;
            if (product) {
                pi = model.find_product(*product);
                if (!pi) diag.add(t->at(r, "product"), *product, "is not a product of products/products.csv");
            }
            if (!in_range) continue;
            auto v = csv.param(*t, r, 1.0, Bound::Fraction, y && pi ? source : std::nullopt);
            if (!v) continue;
            b.add(*pi, *y, *v, r.line);
        }
        for (auto& [pi, s] : b.build(t->file(), sc.params, diag, "this product")) sc.exports[pi] = std::move(s);
    }

    // second_life.csv: the share of one class of a product's end-of-life mass that goes to a
    // second use, by year of first end of life, and the lifetime of that use (one per product
    // and class, read by the rule of products/lifetimes.csv).
    if (auto t = table("second_life", {{"product", "class", "year", "value", "model", "source"},
                                       {"low", "high", "dist", "group", "note", "mean", "mean_low", "mean_high", "sd",
                                        "sd_low", "sd_high", "shape", "shape_low", "shape_high", "scale", "scale_low",
                                        "scale_high"}})) {
        using Key = std::pair<std::size_t, std::size_t>;  // product, class
        SeriesBuilder<Key> b;
        std::map<Key, std::pair<Lifetime, std::size_t>> lifetime_of;  // and the row that gave it
        std::map<Key, std::vector<std::string>> lifetime_cells;
        const std::vector<std::string> lifetime_columns{"model", "mean", "mean_low", "mean_high", "sd", "sd_low",
                                                        "sd_high", "shape", "shape_low", "shape_high", "scale",
                                                        "scale_low", "scale_high"};
        for (const auto& r : t->rows()) {
            auto product = read_text(*t, r, "product", diag);
            auto cls = read_text(*t, r, "class", diag);
            auto model_name = read_text(*t, r, "model", diag);
            auto source = read_source(*t, r, diag);
            auto y = csv.year(*t, r);
            bool ok = product && cls && model_name && source && y;
            const bool in_range = share_in_range(*t, r, "second-life share", "the class's end-of-life mass", diag);
            std::optional<std::size_t> pi, ci;
            if (product) {
                pi = model.find_product(*product);
                if (!pi) diag.add(t->at(r, "product"), *product, "is not a product of products/products.csv");
            }
            if (cls) {
                ci = model.find_class(*cls);
                if (!ci) diag.add(t->at(r, "class"), *cls, "is not a treatment class of the data (products/bom.csv)");
            }
            ok = ok && pi && ci && in_range;
            const ParamColumns share_columns{"value", "low", "high", true};
            ParamTable scratch;
            ParamTable& into = ok ? sc.params : scratch;
            std::optional<ParamId> v;
            if (in_range) v = read_param(*t, r, 1.0, Bound::Fraction, source.value_or(""), into, diag, share_columns);
            std::optional<Lifetime> lt;
            if (model_name)
                lt = read_lifetime_row(*t, r, *model_name, source.value_or(""), into, diag, has_range(*t, r, share_columns));
            if (!ok || !v || !lt) continue;
            const Key key{*pi, *ci};
            std::vector<std::string> cells;
            for (const auto& c : lifetime_columns) cells.push_back(t->cell(r, c));
            auto seen = lifetime_cells.find(key);
            if (seen != lifetime_cells.end() && seen->second != cells) {
                diag.add(t->at(r, "model"), *model_name,
                         fmt::format("gives another second-use lifetime than line {} for this product and class (one "
                                     "lifetime per product and class: repeat the same cells)",
                                     lifetime_of[key].second));
                continue;
            }
            if (seen == lifetime_cells.end()) {
                lt->product = *pi;
                lifetime_cells[key] = cells;
                lifetime_of[key] = {*lt, r.line};
            }
            b.add(key, *y, *v, r.line);
        }
        for (auto& [key, s] : b.build(t->file(), sc.params, diag, "this product and class")) {
            SecondLife sl;
            sl.product = key.first;
            sl.treatment_class = key.second;
            sl.share = std::move(s);
            sl.lifetime = lifetime_of[key].first;
            sc.second_life.push_back(std::move(sl));
        }
    }

    // demand.csv: kg of element per year.
    sc.demand_kg.assign(model.elements.size(), Series{});
    if (auto t = table("demand", {{"element", "year", "value", "unit", "source"}, range_columns})) {
        SeriesBuilder<std::size_t> b;
        for (const auto& r : t->rows()) {
            auto element = read_text(*t, r, "element", diag);
            auto source = read_source(*t, r, diag);
            auto y = csv.year(*t, r);
            auto f = csv.mass_unit(*t, r);
            std::optional<std::size_t> e;
            if (element) {
                e = model.elements.find(*element);
                if (!e) diag.add(t->at(r, "element"), *element, "is not an element of materials/elements.csv");
            }
            auto v = csv.param(*t, r, e ? f : std::nullopt, Bound::NonNegative, y ? source : std::nullopt);
            if (!v) continue;
            b.add(*e, *y, *v, r.line);
        }
        for (auto& [e, s] : b.build(t->file(), sc.params, diag, "this element")) sc.demand_kg[e] = std::move(s);
    }

    // scrap.csv: kg of an element or a material sent to a route per year.
    if (auto t = table("scrap", {{"item", "route", "year", "value", "unit", "source"}, range_columns})) {
        using Key = std::tuple<int, std::size_t, std::size_t>;  // kind, item, route
        SeriesBuilder<Key> b;
        for (const auto& r : t->rows()) {
            auto item = read_text(*t, r, "item", diag);
            auto route = read_text(*t, r, "route", diag);
            auto source = read_source(*t, r, diag);
            auto y = csv.year(*t, r);
            auto f = csv.mass_unit(*t, r);
            std::optional<Key> key;
            if (item && route) {
                auto ri = model.find_route(*route);
                if (!ri) diag.add(t->at(r, "route"), *route, "is not a route of routes/routes.csv");
                if (auto e = model.elements.find(*item)) {
                    key = Key{0, *e, ri.value_or(npos)};
                    // An element has no treatment class: only a route that takes any class takes it.
                    if (ri && !model.routes[*ri].accepts.empty()) {
                        diag.add(t->at(r, "item"), *item,
                                 "is an element, which has no treatment class, and route '" + model.routes[*ri].id +
                                     "' accepts only " + model.routes[*ri].accepts_text() + " (" +
                                     model.routes[*ri].row_text() + "): give the scrap as a material with a class");
                        key.reset();
                    }
                }
                else if (auto m = model.find_material(*item)) {
                    key = Key{1, *m, ri.value_or(npos)};
                    if (ri && !model.routes[*ri].accepts_material(model.materials[*m])) {
                        diag.add(t->at(r, "route"), *route,
                                 refused_feed(model, *ri, model.materials[*m]) + " (" + model.routes[*ri].row_text() + ")");
                        key.reset();
                    }
                }
                else diag.add(t->at(r, "item"), *item, "is neither an element symbol nor a material id");
                if (!ri) key.reset();
            }
            auto v = csv.param(*t, r, key ? f : std::nullopt, Bound::NonNegative, y ? source : std::nullopt);
            if (!v) continue;
            b.add(*key, *y, *v, r.line);
        }
        for (auto& [key, s] : b.build(t->file(), sc.params, diag, "this item and route")) {
            ScrapFlow flow;
            flow.kind = std::get<0>(key) == 0 ? ScrapFlow::Kind::Element : ScrapFlow::Kind::Material;
            flow.item = std::get<1>(key);
            flow.route = std::get<2>(key);
            flow.mass_kg = std::move(s);
            sc.scrap.push_back(std::move(flow));
        }
    }

    // lifetimes.csv: overrides of products/lifetimes.csv, parameters of the scenario.
    if (auto t = table("lifetimes", kLifetimeSchema)) read_lifetimes(*t, model, sc.params, sc.lifetimes, diag);

    // Every product on the market needs a lifetime for the stock model.
    for (const char* key : {"put_on_market", "stock"}) {
        if (!files.count(key)) continue;
        const std::vector<Series>& series = std::string(key) == "stock" ? sc.stock : sc.put_on_market;
        for (std::size_t p = 0; p < model.products.size(); ++p) {
            if (series[p].empty() || sc.lifetime_of(model, p)) continue;
            diag.add(Location{display(files[key].first), series[p].points.front().line, "product"},
                     model.products[p].id, "has no lifetime (add it to products/lifetimes.csv or the scenario's lifetimes.csv)");
        }
    }

    reader.read_targets(root);
    return sc;
}

Scenario load_scenario(const fs::path& dir, const Model& model)
{
    Diagnostics diag;
    Scenario sc = load_scenario(dir, model, diag);
    diag.throw_if_any();
    return sc;
}

}  // namespace reclaim
