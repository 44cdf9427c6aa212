#include "report/assess_report.hpp"

#include <algorithm>
#include <cctype>

#include "report/json_text.hpp"
#include "report/table.hpp"

namespace reclaim {

using nlohmann::json;
using Align = TextTable::Align;

namespace {

using Ix = Eigen::Index;

Ix ix(std::size_t i) { return static_cast<Eigen::Index>(i); }

// Elements contained in the assessed product, in element table order.
std::vector<std::size_t> contained(const Assessment& a)
{
    std::vector<std::size_t> out;
    for (Ix e = 0; e < a.contained_kg.size(); ++e)
        if (a.contained_kg[e] > 0) out.push_back(static_cast<std::size_t>(e));
    return out;
}

std::string heading(const Model& model, const Assessment& a, bool plan_defaulted)
{
    const Product& p = model.products[a.product];
    const std::string treatment = treatment_text(model, a, plan_defaulted);
    return p.id + " — " + p.name + ": " + sig(a.functional_units) + " " + std::string(p.unit->symbol) + " (" +
           sig(a.product_mass_kg) + " kg), collection " + percent(a.collection) + ", " + treatment +
           overlays_text(model.overlays);
}

json class_names(const Model& model, const std::vector<std::size_t>& classes)
{
    json out = json::array();
    for (auto c : classes) out.push_back(model.classes[c]);
    return out;
}

const char* kind_name(TopLoss::Kind k)
{
    switch (k) {
    case TopLoss::Kind::Uncollected: return "uncollected";
    case TopLoss::Kind::Untreated: return "untreated";
    case TopLoss::Kind::Route: return "route";
    }
    return "?";
}

}  // namespace

std::string top_loss_cause(const Model& model, const Assessment& a, const TopLoss& t)
{
    const std::string& cls = model.classes[t.treatment_class];
    switch (t.kind) {
    case TopLoss::Kind::Uncollected: return cls + " not collected -> uncollected";
    case TopLoss::Kind::Untreated: return cls + " collected but " + untreated_reason(model, a) + " -> loss:untreated";
    case TopLoss::Kind::Route: {
        const Route& r = model.routes[t.route];
        // Route names are phrases or sentences: "Magnets left in ..." reads as "magnets left in ...";
        // an acronym or formula ("NdFeB: ...", "WEEE ...") keeps its capitals.
        std::string name = r.name;
        const std::size_t word = name.find_first_of(" :,");
        bool plain = name.size() > 1 && std::isupper(static_cast<unsigned char>(name[0]));
        for (std::size_t i = 1; plain && i < std::min(word, name.size()); ++i)
            plain = !std::isupper(static_cast<unsigned char>(name[i])) && !std::isdigit(static_cast<unsigned char>(name[i]));
        if (plain) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
        return cls + " — " + name + " (" + r.id + "/" + r.processes[t.process].name + ") -> " + r.sinks[t.sink].label();
    }
    }
    return "";
}

std::string top_loss_sink(const Model& model, const TopLoss& t)
{
    switch (t.kind) {
    case TopLoss::Kind::Uncollected: return "uncollected";
    case TopLoss::Kind::Untreated: return "loss:untreated";
    case TopLoss::Kind::Route: return model.routes[t.route].sinks[t.sink].label();
    }
    return "";
}

std::string top_loss_text(const Model& model, const Assessment& a, const TopLoss& loss)
{
    return percent(loss.share, 2) + " of " + model.elements[loss.element].symbol + ": " + top_loss_cause(model, a, loss);
}

std::string treatment_label(const Model& model, const Assessment& a)
{
    return a.route != npos ? model.routes[a.route].id : model.plans[a.plan].id;
}

std::string treatment_text(const Model& model, const Assessment& a, bool plan_defaulted)
{
    const std::string plan = a.plan == npos ? "" : "plan " + model.plans[a.plan].id + (plan_defaulted ? " (default)" : "");
    if (a.route == npos) return plan;
    const std::string route = "route " + model.routes[a.route].id;
    if (a.route_classes.size() == a.classes.size()) return route + " for every class";
    std::string taken;
    for (auto c : a.route_classes) taken += (taken.empty() ? "" : ", ") + model.classes[c];
    const std::string head = a.route_classes.empty() ? route + " for no class of the product (it accepts " +
                                                           model.routes[a.route].accepts_text() + ")"
                                                     : route + " for " + taken;
    return head + "; the other classes by " + (plan.empty() ? "no plan (untreated)" : plan);
}

std::string untreated_reason(const Model& model, const Assessment& a)
{
    if (a.plan != npos) return "sent to no route by plan " + model.plans[a.plan].id;
    return "not accepted by route " + model.routes[a.route].id + ", and no plan is given";
}

json assess_json(const Model& model, const Assessment& a)
{
    const Product& p = model.products[a.product];
    json elements = json::object();
    for (auto e : contained(a)) {
        const Ix i = ix(e);
        json forms = json::object();
        for (std::size_t f = 0; f < a.forms.size(); ++f)
            if (a.recovered_by_form(i, ix(f)) > 0) forms[a.forms[f]] = a.recovered_by_form(i, ix(f));
        json by_route = json::object();
        for (std::size_t r = 0; r < model.routes.size(); ++r)
            if (a.recovered_by_route(i, ix(r)) > 0) by_route[model.routes[r].id] = a.recovered_by_route(i, ix(r));
        json losses = json::array();
        for (const auto& l : a.losses) {
            if (!(l.kg[i] > 0)) continue;
            const Route& r = model.routes[l.route];
            losses.push_back({{"route", r.id}, {"process", r.processes[l.process].name}, {"sink", r.sinks[l.sink].label()},
                              {"kg", l.kg[i]}});
        }
        elements[model.elements[e].symbol] = {
            {"contained_kg", a.contained_kg[i]},   {"uncollected_kg", a.uncollected_kg[i]},
            {"untreated_kg", a.untreated_kg[i]},   {"recovered_kg", a.recovered_kg[i]},
            {"lost_kg", a.lost_kg[i]},             {"recovered_by_form", forms},
            {"recovered_by_route", by_route},      {"losses", losses},
            {"recovery_rate", a.recovery_rate[i]}};
    }
    json top = json::array();
    for (const auto& t : a.top_losses) {
        top.push_back({{"element", model.elements[t.element].symbol},
                       {"kind", kind_name(t.kind)},
                       {"class", model.classes[t.treatment_class]},
                       {"route", t.route == npos ? json(nullptr) : json(model.routes[t.route].id)},
                       {"process", t.route == npos ? json(nullptr) : json(model.routes[t.route].processes[t.process].name)},
                       {"sink", top_loss_sink(model, t)},
                       {"kg", t.kg},
                       {"share", t.share},
                       {"cause", top_loss_text(model, a, t)}});
    }
    json flows = json::array();
    for (const auto& f : a.flows)
        flows.push_back({{"from", f.from}, {"to", f.to}, {"element", model.elements[f.element].symbol}, {"kg", f.kg}});
    return {{"product", p.id},
            {"units", a.functional_units},
            {"unit", std::string(p.unit->symbol)},
            {"mass_kg", a.product_mass_kg},
            {"collection", a.collection},
            {"plan", a.plan == npos ? json(nullptr) : json(model.plans[a.plan].id)},
            {"route", a.route == npos ? json(nullptr) : json(model.routes[a.route].id)},
            {"route_classes", class_names(model, a.route_classes)},
            {"overlays", model.overlays},
            {"untreated_classes", class_names(model, a.untreated_classes)},
            {"elements", elements},
            {"recyclability_rate", a.recyclability_rate},
            {"balance_residual", a.balance_residual},
            {"top_losses", top},
            {"flows", flows}};
}

void write_assessment(std::ostream& out, Format format, const Model& model, const Assessment& a, bool plan_defaulted)
{
    if (format == Format::Json) {
        out << json_text(assess_json(model, a), "the assess JSON");
        return;
    }
    const bool md = format == Format::Md;
    TextTable t({"element", "contained_kg", "uncollected_kg", "untreated_kg", "recovered_kg", "lost_kg",
                 "recovery_rate"},
                {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right});
    for (auto e : contained(a)) {
        const Ix i = ix(e);
        t.add_row({model.elements[e].symbol, sig(a.contained_kg[i]), sig(a.uncollected_kg[i]), sig(a.untreated_kg[i]),
                   sig(a.recovered_kg[i]), sig(a.lost_kg[i]),
                   format == Format::Csv ? sig(a.recovery_rate[i], 6) : percent(a.recovery_rate[i])});
    }
    if (format == Format::Csv) {
        t.print_csv(out);
        return;
    }
    out << (md ? "## " : "") << heading(model, a, plan_defaulted) << "\n\n";
    t.print(out, format);
    out << '\n'
        << "Recyclability rate: " << percent(a.recyclability_rate) << " of the product mass recovered"
        << " (docs/recyclability.md); mass balance residual " << sig(a.balance_residual, 2) << "\n";
    for (auto c : a.untreated_classes)
        out << (md ? "\n" : "") << "Untreated: class " << model.classes[c] << " is collected but " << untreated_reason(model, a)
            << "\n";
    if (a.top_losses.empty()) return;
    out << '\n' << (md ? "### " : "") << "Largest losses of critical elements\n\n";
    for (std::size_t k = 0; k < a.top_losses.size(); ++k)
        out << (md ? "- " : "  " + std::to_string(k + 1) + ". ") << top_loss_text(model, a, a.top_losses[k]) << '\n';
}

namespace {

// Whether assessment k recovers the most of element e (ties all marked); nothing recovered: none.
// Products of different content are compared by recovery rate, plans or routes by kg.
bool is_best(const std::vector<Assessment>& as, std::size_t k, Ix e)
{
    const bool rate = compares_products(as);
    auto score = [&](const Assessment& a) { return rate ? a.recovery_rate[e] : a.recovered_kg[e]; };
    double best = 0.0;
    for (const auto& a : as) best = std::max(best, score(a));
    return best > 0 && score(as[k]) >= best * (1 - 1e-12);
}

// The elements any of `as` contains, model order.
std::vector<std::size_t> contained_any(const std::vector<Assessment>& as)
{
    std::vector<std::size_t> out;
    if (as.empty()) return out;
    for (Ix e = 0; e < as.front().contained_kg.size(); ++e)
        if (std::any_of(as.begin(), as.end(), [&](const Assessment& a) { return a.contained_kg[e] > 0; }))
            out.push_back(static_cast<std::size_t>(e));
    return out;
}

}  // namespace

bool compares_products(const std::vector<Assessment>& as)
{
    return std::any_of(as.begin(), as.end(), [&](const Assessment& a) { return a.product != as.front().product; });
}

std::string compare_label(const Model& model, const std::vector<Assessment>& as, std::size_t k)
{
    return compares_products(as) ? model.products[as[k].product].id : treatment_label(model, as[k]);
}

json compare_json(const Model& model, const std::vector<Assessment>& as)
{
    const bool products = compares_products(as);
    json ids = json::array();
    for (std::size_t k = 0; k < as.size(); ++k) ids.push_back(compare_label(model, as, k));
    json elements = json::object();
    json recyclability = json::object();
    for (auto e : contained_any(as)) {
        const Ix i = ix(e);
        json rec = json::object(), rate = json::object(), best = json::array(), held = json::object();
        for (std::size_t k = 0; k < as.size(); ++k) {
            const std::string id = compare_label(model, as, k);
            rec[id] = as[k].recovered_kg[i];
            rate[id] = as[k].recovery_rate[i];
            held[id] = as[k].contained_kg[i];
            if (is_best(as, k, i)) best.push_back(id);
        }
        // One content for plans and routes (one product); per product when products are compared.
        elements[model.elements[e].symbol] = {{"contained_kg", products ? held : json(as.front().contained_kg[i])},
                                              {"recovered_kg", rec},
                                              {"recovery_rate", rate},
                                              {"best", best}};
    }
    for (std::size_t k = 0; k < as.size(); ++k) recyclability[compare_label(model, as, k)] = as[k].recyclability_rate;
    json assessments = json::array();
    for (const auto& a : as) assessments.push_back(assess_json(model, a));
    const Assessment* first = as.empty() ? nullptr : &as.front();
    const char* compared = products ? "products" : first && first->route != npos ? "routes" : "plans";
    return {{"product", first && !products ? json(model.products[first->product].id) : json(nullptr)},
            {"units", first ? first->functional_units : 0.0},
            {"unit", first && !products ? json(std::string(model.products[first->product].unit->symbol)) : json(nullptr)},
            {"collection", first ? first->collection : 0.0},
            {"compared", compared},
            {"overlays", model.overlays},
            {"ids", ids},
            {"elements", elements},
            {"recyclability_rate", recyclability},
            {"assessments", assessments}};
}

void write_comparison(std::ostream& out, Format format, const Model& model, const std::vector<Assessment>& as)
{
    if (format == Format::Json) {
        out << json_text(compare_json(model, as), "the compare JSON");
        return;
    }
    if (as.empty()) return;
    const Assessment& first = as.front();
    const bool csv = format == Format::Csv, md = format == Format::Md;
    // Products have their own contents: a contained column per product instead of one.
    const bool products = compares_products(as);
    std::vector<std::string> headers{"element"};
    std::vector<Align> align{Align::Left};
    if (!products) {
        headers.push_back("contained_kg");
        align.push_back(Align::Right);
    }
    for (std::size_t k = 0; k < as.size(); ++k) {
        const std::string id = compare_label(model, as, k);
        if (csv) {
            if (products) headers.push_back(id + ":contained_kg");
            headers.push_back(id + ":recovered_kg");
            headers.push_back(id + ":recovery_rate");
            align.insert(align.end(), products ? 3 : 2, Align::Right);
        } else {
            headers.push_back(id);
            align.push_back(Align::Right);
        }
    }
    TextTable t(headers, align);
    for (auto e : contained_any(as)) {
        const Ix i = ix(e);
        std::vector<std::string> row{model.elements[e].symbol};
        if (!products) row.push_back(sig(first.contained_kg[i]));
        for (std::size_t k = 0; k < as.size(); ++k) {
            if (csv) {
                if (products) row.push_back(sig(as[k].contained_kg[i]));
                row.push_back(sig(as[k].recovered_kg[i]));
                row.push_back(sig(as[k].recovery_rate[i], 6));
            } else {
                if (products && !(as[k].contained_kg[i] > 0)) row.push_back("-  ");  // not in this product
                else row.push_back(sig(as[k].recovered_kg[i]) + (products ? " of " + sig(as[k].contained_kg[i]) : "") +
                                   " kg (" + percent(as[k].recovery_rate[i], 3) + ")" + (is_best(as, k, i) ? " *" : "  "));
            }
        }
        t.add_row(row);
    }
    if (csv) {
        t.print_csv(out);
        return;
    }
    t.add_rule();
    std::vector<std::string> total{"recyclability"};
    if (!products) total.push_back(sig(first.product_mass_kg) + " kg");
    for (const auto& a : as)
        total.push_back((products ? sig(a.product_mass_kg) + " kg: " : "") + percent(a.recyclability_rate, 3) + "  ");
    t.add_row(total);
    const Product& p = model.products[first.product];
    if (products) {
        out << (md ? "## " : "") << "Products compared under " << treatment_text(model, first, false) << ": "
            << sig(first.functional_units) << " functional unit(s) each, collection " << percent(first.collection)
            << "; recovered of contained kg (recovery rate), * = best recovery rate for the element."
            << overlays_text(model.overlays) << "\n\n";
    } else {
        out << (md ? "## " : "") << p.id << " — " << p.name << ": " << sig(first.functional_units) << " "
            << p.unit->symbol << ", collection " << percent(first.collection) << "; recovered kg (recovery rate) per "
            << (first.route == npos ? "plan" : "route") << ", * = best for the element." << overlays_text(model.overlays)
            << "\n\n";
    }
    t.print(out, format);
    if (first.route != npos && !products) {
        out << '\n';
        for (const auto& a : as)
            out << (md ? "- " : "  ") << treatment_label(model, a) << ": " << treatment_text(model, a, false) << '\n';
    }
    out << '\n' << (md ? "### " : "") << "Largest loss of a critical element\n\n";
    for (std::size_t k = 0; k < as.size(); ++k) {
        const Assessment& a = as[k];
        out << (md ? "- " : "  ") << compare_label(model, as, k) << ": "
            << (a.top_losses.empty() ? std::string("none") : top_loss_text(model, a, a.top_losses.front())) << '\n';
    }
}

namespace {

std::string destination_name(const Route& r, const Destination& d)
{
    return d.kind == Destination::Kind::Sink ? r.sinks[d.index].label() : r.processes[d.index].name;
}

bool has_own_rows(const Route& r, std::size_t e)
{
    return std::any_of(r.processes.begin(), r.processes.end(),
                       [e](const Process& p) { return p.by_element.count(e) > 0; });
}

}  // namespace

json route_json(const Model& model, std::size_t route, const RouteSolution& sol, const ParamValues& values)
{
    const Route& r = model.routes[route];
    json processes = json::array();
    for (const auto& p : r.processes) {
        json transfers = json::array();
        auto add = [&](const std::string& element, const std::vector<Transfer>& ts) {
            for (const auto& t : ts)
                transfers.push_back({{"element", element}, {"to", destination_name(r, t.to)},
                                     {"share", values[t.share.index]}, {"line", t.line}});
        };
        add("*", p.fallback);
        for (std::size_t e = 0; e < model.elements.size(); ++e) {
            auto it = p.by_element.find(e);
            if (it != p.by_element.end()) add(model.elements[e].symbol, it->second);
        }
        processes.push_back({{"name", p.name}, {"transfers", transfers}});
    }
    json yields = json::object();
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        json y = json::object();
        for (std::size_t k = 0; k < r.sinks.size(); ++k)
            if (sol.sink_yield(ix(e), ix(k)) > 0) y[r.sinks[k].label()] = sol.sink_yield(ix(e), ix(k));
        yields[model.elements[e].symbol] = y;
    }
    json sinks = json::array();
    for (const auto& s : r.sinks) sinks.push_back(s.label());
    return {{"id", r.id},           {"name", r.name},           {"entry", r.processes[r.entry].name},
            {"trl", r.trl},         {"sinks", sinks},         {"processes", processes},
            {"yields", yields},     {"source", r.source}};
}

