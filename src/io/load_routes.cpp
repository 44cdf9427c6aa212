// routes/routes.csv, transfers.csv and plans.csv.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "io/csv.hpp"
#include "io/load.hpp"
#include "io/money_units.hpp"

namespace reclaim {

namespace {

std::size_t intern_sink(Route& route, const Sink& sink)
{
    for (std::size_t i = 0; i < route.sinks.size(); ++i)
        if (route.sinks[i] == sink) return i;
    route.sinks.push_back(sink);
    return route.sinks.size() - 1;
}

// What is wrong with the form of a recovered:<form> sink, if anything. The valuer looks the
// form up by its exact name (a material id, else a formula, else an unpriced name counted as
// the mass routed into it), so a space makes another form than the one meant
// ("recovered: li2co3" would go unpriced).
std::optional<std::string> bad_form(const std::string& form)
{
    if (std::any_of(form.begin(), form.end(), [](unsigned char c) { return std::isspace(c); }))
        return std::string("is not a form name: it holds a space (expected a material id, a formula or a name "
                           "like NdFeB-alloy, with no spaces)");
    return std::nullopt;
}

std::size_t intern_process(Route& route, const std::string& name, const Location& row)
{
    if (auto i = route.find_process(name)) return *i;
    Process p;
    p.name = name;
    p.line = row.line;
    p.file = row.file;
    route.processes.push_back(std::move(p));
    return route.processes.size() - 1;
}

// "magnet" / "battery;black_mass" -> the classes; "*" -> empty (any class); nullopt if malformed
// (an empty cell or item, `*` beside a class, a class twice).
std::optional<std::vector<std::string>> parse_accepts(const std::string& cell)
{
    if (cell == "*") return std::vector<std::string>{};
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = cell.find(';', start);
        std::string item = cell.substr(start, end == std::string::npos ? std::string::npos : end - start);
        const auto first = item.find_first_not_of(' ');
        const auto last = item.find_last_not_of(' ');
        item = first == std::string::npos ? "" : item.substr(first, last - first + 1);
        if (item.empty() || item == "*" || std::find(out.begin(), out.end(), item) != out.end()) return std::nullopt;
        out.push_back(std::move(item));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

std::optional<Sink> parse_sink(std::string_view text)
{
    if (text.rfind("recovered:", 0) == 0) return Sink{Sink::Kind::Recovered, std::string(text.substr(10))};
    if (text.rfind("loss:", 0) == 0) return Sink{Sink::Kind::Loss, std::string(text.substr(5))};
    return std::nullopt;
}

void load_routes(const DataSource& src, Model& model, Diagnostics& diag)
{
    auto t = src.table("routes/routes.csv", {{"id", "name", "entry", "trl", "source"}, {"accepts", "note"}}, diag);
    std::vector<std::string> entries;
    for (const auto& r : t.rows()) {
        auto id = read_text(t, r, "id", diag);
        auto name = read_text(t, r, "name", diag);
        auto entry = read_text(t, r, "entry", diag);
        auto trl = read_number(t, r, "trl", diag);
        auto source = read_source(t, r, diag);
        if (!id || !name || !entry || !trl || !source) continue;
        if (*trl < 1 || *trl > 9 || std::floor(*trl) != *trl) {
            diag.add(t.at(r, "trl"), t.cell(r, "trl"), "is not a technology readiness level (a whole number 1-9)");
            continue;
        }
        if (!model.route_index.add(*id, model.routes.size())) {
            diag.add(t.at(r, "id"), *id, "is a duplicate route id");
            continue;
        }
        Route route;
        // Without the column (data written before it existed) every route takes any class.
        if (t.has(r, "accepts")) {  // a row from a file without the column takes any class
            auto accepts = parse_accepts(t.cell(r, "accepts"));
            if (accepts) route.accepts = std::move(*accepts);
            else diag.add(t.at(r, "accepts"), t.cell(r, "accepts"),
                          "is not a list of treatment classes (e.g. magnet or battery;black_mass), nor * for any class");
        }
        route.id = *id;
        route.name = *name;
        route.trl = static_cast<int>(*trl);
        route.source = *source;
        route.line = r.line;
        route.file = t.at(r).file;
        model.routes.push_back(std::move(route));
        entries.push_back(*entry);
    }

    auto x = src.table("routes/transfers.csv",
                       {{"route", "process", "element", "to", "value", "source"},
                        {"low", "high", "dist", "group", "note"}},
                       diag);
    // Processes are known only after every row is read; destinations are resolved afterwards.
    std::vector<std::pair<std::size_t, const CsvRow*>> rows_of_route;
    for (const auto& r : x.rows()) {
        auto route_id = read_text(x, r, "route", diag);
        auto process = read_text(x, r, "process", diag);
        if (!route_id || !process) continue;
        auto ri = model.find_route(*route_id);
        if (!ri) {
            diag.add(x.at(r, "route"), *route_id, "is not a route of routes/routes.csv");
            continue;
        }
        if (parse_sink(*process)) {
            diag.add(x.at(r, "process"), *process, "is a sink name; a process name must not start with recovered: or loss:");
            continue;
        }
        intern_process(model.routes[*ri], *process, x.at(r));
        rows_of_route.emplace_back(*ri, &r);
    }

    // Sum of shares per (route, process, element key), with the first line for messages.
    std::map<std::tuple<std::size_t, std::size_t, std::string>, std::pair<double, Location>> sums;
    for (auto [ri, rp] : rows_of_route) {
        const CsvRow& r = *rp;
        Route& route = model.routes[ri];
        std::size_t pi = *route.find_process(x.cell(r, "process"));
        auto element = read_text(x, r, "element", diag);
        auto to = read_text(x, r, "to", diag);
        auto source = read_source(x, r, diag);
        if (!element || !to || !source) continue;
        std::optional<std::size_t> ei;
        if (*element != "*") {
            ei = model.elements.find(*element);
            if (!ei) {
                diag.add(x.at(r, "element"), *element, "is not an element symbol of materials/elements.csv, nor '*'");
                continue;
            }
        }
        Destination dest;
        if (auto sink = parse_sink(*to)) {
            if (sink->name.empty()) {
                diag.add(x.at(r, "to"), *to, "names no form or reason after the ':'");
                continue;
            }
            if (sink->kind == Sink::Kind::Recovered) {
                if (auto why = bad_form(sink->name)) {
                    diag.add(x.at(r, "to"), *to, *why);
                    continue;
                }
            }
            dest = {Destination::Kind::Sink, intern_sink(route, *sink)};
        } else if (auto target = route.find_process(*to)) {
            if (*target == pi) {
                diag.add(x.at(r, "to"), *to, "sends a process to itself; use a recycle to another process");
                continue;
            }
            dest = {Destination::Kind::Process, *target};
        } else {
            diag.add(x.at(r, "to"), *to,
                     "is not a process of route '" + route.id +
                         "' nor a sink (a sink starts with recovered: or loss:)");
            continue;
        }
        auto share = read_param(x, r, 1.0, Bound::Fraction, *source, model.params, diag);
        if (!share) continue;
        Process& p = route.processes[pi];
        auto& list = ei ? p.by_element[*ei] : p.fallback;
        for (const auto& existing : list) {
            if (existing.to.kind == dest.kind && existing.to.index == dest.index) {
                diag.add(x.at(r, "to"), *to, "is listed twice for this process and element");
                goto next_row;
            }
        }
        list.push_back(Transfer{dest, *share, r.line});
        {
            auto& s = sums[{ri, pi, *element}];
            if (s.second.line == 0) s.second = x.at(r, "value");
            s.first += model.params[*share].value;
        }
    next_row:;
    }
    for (const auto& [key, s] : sums) {
        const auto& [ri, pi, element] = key;
        if (std::abs(s.first - 1.0) > 1e-6) {
            diag.add(s.second, model.routes[ri].id + "/" + model.routes[ri].processes[pi].name + "/" + element,
                     fmt::format("transfer coefficients sum to {:.9g}, expected 1 within 1e-6", s.first));
        }
    }

    for (std::size_t ri = 0; ri < model.routes.size(); ++ri) {
        Route& route = model.routes[ri];
        Location loc{route.file, route.line, "entry"};
        auto entry = route.find_process(entries[ri]);
        if (!entry) {
            diag.add(loc, entries[ri], "is not a process of route '" + route.id + "' in routes/transfers.csv");
            continue;
        }
        route.entry = *entry;
        for (const auto& p : route.processes) {
            if (p.fallback.empty()) {
                diag.add(Location{p.file, p.line, "element"}, route.id + "/" + p.name,
                         "has no '*' rows: elements without their own rows would have nowhere to go");
            }
        }
    }
}

namespace {

// "processing, reagents, ... or other": the documented item set, for messages.
std::string cost_item_list()
{
    std::string out;
    for (std::size_t i = 0; i < kCostItems.size(); ++i)
        out += (i == 0 ? "" : i + 1 == kCostItems.size() ? " or " : ", ") + std::string(kCostItems[i]);
    return out;
}

}  // namespace

void load_route_costs(const DataSource& src, Model& model, Diagnostics& diag)
{
    // Optional: a data folder without costs values routes at gross value only.
    if (!src.has("routes/costs.csv")) return;
    auto t = src.table("routes/costs.csv",
                       {{"route", "item", "value", "unit", "date", "source"}, {"low", "high", "dist", "group", "note"}},
                       diag);
    for (const auto& r : t.rows()) {
        auto route = read_text(t, r, "route", diag);
        auto item = read_text(t, r, "item", diag);
        auto unit = read_text(t, r, "unit", diag);
        auto date = read_text(t, r, "date", diag);
        auto source = read_source(t, r, diag);
        if (!route || !item || !unit || !date || !source) continue;
        auto ri = model.find_route(*route);
        if (!ri) {
            diag.add(t.at(r, "route"), *route, "is not a route of routes/routes.csv");
            continue;
        }
        if (std::find(kCostItems.begin(), kCostItems.end(), *item) == kCostItems.end()) {
            diag.add(t.at(r, "item"), *item, "is not a cost item (expected " + cost_item_list() + ")");
            continue;
        }
        if (!is_date(*date)) {
            diag.add(t.at(r, "date"), *date, "is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)");
            continue;
        }
        // Costs are stored per kg of feed, the engine's base unit; the unit table is the prices' one.
        const auto factor = usd_per_kg_factor(*unit);
        if (!factor) {
            diag.add(t.at(r, "unit"), *unit, "is not a cost unit (expected " + std::string(kMoneyPerMassUnits) + " of feed)");
            continue;
        }
        auto same = std::find_if(model.route_costs.begin(), model.route_costs.end(),
                                 [&](const RouteCost& c) { return c.route == *ri && c.item == *item; });
        if (same != model.route_costs.end()) {
            diag.add(t.at(r, "item"), *item,
                     fmt::format("is a cost of route '{}' already, at line {} (one row per route and item)", *route,
                                 same->line));
            continue;
        }
        auto p = read_param(t, r, *factor, Bound::NonNegative, *source, model.params, diag);
        if (!p) continue;
        model.route_costs.push_back(RouteCost{*ri, *item, *p, *date, *source, r.line});
    }
}

void load_plans(const DataSource& src, Model& model, Diagnostics& diag)
{
    auto t = src.table("routes/plans.csv",
                       {{"plan", "class", "route", "value", "source"}, {"product", "low", "high", "dist", "group", "note"}},
                       diag);
    // Sum of shares per (plan, product, class), npos = the class-wide rows, with the first line.
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::pair<double, Location>> sums;
    for (const auto& r : t.rows()) {
        auto plan = read_text(t, r, "plan", diag);
        auto cls = read_text(t, r, "class", diag);
        auto route = read_text(t, r, "route", diag);
        auto source = read_source(t, r, diag);
        if (!plan || !cls || !route || !source) continue;
        auto ri = model.find_route(*route);
        if (!ri) {
            diag.add(t.at(r, "route"), *route, "is not a route of routes/routes.csv");
            continue;
        }
        if (!model.routes[*ri].accepts_class(*cls)) {
            diag.add(t.at(r, "route"), *route,
                     refused_class(model, *ri, *cls) + " (" + model.routes[*ri].row_text() + ")");
            continue;
        }
        // A row with a product applies to that product's class only (the engine lets it override
        // the class-wide rows).
        std::size_t product = npos;
        const std::string& product_id = t.cell(r, "product");
        if (!product_id.empty()) {
            auto pi = model.find_product(product_id);
            if (!pi) {
                diag.add(t.at(r, "product"), product_id,
                         "is not a product of products/products.csv (or leave it empty for every product's class)");
                continue;
            }
            product = *pi;
        }
        auto share = read_param(t, r, 1.0, Bound::Fraction, *source, model.params, diag);
        if (!share) continue;
        auto pi = model.find_plan(*plan);
        if (!pi) {
            model.plan_index.add(*plan, model.plans.size());
            model.plans.push_back(Plan{*plan, {}});
            pi = model.plans.size() - 1;
        }
        std::size_t ci = model.intern_class(*cls);
        Plan& p = model.plans[*pi];
        bool duplicate = false;
        for (const auto& s : p.shares)
            duplicate = duplicate || (s.product == product && s.treatment_class == ci && s.route == *ri);
        if (duplicate) {
            std::string of_product = product == npos ? "" : " of product '" + product_id + "'";
            diag.add(t.at(r, "route"), *route,
                     "is listed twice for class '" + *cls + "'" + of_product + " in plan '" + *plan + "'");
            continue;
        }
        p.shares.push_back(PlanShare{product, ci, *ri, *share, r.line});
        auto& s = sums[{*pi, product, ci}];
        if (s.second.line == 0) s.second = t.at(r, "value");
        s.first += model.params[*share].value;
    }
    for (const auto& [key, s] : sums) {
        const auto& [plan, product, cls] = key;
        if (s.first > 1.0 + 1e-9) {
            std::string what = model.plans[plan].id + "/" +
                               (product == npos ? "" : model.products[product].id + "/") + model.classes[cls];
            diag.add(s.second, what,
                     fmt::format("shares of the class sum to {:.9g}, at most 1 is allowed (the rest is untreated)", s.first));
        }
    }
}

}  // namespace reclaim
