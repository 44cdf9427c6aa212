#include "report/value_report.hpp"

#include <set>

#include "report/json_text.hpp"
#include "report/show_report.hpp"
#include "report/table.hpp"

namespace reclaim {

using nlohmann::json;
using Align = TextTable::Align;

namespace {

std::string origin_text(const Model& model, ParamId id)
{
    const Origin& o = model.params.origin(id);
    return o.file + ":" + std::to_string(o.line);
}

std::string kind_label(const PriceSwing& s)
{
    if (s.kind == "cost") return "cost of " + s.label + " [USD/t feed]";
    if (s.kind == "payable") return "payable of " + s.label;
    return "price of " + s.label + " [USD/kg]";
}

// A range in the unit the user reads: costs per tonne of feed, prices per kg of form.
double shown(const PriceSwing& s, double v) { return s.kind == "cost" ? v * 1000.0 : v; }

}  // namespace

json form_value_json(const Model& model, const FormValue& f)
{
    json j = {{"form", f.form},
              {"kg", f.kg},
              {"resolved", f.resolved},
              {"other_kg", f.other_kg},
              {"elements_kg", element_map(model, f.element_kg)},
              {"priced", f.priced()}};
    if (f.priced()) {
        j["price_usd_per_kg"] = f.price_usd_per_kg;
        j["payable"] = f.payable;
        j["value_usd"] = f.value_usd;
        j["price_commodity"] = f.price->commodity;
        j["price_date"] = f.price->date;
        j["price_source"] = f.price->source;
        j["price_origin"] = origin_text(model, f.price->usd_per_kg);
        if (f.price->payable.valid()) j["payable_source"] = f.price->payable_source;
    } else {
        j["price_usd_per_kg"] = nullptr;
        j["payable"] = nullptr;
        j["value_usd"] = nullptr;
        j["price_date"] = nullptr;
    }
    return j;
}

std::vector<std::string> price_dates(const FormsValue& value)
{
    std::set<std::string> dates;
    for (const auto& f : value.forms)
        if (f.priced() && f.kg > 0) dates.insert(f.price->date);
    return {dates.begin(), dates.end()};
}

std::string price_dates_note(const Model& model, const std::vector<std::string>& dates)
{
    std::set<std::string> files;
    for (const auto& p : model.prices) files.insert(p.file);
    std::string from;
    for (const auto& f : files) from += (from.empty() ? "" : ", ") + f;
    if (dates.empty()) return "no priced form" + (from.empty() ? std::string() : " (prices: " + from + ")");
    std::string when = dates.size() == 1 ? dates.front() : dates.front() + " to " + dates.back();
    return "prices dated " + when + " (" + from + ")";
}

json forms_value_json(const Model& model, const FormsValue& value)
{
    json forms = json::array();
    for (const auto& f : value.forms) forms.push_back(form_value_json(model, f));
    return {{"forms", forms}, {"gross_usd", value.gross_usd}, {"unpriced_forms", value.unpriced},
            {"price_dates", price_dates(value)}};
}

namespace {

json left_out_json(const Model& model, const std::vector<RefusedRoute>& left_out)
{
    json out = json::array();
    for (const auto& r : left_out) out.push_back({{"route", model.routes[r.route].id}, {"reason", r.reason}});
    return out;
}

}  // namespace

json value_json(const Model& model, const Feedstock& feed, const std::vector<RouteValue>& routes,
                const std::vector<std::vector<PriceSwing>>& swings, const std::vector<RefusedRoute>& left_out)
{
    json jr = json::array();
    std::set<std::string> all_dates;
    int rank = 0;
    for (const auto& rv : routes) {
        const Route& route = model.routes[rv.route];
        json r = forms_value_json(model, rv.value);
        for (const auto& d : price_dates(rv.value)) all_dates.insert(d);
        r["rank"] = ++rank;
        r["route"] = route.id;
        r["name"] = route.name;
        if (rv.cost) {
            r["cost_usd"] = rv.cost_usd;
            r["cost_usd_per_t"] = feed.mass_kg > 0 ? rv.cost_usd / feed.mass_kg * 1000.0 : 0.0;
            r["cost_date"] = rv.cost->date;
            r["cost_source"] = rv.cost->source;
            r["cost_origin"] = origin_text(model, rv.cost->usd_per_kg);
        } else {
            r["cost_usd"] = nullptr;
            r["cost_usd_per_t"] = nullptr;
        }
        r["net_usd"] = rv.net_usd;
        r["net_usd_per_t"] = rv.net_usd_per_t;
        jr.push_back(r);
    }
    json js = json::array();
    for (std::size_t i = 0; i < swings.size() && i < routes.size(); ++i) {
        json params = json::array();
        for (const auto& s : swings[i]) {
            params.push_back({{"kind", s.kind},
                              {"label", s.label},
                              {"origin", origin_text(model, s.param)},
                              {"low", s.low},
                              {"high", s.high},
                              {"net_usd_per_t_at_low", s.net_usd_per_t_at_low},
                              {"net_usd_per_t_at_high", s.net_usd_per_t_at_high},
                              {"swing_usd_per_t", s.swing_usd_per_t()}});
        }
        js.push_back({{"route", model.routes[routes[i].route].id},
                      {"net_usd_per_t", routes[i].net_usd_per_t},
                      {"params", params}});
    }
    json j = {{"feedstock", feed.id},
              {"kind", feed.product ? "product" : "material"},
              {"mass_kg", feed.mass_kg},
              {"feed_kg", element_map(model, feed.element_kg)},
              {"price_dates", std::vector<std::string>(all_dates.begin(), all_dates.end())},
              {"classes", feed.classes},
              {"overlays", model.overlays},
              {"routes", jr},
              {"left_out", left_out_json(model, left_out)},
              {"sensitivity", js}};
    if (feed.product) j["units"] = feed.units;
    return j;
}

void write_value(std::ostream& out, Format format, const Model& model, const Feedstock& feed,
                 const std::vector<RouteValue>& routes, const std::vector<std::vector<PriceSwing>>& swings,
                 const std::vector<RefusedRoute>& left_out)
{
    if (format == Format::Json) {
        out << json_text(value_json(model, feed, routes, swings, left_out), "the value JSON");
        return;
    }
    if (format == Format::Csv) {
        // Tidy: one row per route and form, the route's totals repeated on each of its rows.
        TextTable t({"rank", "route", "form", "kg", "price_usd_per_kg", "payable", "value_usd", "price_date",
                     "price_origin", "gross_usd", "cost_usd", "net_usd", "net_usd_per_t"});
        int rank = 0;
        for (const auto& rv : routes) {
            ++rank;
            for (const auto& f : rv.value.forms) {
                t.add_row({std::to_string(rank), model.routes[rv.route].id, f.form, sig(f.kg, 6),
                           f.priced() ? sig(f.price_usd_per_kg, 6) : "", f.priced() ? sig(f.payable, 6) : "",
                           f.priced() ? sig(f.value_usd, 6) : "", f.priced() ? f.price->date : "",
                           f.priced() ? origin_text(model, f.price->usd_per_kg) : "", sig(rv.value.gross_usd, 6),
                           rv.cost ? sig(rv.cost_usd, 6) : "", sig(rv.net_usd, 6), sig(rv.net_usd_per_t, 6)});
            }
        }
        t.print_csv(out);
        return;
    }
    bool md = format == Format::Md;
    std::set<std::string> dates;
    for (const auto& rv : routes)
        for (const auto& d : price_dates(rv.value)) dates.insert(d);
    std::string mass = sig(feed.mass_kg) + " kg";
    if (feed.product) mass += " (" + sig(feed.units) + " " + std::string(model.products[model.find_product(feed.id).value()].unit->symbol) + ")";
    out << (md ? "## " : "") << "Value of " << feed.id << ", " << mass << " of feed, routes ranked by net value."
        << overlays_text(model.overlays) << "\n"
        << price_dates_note(model, {dates.begin(), dates.end()}) << "\n\n";

    TextTable summary({"rank", "route", "gross_usd", "cost_usd", "net_usd", "net_usd_per_t", "unpriced forms"},
                      {Align::Right, Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right});
    int rank = 0;
    for (const auto& rv : routes) {
        summary.add_row({std::to_string(++rank), model.routes[rv.route].id, sig(rv.value.gross_usd),
                         rv.cost ? sig(rv.cost_usd) : "no cost data", sig(rv.net_usd), sig(rv.net_usd_per_t),
                         std::to_string(rv.value.unpriced)});
    }
    summary.print(out, format);
    if (!left_out.empty()) {
        out << '\n' << (md ? "### " : "") << "Not ranked: these routes do not take the feed\n";
        if (md) out << '\n';
        for (const auto& r : left_out) out << (md ? "- " : "  ") << model.routes[r.route].id << ": " << r.reason << '\n';
    }

    for (const auto& rv : routes) {
        const Route& route = model.routes[rv.route];
        out << '\n' << (md ? "### " : "") << route.id << " — " << route.name << "\n";
        if (md) out << '\n';
        TextTable t({"form", "kg", "price_usd_per_kg", "payable", "value_usd", "price date", "price row"},
                    {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Left, Align::Left});
        for (const auto& f : rv.value.forms) {
            std::string kg = sig(f.kg) + (f.resolved ? "" : " (element kg)");
            if (f.priced()) {
                t.add_row({f.form, kg, sig(f.price_usd_per_kg), sig(f.payable), sig(f.value_usd), f.price->date,
                           origin_text(model, f.price->usd_per_kg)});
            } else {
                t.add_row({f.form, kg, "unpriced", "", "unpriced", "", ""});
            }
        }
        t.print(out, format);
        if (rv.cost) {
            out << (md ? "\n" : "") << "processing cost " << sig(model.params[rv.cost->usd_per_kg].value * 1000.0)
                << " USD/t of feed (" << rv.cost->date << ", " << origin_text(model, rv.cost->usd_per_kg) << ": "
                << rv.cost->source << ")\n";
        } else {
            out << (md ? "\n" : "") << "no processing cost for this route in routes/costs.csv: net = gross\n";
        }
    }

    // The best route's tornado; the JSON carries every route's.
    for (std::size_t i = 0; i < swings.size() && i < routes.size() && i < 1; ++i) {
        out << '\n' << (md ? "### " : "") << "What moves the net value of " << model.routes[routes[i].route].id
            << " (USD per t of feed; each at its low and high, others nominal)\n";
        if (md) out << '\n';
        if (swings[i].empty()) {
            out << "no price or cost in this valuation has a low/high range\n";
            continue;
        }
        TextTable t({"parameter", "low", "high", "net at low", "net at high", "swing", "row"},
                    {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Left});
        for (const auto& s : swings[i]) {
            t.add_row({kind_label(s), sig(shown(s, s.low)), sig(shown(s, s.high)), sig(s.net_usd_per_t_at_low),
                       sig(s.net_usd_per_t_at_high), sig(s.swing_usd_per_t()), origin_text(model, s.param)});
        }
        t.print(out, format);
    }
}

}  // namespace reclaim