void write_route(std::ostream& out, Format format, const Model& model, std::size_t route, const RouteSolution& sol,
                 const ParamValues& values)
{
    if (format == Format::Json) {
        out << json_text(route_json(model, route, sol, values), "the route JSON");
        return;
    }
    const Route& r = model.routes[route];
    const bool md = format == Format::Md, csv = format == Format::Csv;
    // Yield rows: elements with their own transfer rows, then one '*' row for all the others.
    std::vector<std::pair<std::string, std::size_t>> rows;
    std::size_t fallback = npos;
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        if (has_own_rows(r, e)) rows.emplace_back(model.elements[e].symbol, e);
        else if (fallback == npos) fallback = e;
    }
    if (fallback != npos) rows.emplace_back("*", fallback);
    std::vector<std::string> headers{"element"};
    std::vector<Align> align{Align::Left};
    for (const auto& s : r.sinks) {
        headers.push_back(s.label());
        align.push_back(Align::Right);
    }
    TextTable yields(headers, align);
    for (const auto& [label, e] : rows) {
        std::vector<std::string> row{label};
        for (std::size_t k = 0; k < r.sinks.size(); ++k) {
            double y = sol.sink_yield(ix(e), ix(k));
            row.push_back(csv ? sig(y, 6) : (y > 0 ? percent(y, 3) : "-"));
        }
        yields.add_row(row);
    }
    if (csv) {
        yields.print_csv(out);
        return;
    }
    out << (md ? "## " : "") << r.id << " — " << r.name << " (TRL " << r.trl << "), entry "
        << r.processes[r.entry].name << "\n\n";
    TextTable links({"process", "element", "to", "share"}, {Align::Left, Align::Left, Align::Left, Align::Right});
    for (const auto& p : r.processes) {
        for (const auto& t : p.fallback) links.add_row({p.name, "*", destination_name(r, t.to), sig(values[t.share.index])});
        for (std::size_t e = 0; e < model.elements.size(); ++e) {
            auto it = p.by_element.find(e);
            if (it == p.by_element.end()) continue;
            for (const auto& t : it->second)
                links.add_row({p.name, model.elements[e].symbol, destination_name(r, t.to), sig(values[t.share.index])});
        }
    }
    links.print(out, format);
    out << '\n' << (md ? "### " : "") << "Yield of one kg fed, per element and sink (loops solved)\n\n";
    yields.print(out, format);
}

}  // namespace reclaim
