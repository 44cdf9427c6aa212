#include "engine/scenario_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "engine/flatten.hpp"
#include "engine/plan.hpp"
#include "engine/route_solver.hpp"
#include "engine/stock_model.hpp"

namespace reclaim {

namespace {

using Idx = Eigen::Index;
Idx ix(std::size_t i) { return static_cast<Idx>(i); }

}  // namespace

double ScenarioResult::recycled_share(std::size_t element, int t) const
{
    double d = demand_kg(ix(element), t);
    if (d <= 0.0) return std::numeric_limits<double>::quiet_NaN();
    return (recovered_eol_kg(ix(element), t) + recovered_scrap_kg(ix(element), t)) / d;
}

PreparedScenario prepare_scenario(const Model& model, const Scenario& sc)
{
    PreparedScenario p;
    p.scenario = &sc;
    p.first_year = sc.first_year;
    p.n_years = sc.years();
    const Idx nt = p.n_years;

    for (std::size_t i = 0; i < model.products.size(); ++i)
        if (i < sc.put_on_market.size() && !sc.put_on_market[i].empty()) p.products.push_back(i);
    p.inflow.resize(ix(p.products.size()), nt);
    p.collection.resize(ix(p.products.size()), nt);
    for (std::size_t k = 0; k < p.products.size(); ++k) {
        for (Idx t = 0; t < nt; ++t) {
            int year = sc.first_year + static_cast<int>(t);
            p.inflow(ix(k), t) = sc.put_on_market[p.products[k]].at(year);
            p.collection(ix(k), t) = sc.collection[p.products[k]].at(year);
        }
    }
    p.demand_kg = Eigen::MatrixXd::Zero(ix(model.elements.size()), nt);
    for (std::size_t e = 0; e < model.elements.size() && e < sc.demand_kg.size(); ++e)
        for (Idx t = 0; t < nt; ++t) p.demand_kg(ix(e), t) = sc.demand_kg[e].at(sc.first_year + static_cast<int>(t));

    std::set<std::size_t> plans, routes;
    for (Idx t = 0; t < nt; ++t) {
        p.plan_of_year.push_back(sc.plan_in(sc.first_year + static_cast<int>(t)));
        plans.insert(p.plan_of_year.back());
    }
    for (auto plan : plans)
        for (const auto& s : model.plans[plan].shares) routes.insert(s.route);
    for (const auto& f : sc.scrap) {
        routes.insert(f.route);
        PreparedScenario::Scrap s{&f, Eigen::VectorXd(nt)};
        for (Idx t = 0; t < nt; ++t) s.kg[t] = f.mass_kg.at(sc.first_year + static_cast<int>(t));
        p.scrap.push_back(std::move(s));
    }
    if (sc.magnet_lever) {
        routes.insert(sc.magnet_lever->shred_route);
        routes.insert(sc.magnet_lever->extraction_route);
    }
    p.plans_used.assign(plans.begin(), plans.end());
    p.routes_used.assign(routes.begin(), routes.end());

    // Losses are reported by reason: the same "loss:dust" of two routes is one loss.
    std::set<std::string> names;
    for (auto r : p.routes_used)
        for (const auto& s : model.routes[r].sinks)
            if (!is_recovered_sink(s)) names.insert(s);
    p.loss_names.assign(names.begin(), names.end());
    // Recovered forms by name, for the value: "li2co3" of two routes is one form.
    std::set<std::string> forms;
    for (auto r : p.routes_used)
        for (const auto& s : model.routes[r].sinks)
            if (is_recovered_sink(s)) forms.insert(s.substr(std::string_view("recovered:").size()));
    p.forms.assign(forms.begin(), forms.end());
    p.sink_loss.assign(model.routes.size(), {});
    p.sink_form.assign(model.routes.size(), {});
    for (auto r : p.routes_used) {
        for (const auto& s : model.routes[r].sinks) {
            auto it = std::find(p.loss_names.begin(), p.loss_names.end(), s);
            p.sink_loss[r].push_back(it == p.loss_names.end() ? npos : static_cast<std::size_t>(it - p.loss_names.begin()));
            auto f = is_recovered_sink(s) ? std::find(p.forms.begin(), p.forms.end(),
                                                      s.substr(std::string_view("recovered:").size()))
                                          : p.forms.end();
            p.sink_form[r].push_back(f == p.forms.end() ? npos : static_cast<std::size_t>(f - p.forms.begin()));
        }
    }
    return p;
}

ScenarioResult run_scenario(const Model& model, const PreparedScenario& p, const ParamValues& values,
                            const RunOptions& options)
{
    const Scenario& sc = *p.scenario;
    const Idx nt = p.n_years;
    const Idx n_el = ix(model.elements.size());
    const Idx n_cls = ix(model.classes.size());
    const Idx n_pr = ix(p.products.size());

    ScenarioResult r;
    r.first_year = p.first_year;
    r.n_years = p.n_years;
    r.survival = sc.survival;
    r.products = p.products;
    r.plan_of_year = p.plan_of_year;
    r.loss_names = p.loss_names;
    r.demand_kg = p.demand_kg;

    // Stock model per product: one survival curve per product, outflow as a convolution.
    r.inflow = p.inflow;
    r.outflow.resize(n_pr, nt);
    r.stock.resize(n_pr, nt);
    std::vector<double> inflow(static_cast<std::size_t>(nt));
    for (Idx k = 0; k < n_pr; ++k) {
        std::size_t pi = p.products[static_cast<std::size_t>(k)];
        const Lifetime* lt = sc.lifetime_of(model, pi);
        if (!lt) throw ScenarioError("product '" + model.products[pi].id + "' has no lifetime");
        auto survival = survival_curve(lifetime_values(*lt, values), sc.survival, static_cast<std::size_t>(nt));
        for (Idx t = 0; t < nt; ++t) inflow[static_cast<std::size_t>(t)] = p.inflow(k, t);
        StockSeries s = run_stock_model(inflow, survival);
        check_stock_balance(s, "product '" + model.products[pi].id + "'");
        for (Idx t = 0; t < nt; ++t) {
            r.outflow(k, t) = s.outflow[static_cast<std::size_t>(t)];
            r.stock(k, t) = s.stock[static_cast<std::size_t>(t)];
        }
    }

    // Element content per functional unit, stacked (classes x elements, column-major) per
    // product, so that one product of matrices gives every year's content by class.
    auto compositions = material_compositions(model, values);
    auto contents = product_contents(model, values, compositions);
    Eigen::MatrixXd content(n_cls * n_el, n_pr);
    for (Idx k = 0; k < n_pr; ++k)
        content.col(k) = Eigen::Map<const Eigen::VectorXd>(contents[p.products[static_cast<std::size_t>(k)]].data(), n_cls * n_el);
    Eigen::MatrixXd collected_units = options.uniform_collection
                                          ? Eigen::MatrixXd(*options.uniform_collection * r.outflow)
                                          : Eigen::MatrixXd(p.collection.cwiseProduct(r.outflow));
    Eigen::MatrixXd eol_by_class = content * r.outflow;             // (classes*elements) x years
    Eigen::MatrixXd collected_by_class = content * collected_units;  // (classes*elements) x years

    // Each route used is solved once; each plan's shares once, with the magnet lever applied.
    std::vector<const RouteSolution*> solution(model.routes.size(), nullptr);
    std::vector<RouteSolution> solved;
    solved.reserve(p.routes_used.size());
    for (auto route : p.routes_used) solved.push_back(solve_route(model, route, values));
    for (const auto& s : solved) solution[s.route] = &s;
    std::map<std::size_t, Eigen::MatrixXd> shares;  // plan -> classes x routes
    for (auto plan : p.plans_used) {
        Eigen::MatrixXd s = plan_shares(model, plan, values);
        if (options.magnet_moved != 0.0) {
            if (!sc.magnet_lever) throw ScenarioError("the magnet lever needs a magnet class and its two routes");
            const MagnetLever& m = *sc.magnet_lever;
            double moved = options.magnet_moved * s(ix(m.treatment_class), ix(m.shred_route));
            s(ix(m.treatment_class), ix(m.shred_route)) -= moved;
            s(ix(m.treatment_class), ix(m.extraction_route)) += moved;
        }
        shares.emplace(plan, std::move(s));
    }

    const std::size_t n_loss = p.loss_names.size();
    auto zero = [&] { return Eigen::MatrixXd::Zero(n_el, nt).eval(); };
    r.eol_kg = r.collected_kg = r.uncollected_kg = r.untreated_kg = zero();
    r.recovered_eol_kg = r.scrap_kg = r.recovered_scrap_kg = zero();
    r.loss_eol_kg.assign(n_loss, zero());
    r.loss_scrap_kg.assign(n_loss, zero());
    if (options.forms) {
        r.forms = p.forms;
        r.recovered_form_kg.assign(p.forms.size(), zero());
    }

    // Sends `feed` [kg per element] through a route into recovered and the named losses.
    auto treat = [&](std::size_t route, const Eigen::VectorXd& feed, Idx t, Eigen::MatrixXd& recovered,
                     std::vector<Eigen::MatrixXd>& losses) {
        const RouteSolution& s = *solution[route];
        recovered.col(t) += feed.cwiseProduct(s.recovered);
        for (std::size_t k = 0; k < p.sink_loss[route].size(); ++k) {
            std::size_t loss = p.sink_loss[route][k], form = p.sink_form[route][k];
            if (loss != npos) losses[loss].col(t) += feed.cwiseProduct(s.sink_yield.col(ix(k)));
            else if (form != npos && options.forms) r.recovered_form_kg[form].col(t) += feed.cwiseProduct(s.sink_yield.col(ix(k)));
        }
    };

    Eigen::VectorXd feed(n_el);
    for (Idx t = 0; t < nt; ++t) {
        Eigen::Map<const Eigen::MatrixXd> eol(eol_by_class.col(t).data(), n_cls, n_el);
        Eigen::Map<const Eigen::MatrixXd> coll(collected_by_class.col(t).data(), n_cls, n_el);
        r.eol_kg.col(t) = eol.colwise().sum().transpose();
        r.collected_kg.col(t) = coll.colwise().sum().transpose();
        r.uncollected_kg.col(t) = r.eol_kg.col(t) - r.collected_kg.col(t);
        const Eigen::MatrixXd& s = shares.at(p.plan_of_year[static_cast<std::size_t>(t)]);
        Eigen::VectorXd untreated_share = Eigen::VectorXd::Ones(n_cls) - s.rowwise().sum();
        r.untreated_kg.col(t) = (coll.transpose() * untreated_share.cwiseMax(0.0));
        Eigen::MatrixXd route_feed = s.transpose() * coll;  // routes x elements
        for (auto route : p.routes_used) {
            feed = route_feed.row(ix(route)).transpose();
            if (feed.cwiseAbs().sum() > 0.0) treat(route, feed, t, r.recovered_eol_kg, r.loss_eol_kg);
        }
        for (const auto& scrap : p.scrap) {
            double kg = scrap.kg[t];
            if (kg == 0.0) continue;
            if (scrap.flow->kind == ScrapFlow::Kind::Element) {
                feed.setZero();
                feed[ix(scrap.flow->item)] = kg;
            } else {
                feed = kg * compositions[scrap.flow->item];
            }
            r.scrap_kg.col(t) += feed;
            treat(scrap.flow->route, feed, t, r.recovered_scrap_kg, r.loss_scrap_kg);
        }
    }

    // Every kg that reached end of life or came as scrap is recovered or a named loss, and every
    // kg recovered is in one form.
    Eigen::MatrixXd in_forms;
    if (options.forms) {
        in_forms = zero();
        for (const auto& f : r.recovered_form_kg) in_forms += f;
    }
    for (Idx t = 0; t < nt; ++t) {
        for (Idx e = 0; e < n_el; ++e) {
            double lost_eol = 0.0, lost_scrap = 0.0;
            for (std::size_t k = 0; k < n_loss; ++k) {
                lost_eol += r.loss_eol_kg[k](e, t);
                lost_scrap += r.loss_scrap_kg[k](e, t);
            }
            if (options.forms) {
                const double recovered = r.recovered_eol_kg(e, t) + r.recovered_scrap_kg(e, t);
                const double rel = recovered > 0.0 ? std::abs(recovered - in_forms(e, t)) / recovered
                                                   : std::abs(in_forms(e, t));
                r.max_balance_residual = std::max(r.max_balance_residual, rel);
                if (rel > kScenarioBalanceTolerance) {
                    throw BalanceError(fmt::format("{} in {}: recovered {} kg vs the sum over recovered forms {} kg",
                                                   model.elements[static_cast<std::size_t>(e)].symbol,
                                                   r.year(static_cast<int>(t)), recovered, in_forms(e, t)));
                }
            }
            double eol = r.eol_kg(e, t);
            double out = r.uncollected_kg(e, t) + r.untreated_kg(e, t) + r.recovered_eol_kg(e, t) + lost_eol;
            double scrap = r.scrap_kg(e, t);
            double scrap_out = r.recovered_scrap_kg(e, t) + lost_scrap;
            double rel_eol = eol > 0.0 ? std::abs(eol - out) / eol : std::abs(out);
            double rel_scrap = scrap > 0.0 ? std::abs(scrap - scrap_out) / scrap : std::abs(scrap_out);
            r.max_balance_residual = std::max({r.max_balance_residual, rel_eol, rel_scrap});
            if (rel_eol > kScenarioBalanceTolerance || rel_scrap > kScenarioBalanceTolerance) {
                throw BalanceError(fmt::format(
                    "{} in {}: end of life {} kg vs uncollected + untreated + recovered + losses {} kg; scrap {} kg "
                    "vs recovered + losses {} kg",
                    model.elements[static_cast<std::size_t>(e)].symbol, r.year(static_cast<int>(t)), eol, out,
                    scrap, scrap_out));
            }
        }
    }
    return r;
}

}  // namespace reclaim
