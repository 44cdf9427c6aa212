#include "report/run_report.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "report/table.hpp"

namespace reclaim {

using nlohmann::json;
using Align = TextTable::Align;

namespace {

using Idx = Eigen::Index;
Idx ix(std::size_t i) { return static_cast<Idx>(i); }

constexpr double kKgPerTonne = 1000.0;

json tonnes(const Eigen::MatrixXd& kg, std::size_t row)
{
    json a = json::array();
    for (Idx t = 0; t < kg.cols(); ++t) a.push_back(kg(ix(row), t) / kKgPerTonne);
    return a;
}

json row_of(const Eigen::MatrixXd& m, std::size_t row)
{
    json a = json::array();
    for (Idx t = 0; t < m.cols(); ++t) a.push_back(m(ix(row), t));
    return a;
}

// A fraction, or null where it is undefined (no demand).
json fraction_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

bool any_nonzero(const Eigen::MatrixXd& m, std::size_t row) { return m.row(ix(row)).cwiseAbs().sum() > 0.0; }

}  // namespace

std::vector<std::size_t> run_elements(const ScenarioResult& r)
{
    std::vector<std::size_t> out;
    for (std::size_t e = 0; e < static_cast<std::size_t>(r.eol_kg.rows()); ++e)
        if (any_nonzero(r.eol_kg, e) || any_nonzero(r.scrap_kg, e) || any_nonzero(r.demand_kg, e)) out.push_back(e);
    return out;
}

std::string demand_basis_text(DemandBasis basis)
{
    return basis == DemandBasis::PutOnMarket
               ? "demand basis: put_on_market (the content of the products put on the market each year, plus the "
                 "demand file's rows)"
               : "demand basis: demand_file (the demand file alone)";
}

std::string lever_text(const LeverSolution& lever, double value, const std::string& at_max)
{
    if (!lever.applicable) return "n/a";
    if (lever.reachable) return percent(value);
    return "not reachable: at most " + percent(lever.max_share) + " " + at_max;
}

std::string magnet_lever_text(const Scenario& sc, const TargetAnalysis& a)
{
    if (!sc.magnet_lever) return "n/a";
    if (a.magnet_moved.applicable && a.magnet_moved.reachable && a.magnet_moved.required == 0.0)
        return "met as is (" + percent(a.magnet_extraction_share) + ")";
    return lever_text(a.magnet_moved, a.magnet_extraction_share, "with every shredded magnet extracted");
}

json run_json(const Model& model, const Scenario& sc, const ScenarioResult& r, const std::vector<TargetAnalysis>& targets)
{
    json years = json::array(), plans = json::array();
    for (int t = 0; t < r.n_years; ++t) {
        years.push_back(r.year(t));
        plans.push_back(model.plans[r.plan_of_year[static_cast<std::size_t>(t)]].id);
    }

    json elements = json::object();
    for (auto e : run_elements(r)) {
        json shares = json::array(), eol_rr = json::array(), eol_rir = json::array(), osr = json::array();
        for (int t = 0; t < r.n_years; ++t) {
            shares.push_back(fraction_or_null(r.recycled_share(e, t)));
            eol_rr.push_back(fraction_or_null(r.eol_rr(e, t)));
            eol_rir.push_back(fraction_or_null(r.eol_rir(e, t)));
            osr.push_back(fraction_or_null(r.old_scrap_ratio(e, t)));
        }
        json losses = json::object(), scrap_losses = json::object();
        for (std::size_t k = 0; k < r.loss_names.size(); ++k) {
            if (any_nonzero(r.loss_eol_kg[k], e)) losses[r.loss_names[k]] = tonnes(r.loss_eol_kg[k], e);
            if (any_nonzero(r.loss_scrap_kg[k], e)) scrap_losses[r.loss_names[k]] = tonnes(r.loss_scrap_kg[k], e);
        }
        elements[model.elements[e].symbol] = {
            {"demand_t", tonnes(r.demand_kg, e)},
            {"demand_products_t", tonnes(r.demand_products_kg, e)},
            {"demand_other_t", tonnes(r.demand_other_kg, e)},
            {"eol_t", tonnes(r.eol_kg, e)},
            {"exported_t", tonnes(r.exported_kg, e)},
            {"second_life_stock_t", tonnes(r.second_life_stock_kg, e)},
            {"second_life_eol_t", tonnes(r.second_life_eol_kg, e)},
            {"collected_t", tonnes(r.collected_kg, e)},
            {"uncollected_t", tonnes(r.uncollected_kg, e)},
            {"untreated_t", tonnes(r.untreated_kg, e)},
            {"recovered_eol_t", tonnes(r.recovered_eol_kg, e)},
            {"scrap_t", tonnes(r.scrap_kg, e)},
            {"recovered_scrap_t", tonnes(r.recovered_scrap_kg, e)},
            {"recycled_share", shares},
            {"eol_rr", eol_rr},
            {"eol_rir", eol_rir},
            {"old_scrap_ratio", osr},
            {"losses_t", losses},
            {"scrap_losses_t", scrap_losses},
        };
    }

    json products = json::object();
    for (std::size_t k = 0; k < r.products.size(); ++k) {
        const Product& p = model.products[r.products[k]];
        products[p.id] = {{"unit", std::string(p.unit->symbol)},
                          {"inflow_units", row_of(r.inflow, k)},
                          {"outflow_units", row_of(r.outflow, k)},
                          {"stock_units", row_of(r.stock, k)}};
    }

    json target_list = json::array();
    for (const auto& a : targets) {
        const TargetStatus& s = a.status;
        json magnet = nullptr;
        if (sc.magnet_lever) {
            magnet = {{"applicable", a.magnet_moved.applicable},
                      {"reachable", a.magnet_moved.reachable},
                      {"required_share", a.magnet_moved.reachable ? json(a.magnet_extraction_share) : json(nullptr)},
                      {"moved_share", a.magnet_moved.reachable ? json(a.magnet_moved.required) : json(nullptr)},
                      {"max_extraction_share", a.magnet_extraction_max},
                      {"max_share_at_full_extraction", a.magnet_moved.max_share},
                      {"class", model.classes[sc.magnet_lever->treatment_class]},
                      {"shred_route", model.routes[sc.magnet_lever->shred_route].id},
                      {"extraction_route", model.routes[sc.magnet_lever->extraction_route].id}};
        }
        json flips = json::array();
        for (const auto& f : a.flips)
            flips.push_back({{"file", f.origin.file},
                             {"line", f.origin.line},
                             {"column", f.origin.column},
                             {"source", f.origin.source},
                             {"end", f.high ? "high" : "low"},
                             {"value", f.value},
                             {"achieved_share", fraction_or_null(f.achieved_share)},
                             {"met", f.met}});
        target_list.push_back({
            {"element", model.elements[s.target.element].symbol},
            {"year", s.target.year},
            {"share", s.target.share},
            {"source", s.target.source},
            {"demand_t", s.demand_kg / kKgPerTonne},
            {"recovered_eol_t", s.recovered_eol_kg / kKgPerTonne},
            {"recovered_scrap_t", s.recovered_scrap_kg / kKgPerTonne},
            {"achieved_share", fraction_or_null(s.achieved_share)},
            {"met", s.met},
            {"first_year_met", s.first_year_met ? json(*s.first_year_met) : json(nullptr)},
            {"required_collection_rate", a.collection.reachable ? json(a.collection.required) : json(nullptr)},
            {"reachable", a.collection.reachable},
            {"max_share_at_full_collection", a.collection.max_share},
            {"magnet_extraction", magnet},
            {"flips", flips},
        });
    }

    return {{"scenario", sc.name},
            {"folder", sc.folder},
            {"description", sc.description},
            {"overlays", model.overlays},
            {"years", years},
            {"survival", survival_name(r.survival)},
            {"demand_basis", demand_basis_name(sc.demand_basis)},
            {"plans", plans},
            {"elements", elements},
            {"products", products},
            {"targets", target_list},
            {"balance", {{"max_relative_residual", r.max_balance_residual}, {"tolerance", kScenarioBalanceTolerance}}}};
}

void write_run_csv(std::ostream& out, const Model& model, const ScenarioResult& r)
{
    out << "year,element,quantity,value,unit\n";
    struct Quantity {
        const char* name;
        const Eigen::MatrixXd* kg;
    };
    const Quantity quantities[] = {{"demand", &r.demand_kg},
                                   {"demand_products", &r.demand_products_kg},
                                   {"demand_other", &r.demand_other_kg},
                                   {"eol", &r.eol_kg},
                                   {"exported", &r.exported_kg},
                                   {"second_life_stock", &r.second_life_stock_kg},
                                   {"second_life_eol", &r.second_life_eol_kg},
                                   {"collected", &r.collected_kg},
                                   {"uncollected", &r.uncollected_kg},
                                   {"untreated", &r.untreated_kg},
                                   {"recovered_eol", &r.recovered_eol_kg},
                                   {"scrap", &r.scrap_kg},
                                   {"recovered_scrap", &r.recovered_scrap_kg}};
    auto elements = run_elements(r);
    for (int t = 0; t < r.n_years; ++t) {
        for (auto e : elements) {
            const std::string prefix = std::to_string(r.year(t)) + "," + csv_cell(model.elements[e].symbol) + ",";
            for (const auto& q : quantities) out << prefix << q.name << "," << sig((*q.kg)(ix(e), t) / kKgPerTonne, 12) << ",t\n";
            // Fractions, omitted where undefined (docs/indicators.md).
            const std::pair<const char*, double> fractions[] = {{"recycled_share", r.recycled_share(e, t)},
                                                                {"eol_rr", r.eol_rr(e, t)},
                                                                {"eol_rir", r.eol_rir(e, t)},
                                                                {"old_scrap_ratio", r.old_scrap_ratio(e, t)}};
            for (const auto& [name, v] : fractions)
                if (std::isfinite(v)) out << prefix << name << "," << sig(v, 12) << ",fraction\n";
            for (std::size_t k = 0; k < r.loss_names.size(); ++k) {
                double eol = r.loss_eol_kg[k](ix(e), t), scrap = r.loss_scrap_kg[k](ix(e), t);
                if (eol != 0.0) out << prefix << csv_cell(r.loss_names[k]) << "," << sig(eol / kKgPerTonne, 12) << ",t\n";
                if (scrap != 0.0)
                    out << prefix << csv_cell("scrap " + r.loss_names[k]) << "," << sig(scrap / kKgPerTonne, 12) << ",t\n";
            }
        }
    }
}

void write_run_headline(std::ostream& out, Format format, const Model& model, const Scenario& sc,
                        const ScenarioResult& r, const std::vector<TargetAnalysis>& targets)
{
    const bool md = format == Format::Md;
    if (format != Format::Csv) {
        out << (md ? "## " : "") << sc.name << ", " << r.first_year << "-" << r.year(r.n_years - 1) << "\n";
        if (!sc.description.empty()) out << (md ? "\n" : "") << sc.description << "\n";
        out << (md ? "\n" : "") << "survival convention: " << survival_name(r.survival)
            << (r.survival == SurvivalConvention::End ? " (ODYM: S(a) at whole-year ages)"
                                                      : " (flodym: S(a + 0.5), half a year later)")
            << "; mass balance checked every year, largest relative residual " << sig(r.max_balance_residual, 2)
            << "\n" << (md ? "\n" : "") << demand_basis_text(sc.demand_basis) << "\n\n";
    }
    TextTable t({"element", "year", "demand_t", "recovered_t", "of_which_scrap_t", "recycled", "target", "met",
                 "first_year_met", "collection_needed", "magnet_extraction_needed"},
                {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right,
                 Align::Left, Align::Right, Align::Left, Align::Left});
    for (const auto& a : targets) {
        const TargetStatus& s = a.status;
        const std::string magnet = magnet_lever_text(sc, a);
        t.add_row({model.elements[s.target.element].symbol, std::to_string(s.target.year), sig(s.demand_kg / kKgPerTonne),
                   sig((s.recovered_eol_kg + s.recovered_scrap_kg) / kKgPerTonne), sig(s.recovered_scrap_kg / kKgPerTonne),
                   std::isfinite(s.achieved_share) ? percent(s.achieved_share) : "n/a", percent(s.target.share),
                   s.met ? "yes" : "no", s.first_year_met ? std::to_string(*s.first_year_met) : "not by " + std::to_string(r.year(r.n_years - 1)),
                   lever_text(a.collection, a.collection.required, "at full collection"), magnet});
    }
    if (format == Format::Csv) {
        t.print_csv(out);
        return;
    }
    if (md) t.print_markdown(out);
    else t.print(out);
    if (!targets.empty()) out << "\n";
    for (const auto& a : targets)
        out << (md ? "- " : "") << model.elements[a.status.target.element].symbol << " " << a.status.target.year << ": "
            << flips_text(a) << "\n";
}

std::string flips_text(const TargetAnalysis& target)
{
    if (target.flips.empty())
        return std::string(target.status.met ? "met" : "not met") +
               " whatever the end of any one parameter's range (the others nominal).";
    std::string out = std::string(target.status.met ? "not met if" : "met if") +
                      " any one of these is at its end (the others nominal): ";
    const std::size_t shown = std::min<std::size_t>(3, target.flips.size());
    for (std::size_t k = 0; k < shown; ++k) {
        const TargetFlip& f = target.flips[k];
        const double in_file = f.origin.to_base != 0 ? f.value / f.origin.to_base : f.value;
        out += fmt::format("{}{}:{} {} at its {} {} ({})", k ? "; " : "", f.origin.file, f.origin.line, f.origin.column,
                           f.high ? "high" : "low", sig(in_file), percent(f.achieved_share));
    }
    if (target.flips.size() > shown) out += fmt::format("; and {} more (results.json)", target.flips.size() - shown);
    return out + ".";
}

}  // namespace reclaim
