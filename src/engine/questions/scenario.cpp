#include "engine/questions/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "engine/evaluate/stock.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;
Ix ix(std::size_t i) { return static_cast<Ix>(i); }

std::vector<ParamId> lifetime_params(const Lifetime& lt) { return {lt.mean, lt.sd, lt.shape, lt.scale}; }

void add_series_params(const Series& s, std::vector<ParamId>& out)
{
    for (const auto& p : s.points) out.push_back(p.value);
}

// Rows `local` (E x T) scattered into model rows (n x T).
Eigen::MatrixXd scatter_rows(const Eigen::MatrixXd& local, const std::vector<std::size_t>& elements, std::size_t n)
{
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(ix(n), local.cols());
    for (std::size_t k = 0; k < elements.size(); ++k) out.row(ix(elements[k])) = local.row(ix(k));
    return out;
}

}  // namespace

ScenarioQuestion::ScenarioQuestion(const Model& model, const Scenario& sc, Detail detail,
                                   std::vector<std::size_t> reported)
    : model_(&model), scenario_(&sc), detail_(detail), n_years_(sc.years()),
      contents_(model, {}, {}),  // compiled below, once the elements are known
      valuer_(model, {}, {})
{
    for (std::size_t p = 0; p < model.products.size(); ++p)
        if (sc.in_use(p)) products_.push_back(p);
    for (auto p : products_) {
        const Lifetime* lt = sc.lifetime_of(model, p);
        if (!lt) throw ScenarioError("product '" + model.products[p].id + "' has no lifetime");
        // A series the scenario does not give (a partial Scenario built in code) is empty.
        static const Series kNone;
        auto of = [&](const std::vector<Series>& v) { return p < v.size() ? &v[p] : &kNone; };
        ProductSeries ps;
        ps.product = p;
        ps.inflow = of(sc.put_on_market);
        ps.stock_series = of(sc.stock);
        ps.collection = of(sc.collection);
        ps.exports = of(sc.exports);
        ps.lifetime = lt;
        for (std::size_t i = 0; i < sc.second_life.size(); ++i)
            if (sc.second_life[i].product == p) ps.second_life.push_back(i);
        series_.push_back(std::move(ps));
    }
    for (const auto& f : sc.scrap)
        if (f.kind == ScrapFlow::Kind::Material) scrap_materials_.push_back(f.item);

    std::set<std::size_t> plans, routes;
    for (int t = 0; t < n_years_; ++t) {
        plan_of_year_.push_back(sc.plan_in(sc.first_year + t));
        plans.insert(plan_of_year_.back());
    }
    for (auto plan : plans)
        for (const auto& s : model.plans[plan].shares) routes.insert(s.route);
    for (const auto& f : sc.scrap) routes.insert(f.route);
    if (sc.magnet_lever) {
        routes.insert(sc.magnet_lever->shred_route);
        routes.insert(sc.magnet_lever->extraction_route);
    }
    plans_used_.assign(plans.begin(), plans.end());
    routes_used_.assign(routes.begin(), routes.end());

    // Losses by reason (the same "loss:dust" of two routes is one loss), forms by name.
    std::set<std::string> losses, forms;
    for (auto r : routes_used_)
        for (const auto& s : model.routes[r].sinks) (s.recovered() ? forms.insert(s.name) : losses.insert(s.label()));
    loss_names_.assign(losses.begin(), losses.end());
    forms_.assign(forms.begin(), forms.end());
    valuer_ = FormValuer(model, forms_, material_compositions(model, model.params.nominal()));
    for (auto r : routes_used_) {
        std::vector<std::size_t> sl, sf;
        for (const auto& s : model.routes[r].sinks) {
            auto l = std::find(loss_names_.begin(), loss_names_.end(), s.label());
            auto f = std::find(forms_.begin(), forms_.end(), s.name);
            sl.push_back(!s.recovered() ? static_cast<std::size_t>(l - loss_names_.begin()) : npos);
            sf.push_back(s.recovered() ? static_cast<std::size_t>(f - forms_.begin()) : npos);
        }
        sink_loss_.push_back(std::move(sl));
        sink_form_.push_back(std::move(sf));
    }

    // The elements: all that can be present or demanded (full), or the reported ones and those
    // that flow into a priced form (headline: the value needs them).
    std::vector<bool> present(model.elements.size(), false), keep(model.elements.size(), false);
    for (auto e : elements_of(model, products_, scrap_materials_)) present[e] = true;
    for (const auto& f : sc.scrap)
        if (f.kind == ScrapFlow::Kind::Element) present[f.item] = true;
    for (std::size_t e = 0; e < sc.demand_kg.size(); ++e)
        if (!sc.demand_kg[e].empty()) demand_elements_.push_back(e);
    if (detail == Detail::Full) {
        keep = present;
        for (auto e : demand_elements_) keep[e] = true;
        for (const auto& t : sc.targets) keep[t.element] = true;
    } else {
        for (auto e : reported) keep.at(e) = true;
        for (std::size_t f = 0; f < valuer_.size(); ++f) {
            if (!valuer_.price(f)) continue;
            const Eigen::VectorXd w = form_kg_weights(valuer_.form(f));
            for (std::size_t e = 0; e < keep.size(); ++e)
                if (w[ix(e)] != 0.0 && present[e]) keep[e] = true;
        }
    }
    local_.assign(model.elements.size(), npos);
    for (std::size_t e = 0; e < keep.size(); ++e)
        if (keep[e]) {
            local_[e] = elements_.size();
            elements_.push_back(e);
        }
    contents_ = Contents(model, products_, elements_, scrap_materials_);
    // A product with a second life goes the cohort way: its mass reaching treatment changes by year.
    for (std::size_t k = 0; k < products_.size(); ++k)
        dynamic_.push_back(contents_.varies_by_cohort(products_[k]) || !series_[k].second_life.empty());
    for (auto r : routes_used_) networks_.emplace_back(model, r, elements_);
    for (auto plan : plans_used_) plans_.emplace_back(model, plan, routes_used_);
    // The cells that can hold a share: the plan's rows for the product (npos: class-wide), and
    // the magnet lever's extraction cell.
    auto cells_of = [&](const PlanShares& plan, std::size_t product) {
        auto cells = plan.cells(product);
        if (sc.magnet_lever) {
            cells.emplace_back(sc.magnet_lever->treatment_class, route_column(sc.magnet_lever->extraction_route));
            std::sort(cells.begin(), cells.end());
            cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
        }
        return cells;
    };
    for (const auto& plan : plans_) {
        base_cells_.push_back(cells_of(plan, npos));
        cells_.emplace_back();
        for (auto p : products_)
            cells_.back().push_back(plan.has_own_rows(p) ? cells_of(plan, p) : std::vector<std::pair<std::size_t, std::size_t>>{});
    }
    for (std::size_t f = 0; f < valuer_.size(); ++f) {
        const Eigen::VectorXd all = form_kg_weights(valuer_.form(f));
        Eigen::VectorXd w(ix(elements_.size()));
        for (std::size_t i = 0; i < elements_.size(); ++i) w[ix(i)] = all[ix(elements_[i])];
        form_weights_.push_back(std::move(w));
    }

    for (const auto& s : series_) {
        inflow_w_.emplace_back();
        collection_w_.emplace_back();
        compile_series(s.stock_series->empty() ? *s.inflow : *s.stock_series, inflow_w_.back());
        compile_series(*s.collection, collection_w_.back());
        exports_w_.emplace_back();
        compile_series(*s.exports, exports_w_.back());
    }
    for (const auto& sl : sc.second_life) {
        second_life_w_.emplace_back();
        compile_series(sl.share, second_life_w_.back());
    }
    for (const auto& f : sc.scrap) {
        scrap_w_.emplace_back();
        compile_series(f.mass_kg, scrap_w_.back());
    }
    for (auto e : demand_elements_) {
        demand_w_.emplace_back();
        compile_series(sc.demand_kg[e], demand_w_.back());
    }

    params_ = contents_.params();
    for (const auto& n : networks_) {
        auto p = n.params();
        params_.insert(params_.end(), p.begin(), p.end());
    }
    for (const auto& p : plans_) {
        auto q = p.params();
        params_.insert(params_.end(), q.begin(), q.end());
    }
    for (const auto& s : series_) {
        add_series_params(*s.inflow, params_);
        add_series_params(*s.stock_series, params_);
        add_series_params(*s.collection, params_);
        add_series_params(*s.exports, params_);
        auto lp = lifetime_params(*s.lifetime);
        params_.insert(params_.end(), lp.begin(), lp.end());
    }
    for (const auto& s : series_)
        for (auto i : s.second_life) {
            add_series_params(sc.second_life[i].share, params_);
            auto lp = lifetime_params(sc.second_life[i].lifetime);
            params_.insert(params_.end(), lp.begin(), lp.end());
        }
    for (const auto& f : sc.scrap) add_series_params(f.mass_kg, params_);
    for (auto e : demand_elements_) add_series_params(sc.demand_kg[e], params_);
    for (std::size_t f = 0; f < valuer_.size(); ++f)
        if (const Price* p = valuer_.price(f)) {
            params_.push_back(p->usd_per_kg);
            params_.push_back(p->payable);
        }
    std::erase_if(params_, [](ParamId id) { return !id.valid(); });
    std::sort(params_.begin(), params_.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
    params_.erase(std::unique(params_.begin(), params_.end()), params_.end());
}

void ScenarioQuestion::compile_series(const Series& s, std::vector<Series::Weights>& w) const
{
    w.clear();
    if (s.empty()) return;
    for (int t = 0; t < n_years_; ++t) w.push_back(s.weights(scenario_->first_year + t));
}

double ScenarioQuestion::at(const Series& s, const std::vector<Series::Weights>& w, int t, const ParamValues& v) const
{
    return w.empty() ? 0.0 : s.value(w[static_cast<std::size_t>(t)], v);
}

std::size_t ScenarioQuestion::route_column(std::size_t route) const
{
    return static_cast<std::size_t>(std::lower_bound(routes_used_.begin(), routes_used_.end(), route) -
                                    routes_used_.begin());
}

ShareSets ScenarioQuestion::share_sets() const
{
    return reclaim::share_sets(*model_, scenario_->params, routes_used_, contents_.materials(), plans_used_);
}

// Survival curves and outflows depend on the inflow series and the lifetime only: recomputed
// for a product only when one of those values changed since the last evaluation.
void ScenarioQuestion::outflows(const ParamValues& values)
{
    const Scenario& sc = *scenario_;
    const auto nt = static_cast<std::size_t>(n_years_);
    std::vector<double> key, inflow(nt);
    for (std::size_t k = 0; k < series_.size(); ++k) {
        ProductSeries& s = series_[k];
        key.clear();
        const Series& driver = s.stock_series->empty() ? *s.inflow : *s.stock_series;  // inflow-driven, or stock-driven
        for (const auto& p : driver.points) key.push_back(values[p.value.index]);
        for (ParamId id : lifetime_params(*s.lifetime)) key.push_back(id.valid() ? values[id.index] : 0.0);
        if (!s.outflow.empty() && key == s.key) continue;
        s.key = key;
        for (std::size_t t = 0; t < nt; ++t) inflow[t] = at(driver, inflow_w_[k], static_cast<int>(t), values);
        const auto survival = survival_curve(lifetime_values(*s.lifetime, values), sc.survival, nt);
        StockSeries stock;
        if (s.stock_series->empty()) {
            stock = run_stock_model(inflow, survival);
            if (dynamic_[k]) s.outflow_cohort = outflow_by_cohort(stock.inflow, survival);
        } else {  // `inflow` holds the stock series
            stock = run_stock_driven_model(inflow, survival, dynamic_[k] ? &s.outflow_cohort : nullptr);
        }
        check_stock_balance(stock, "product '" + model_->products[s.product].id + "'");
        s.inflow_units = std::move(stock.inflow);
        s.outflow = std::move(stock.outflow);
        s.stock = std::move(stock.stock);
    }
}

// The content of each cohort of the products whose BoM rows are given by cohort, and the mass
// of the cohorts retiring each year: retiring(t) = sum_c outflow(t, c) content(c).
void ScenarioQuestion::cohort_contents(const ParamValues& values)
{
    if (std::find(dynamic_.begin(), dynamic_.end(), true) == dynamic_.end()) return;
    const Ix nt = n_years_, size = ix(model_->classes.size() * elements_.size());
    for (std::size_t k = 0; k < series_.size(); ++k)
        if (dynamic_[k]) series_[k].cohort_content.resize(nt, size);
    for (Ix c = 0; c < nt; ++c) {
        contents_.evaluate_products(values, scenario_->first_year + static_cast<int>(c));
        for (std::size_t k = 0; k < series_.size(); ++k) {
            if (!dynamic_[k]) continue;
            const ClassContent& content = contents_.content(series_[k].product);
            series_[k].cohort_content.row(c) = Eigen::Map<const Eigen::RowVectorXd>(content.data(), size);
        }
    }
    contents_.evaluate_products(values, std::nullopt);  // back to the latest cohort
    for (std::size_t k = 0; k < series_.size(); ++k)
        if (dynamic_[k]) series_[k].retiring.noalias() = series_[k].outflow_cohort * series_[k].cohort_content;
}

// Second life: the share s(c) of class k of the mass retiring in year c enters a second use;
// it leaves it as the stock model's outflow of that inflow (the second use's own survival
// curve), in(c) d(t - c), and reaches treatment then. reaching = retiring - in + out.
void ScenarioQuestion::second_lives(const ParamValues& values)
{
    const Scenario& sc = *scenario_;
    const Ix nt = n_years_, n_e = ix(elements_.size()), n_cls = ix(model_->classes.size());
    sl_stock_.setZero(n_e, nt);
    sl_in_.setZero(n_e, nt);
    sl_out_.setZero(n_e, nt);
    const std::vector<double> ones(static_cast<std::size_t>(nt), 1.0);
    for (auto& ps : series_) {
        if (ps.second_life.empty()) continue;
        ps.reaching = ps.retiring;
        for (auto i : ps.second_life) {
            const SecondLife& sl = sc.second_life[i];
            const auto survival = survival_curve(lifetime_values(sl.lifetime, values), sc.survival, static_cast<std::size_t>(nt));
            // Per unit entering in year c: leaving in year t, in use at the end of year t.
            const Eigen::MatrixXd leaves = outflow_by_cohort(ones, survival), stays = stock_by_cohort(ones, survival);
            Eigen::VectorXd share(nt);
            for (Ix c = 0; c < nt; ++c) share[c] = at(sl.share, second_life_w_[i], static_cast<int>(c), values);
            for (Ix e = 0; e < n_e; ++e) {
                const Ix col = ix(sl.treatment_class) + n_cls * e;  // the flattened (class, element)
                const Eigen::VectorXd in = share.cwiseProduct(ps.retiring.col(col));
                const Eigen::VectorXd out = leaves * in, stock = stays * in;
                StockSeries check{{in.data(), in.data() + nt}, {out.data(), out.data() + nt}, {stock.data(), stock.data() + nt}};
                check_stock_balance(check, "the second life of product '" + model_->products[ps.product].id + "'");
                ps.reaching.col(col) += out - in;
                sl_in_.row(e) += in.transpose();
                sl_out_.row(e) += out.transpose();
                sl_stock_.row(e) += stock.transpose();
            }
        }
    }
}

void ScenarioQuestion::class_yield(const Eigen::MatrixXd& shares,
                                   const std::vector<std::pair<std::size_t, std::size_t>>& cells, ClassYield& y) const
{
    const Ix n_cls = shares.rows(), n_e = ix(elements_.size());
    y.recovered.setZero(n_cls, n_e);
    y.value.setZero(n_cls, n_e);
    const bool full = detail_ == Detail::Full;
    if (full) {
        y.loss.assign(loss_names_.size(), Eigen::MatrixXd::Zero(n_cls, n_e));
        y.form.assign(forms_.size(), Eigen::MatrixXd::Zero(n_cls, n_e));
    }
    for (const auto& [c, r] : cells) {
        const double s = shares(ix(c), ix(r));
        if (s == 0.0) continue;
        const RouteSolution& sol = networks_[r].solution();
        y.recovered.row(ix(c)) += s * sol.recovered.transpose();
        y.value.row(ix(c)) += s * usd_[r].transpose();
        if (!full) continue;
        for (std::size_t j = 0; j < sink_loss_[r].size(); ++j) {
            Eigen::MatrixXd& into = sink_loss_[r][j] != npos ? y.loss[sink_loss_[r][j]] : y.form[sink_form_[r][j]];
            into.row(ix(c)) += s * sol.sink_yield.col(ix(j)).transpose();
        }
    }
}

const ScenarioResult& ScenarioQuestion::evaluate(const ParamValues& values, const RunLevers& levers)
{
    const Model& model = *model_;
    const Scenario& sc = *scenario_;
    const bool full = detail_ == Detail::Full;
    const Ix nt = n_years_;
    const Ix n_e = ix(elements_.size());
    const Ix n_k = ix(products_.size());
    const Ix n_cls = ix(model.classes.size());
    const std::size_t n_loss = loss_names_.size(), n_form = forms_.size();
    if (levers.magnet_moved != 0.0 && !sc.magnet_lever)
        throw ScenarioError("the magnet lever needs a magnet class and its two routes ([levers] in scenario.toml)");

    contents_.evaluate(values);
    for (auto& n : networks_) n.evaluate(values, Detail::Headline);
    outflows(values);
    cohort_contents(values);
    second_lives(values);

    // Units collected per product and year.
    Eigen::MatrixXd& outflow = outflow_;
    Eigen::MatrixXd& units = units_;
    Eigen::MatrixXd& collect = collect_;  // share of end-of-life units collected
    Eigen::MatrixXd& exported_units = exported_units_;
    outflow.resize(n_k, nt);
    units.resize(n_k, nt);
    collect.resize(n_k, nt);
    exported_units.resize(n_k, nt);
    for (Ix k = 0; k < n_k; ++k) {
        const auto sk = static_cast<std::size_t>(k);
        ProductSeries& ps = series_[sk];
        // The collection per year, recomputed only when one of its points changed.
        std::vector<double>& key = ps.collection_key;
        bool changed = key.size() != ps.collection->points.size() || ps.collection_rate.empty();
        key.resize(ps.collection->points.size());
        for (std::size_t i = 0; i < key.size(); ++i) {
            const double v = values[ps.collection->points[i].value.index];
            changed = changed || v != key[i];
            key[i] = v;
        }
        if (changed) {
            ps.collection_rate.resize(static_cast<std::size_t>(nt));
            for (Ix t = 0; t < nt; ++t)
                ps.collection_rate[static_cast<std::size_t>(t)] = at(*ps.collection, collection_w_[sk], static_cast<int>(t), values);
        }
        // End of life = exported + uncollected + collected: the collection rate applies to what
        // stays in the country.
        for (Ix t = 0; t < nt; ++t) {
            outflow(k, t) = ps.outflow[static_cast<std::size_t>(t)];
            const double c = levers.uniform_collection ? *levers.uniform_collection : ps.collection_rate[static_cast<std::size_t>(t)];
            const double x = at(*ps.exports, exports_w_[sk], static_cast<int>(t), values);
            collect(k, t) = c * (1.0 - x);
            exported_units(k, t) = x * outflow(k, t);
            units(k, t) = collect(k, t) * outflow(k, t);
        }
    }

    // What 1 kg of each element fed to each route is worth: its yield into each priced form x
    // kg of form per kg of element x price x payable.
    usd_.resize(routes_used_.size());
    for (std::size_t r = 0; r < routes_used_.size(); ++r) {
        usd_[r].setZero(n_e);
        const Eigen::MatrixXd& y = networks_[r].solution().sink_yield;
        for (Ix j = 0; j < y.cols(); ++j) {
            const std::size_t f = sink_form_[r][static_cast<std::size_t>(j)];
            if (f == npos || !valuer_.price(f)) continue;
            usd_[r] += valuer_.usd_per_kg(f, values) * y.col(j).cwiseProduct(form_weights_[f]);
        }
    }

    // Per plan, per collected unit of each product: elements x products.
    per_unit_.resize(plans_used_.size());
    Eigen::MatrixXd& shares = shares_;
    shares.resize(n_cls, ix(routes_used_.size()));
    // Sends `v` [kg per compiled element] into route r: adds recovered, value, and in full the
    // losses by reason and the forms, into column `col` of the given matrices.
    auto route_into = [&](std::size_t r, const Eigen::VectorXd& v, Ix col, Eigen::MatrixXd& rec, double& value,
                          std::vector<Eigen::MatrixXd>* loss, std::vector<Eigen::MatrixXd>* form) {
        const RouteSolution& sol = networks_[r].solution();
        rec.col(col) += v.cwiseProduct(sol.recovered);
        value += v.dot(usd_[r]);
        if (!full) return;
        for (std::size_t j = 0; j < sink_loss_[r].size(); ++j) {
            if (sink_loss_[r][j] != npos) (*loss)[sink_loss_[r][j]].col(col) += v.cwiseProduct(sol.sink_yield.col(ix(j)));
            else (*form)[sink_form_[r][j]].col(col) += v.cwiseProduct(sol.sink_yield.col(ix(j)));
        }
    };
    // Per plan: what 1 kg of each element of each class gives (the plan's shares folded with the
    // route yields), then per product its content times that.
    base_shares_.resize(plans_used_.size());
    auto apply_lever = [&](Eigen::MatrixXd& m) {
        if (levers.magnet_moved == 0.0) return;
        const MagnetLever& lever = *sc.magnet_lever;
        const Ix c = ix(lever.treatment_class), from = ix(route_column(lever.shred_route)),
                 to = ix(route_column(lever.extraction_route));
        const double moved = levers.magnet_moved * m(c, from);
        m(c, from) -= moved;
        m(c, to) += moved;
    };
    ScenarioResult& res = result_;
    res.first_year = sc.first_year;
    res.n_years = n_years_;
    res.survival = sc.survival;
    res.products = products_;
    res.plan_of_year = plan_of_year_;
    Eigen::MatrixXd& rec_eol = rec_eol_;
    Eigen::MatrixXd& rec_scrap = rec_scrap_;
    rec_eol.setZero(n_e, nt);
    rec_scrap.setZero(n_e, nt);
    res.value_usd.setZero(nt);
    res.max_balance_residual = 0.0;
    Eigen::MatrixXd untreated, scrap_kg, eol, reaching, collected, exported;
    std::vector<Eigen::MatrixXd> loss_eol, loss_scrap, form_kg;
    if (full) {
        untreated = scrap_kg = eol = reaching = collected = exported = Eigen::MatrixXd::Zero(n_e, nt);
        loss_eol.assign(n_loss, Eigen::MatrixXd::Zero(n_e, nt));
        loss_scrap = loss_eol;
        form_kg.assign(n_form, Eigen::MatrixXd::Zero(n_e, nt));
    }
    // What `content` (classes x compiled elements, kg) sent through shares s with yields y
    // gives: recovered, value, and in full untreated, losses by reason and forms. One rule for
    // a unit of a product whose content does not depend on its cohort and for the mass of the
    // cohorts retiring in a year.
    Folded& f = folded_;
    auto fold = [&](const auto& content, const Eigen::MatrixXd& s, const ClassYield& y) {
        f.recovered = content.cwiseProduct(y.recovered).colwise().sum().transpose();
        f.value = content.cwiseProduct(y.value).sum();
        if (!full) return;
        const Eigen::VectorXd untreated_share = (Eigen::VectorXd::Ones(n_cls) - s.rowwise().sum()).cwiseMax(0.0);
        f.untreated = content.transpose() * untreated_share;
        f.loss.resize(n_loss);
        f.form.resize(n_form);
        for (std::size_t l = 0; l < n_loss; ++l) f.loss[l] = content.cwiseProduct(y.loss[l]).colwise().sum().transpose();
        for (std::size_t j = 0; j < n_form; ++j) f.form[j] = content.cwiseProduct(y.form[j]).colwise().sum().transpose();
    };
    for (std::size_t pi = 0; pi < plans_used_.size(); ++pi) {
        PerUnit& z = per_unit_[pi];
        z.recovered.resize(n_e, n_k);
        z.value.resize(n_k);
        if (full) {
            z.untreated.resize(n_e, n_k);
            z.loss.assign(n_loss, Eigen::MatrixXd(n_e, n_k));
            z.form.assign(n_form, Eigen::MatrixXd(n_e, n_k));
        }
        Eigen::MatrixXd& base = base_shares_[pi];
        base.resize(n_cls, ix(routes_used_.size()));
        plans_[pi].evaluate(values, npos, base);
        apply_lever(base);
        class_yield(base, base_cells_[pi], base_yield_);
        for (Ix k = 0; k < n_k; ++k) {
            const auto sk = static_cast<std::size_t>(k);
            const std::size_t product = products_[sk];
            const Eigen::MatrixXd* s = &base;
            const ClassYield* y = &base_yield_;
            if (plans_[pi].has_own_rows(product)) {
                plans_[pi].evaluate(values, product, shares);
                apply_lever(shares);
                class_yield(shares, cells_[pi][sk], own_yield_);
                s = &shares;
                y = &own_yield_;
            }
            if (!dynamic_[sk]) {
                fold(contents_.content(product), *s, *y);
                z.recovered.col(k) = f.recovered;
                z.value[k] = f.value;
                if (!full) continue;
                z.untreated.col(k) = f.untreated;
                for (std::size_t l = 0; l < n_loss; ++l) z.loss[l].col(k) = f.loss[l];
                for (std::size_t j = 0; j < n_form; ++j) z.form[j].col(k) = f.form[j];
                continue;
            }
            // Content by cohort: each year of this plan, the mass of the cohorts retiring in it.
            z.recovered.col(k).setZero();
            z.value[k] = 0.0;
            if (full) {
                z.untreated.col(k).setZero();
                for (auto& m : z.loss) m.col(k).setZero();
                for (auto& m : z.form) m.col(k).setZero();
            }
            const ProductSeries& ps = series_[sk];
            for (Ix t = 0; t < nt; ++t) {
                if (plan_of_year_[static_cast<std::size_t>(t)] != plans_used_[pi]) continue;
                // What retires, and what of it (with what leaves a second use) goes on to treatment.
                const Eigen::Map<const Eigen::MatrixXd> retired(ps.retiring.row(t).data(), n_cls, n_e);
                const Eigen::Map<const Eigen::MatrixXd> mass(ps.treated().row(t).data(), n_cls, n_e);
                const double c = collect(k, t);
                fold(mass, *s, *y);
                rec_eol.col(t) += c * f.recovered;
                res.value_usd[t] += c * f.value;
                if (!full) continue;
                eol.col(t) += retired.colwise().sum().transpose();
                reaching.col(t) += mass.colwise().sum().transpose();
                const double x = at(*ps.exports, exports_w_[sk], static_cast<int>(t), values);
                exported.col(t) += x * mass.colwise().sum().transpose();
                collected.col(t) += c * mass.colwise().sum().transpose();
                untreated.col(t) += c * f.untreated;
                for (std::size_t l = 0; l < n_loss; ++l) loss_eol[l].col(t) += c * f.loss[l];
                for (std::size_t j = 0; j < n_form; ++j) form_kg[j].col(t) += c * f.form[j];
            }
        }
    }

    if (full) {
        Eigen::MatrixXd total(n_e, n_k);  // content per unit, every class together (0: by cohort, above)
        for (Ix k = 0; k < n_k; ++k) {
            const auto sk = static_cast<std::size_t>(k);
            if (dynamic_[sk]) total.col(k).setZero();
            else total.col(k) = contents_.content(products_[sk]).colwise().sum().transpose();
        }
        eol += total * outflow;
        reaching += total * outflow;
        collected += total * units;
        exported += total * exported_units;
    }
    // Each run of years under one plan is one matrix product per output.
    for (Ix t0 = 0; t0 < nt;) {
        Ix t1 = t0 + 1;
        while (t1 < nt && plan_of_year_[static_cast<std::size_t>(t1)] == plan_of_year_[static_cast<std::size_t>(t0)]) ++t1;
        const auto pi = static_cast<std::size_t>(
            std::lower_bound(plans_used_.begin(), plans_used_.end(), plan_of_year_[static_cast<std::size_t>(t0)]) -
            plans_used_.begin());
        const PerUnit& z = per_unit_[pi];
        const auto u = units.middleCols(t0, t1 - t0);
        rec_eol.middleCols(t0, t1 - t0).noalias() += z.recovered * u;
        res.value_usd.segment(t0, t1 - t0).noalias() += u.transpose() * z.value;
        if (full) {
            untreated.middleCols(t0, t1 - t0).noalias() += z.untreated * u;
            for (std::size_t l = 0; l < n_loss; ++l) loss_eol[l].middleCols(t0, t1 - t0).noalias() += z.loss[l] * u;
            for (std::size_t j = 0; j < n_form; ++j) form_kg[j].middleCols(t0, t1 - t0).noalias() += z.form[j] * u;
        }
        t0 = t1;
    }

    // Manufacturing scrap: per kg of each flow, then times its kg in each year.
    Eigen::MatrixXd rec1(n_e, 1);
    std::vector<Eigen::MatrixXd> loss1, form1;
    for (std::size_t i = 0; i < sc.scrap.size(); ++i) {
        const ScrapFlow& flow = sc.scrap[i];
        Eigen::VectorXd& feed = v_;
        feed.setZero(n_e);
        if (flow.kind == ScrapFlow::Kind::Element) {
            if (local_[flow.item] != npos) feed[ix(local_[flow.item])] = 1.0;
        } else {
            feed = contents_.composition(flow.item);
        }
        rec1.setZero();
        double value1 = 0.0;
        if (full) {
            loss1.assign(n_loss, Eigen::MatrixXd::Zero(n_e, 1));
            form1.assign(n_form, Eigen::MatrixXd::Zero(n_e, 1));
        }
        route_into(route_column(flow.route), feed, 0, rec1, value1, &loss1, &form1);
        for (Ix t = 0; t < nt; ++t) {
            const double kg = at(flow.mass_kg, scrap_w_[i], static_cast<int>(t), values);
            if (kg == 0.0) continue;
            rec_scrap.col(t) += kg * rec1.col(0);
            res.value_usd[t] += kg * value1;
            if (!full) continue;
            scrap_kg.col(t) += kg * feed;
            for (std::size_t l = 0; l < n_loss; ++l) loss_scrap[l].col(t) += kg * loss1[l].col(0);
            for (std::size_t f = 0; f < n_form; ++f) form_kg[f].col(t) += kg * form1[f].col(0);
        }
    }

    // The compiled rows of the model-element matrices; the other rows stay zero.
    const std::size_t n_el = model.elements.size();
    for (auto* m : {&res.recovered_eol_kg, &res.recovered_scrap_kg, &res.demand_products_kg, &res.demand_other_kg})
        if (m->rows() != ix(n_el) || m->cols() != nt) m->setZero(ix(n_el), nt);
    for (std::size_t k = 0; k < elements_.size(); ++k) {
        res.recovered_eol_kg.row(ix(elements_[k])) = rec_eol.row(ix(k));
        res.recovered_scrap_kg.row(ix(elements_[k])) = rec_scrap.row(ix(k));
    }
    // Demand: the demand file's rows, and with put_on_market the content of what is sold, from
    // the same contents as what retires (one set of parameters, drawn together).
    for (std::size_t d = 0; d < demand_elements_.size(); ++d)
        for (Ix t = 0; t < nt; ++t)
            res.demand_other_kg(ix(demand_elements_[d]), t) =
                at(sc.demand_kg[demand_elements_[d]], demand_w_[d], static_cast<int>(t), values);
    if (sc.demand_basis == DemandBasis::PutOnMarket) {
        Eigen::MatrixXd& sold = sold_;
        sold.setZero(n_e, nt);
        for (Ix k = 0; k < n_k; ++k) {
            const ProductSeries& ps = series_[static_cast<std::size_t>(k)];
            if (dynamic_[static_cast<std::size_t>(k)]) {  // each year's cohort its own content
                for (Ix t = 0; t < nt; ++t) {
                    const Eigen::Map<const Eigen::MatrixXd> unit(ps.cohort_content.row(t).data(), n_cls, n_e);
                    sold.col(t) += ps.inflow_units[static_cast<std::size_t>(t)] * unit.colwise().sum().transpose();
                }
                continue;
            }
            const Eigen::VectorXd per_unit = contents_.content(ps.product).colwise().sum().transpose();
            for (Ix t = 0; t < nt; ++t) sold.col(t) += ps.inflow_units[static_cast<std::size_t>(t)] * per_unit;
        }
        for (std::size_t k = 0; k < elements_.size(); ++k) res.demand_products_kg.row(ix(elements_[k])) = sold.row(ix(k));
    }
    res.demand_kg = res.demand_products_kg + res.demand_other_kg;
    if (!full) return res;

    // Every kg that reached end of life or came as scrap is recovered or a named loss, and every
    // kg recovered is in one form.
    for (Ix t = 0; t < nt; ++t) {
        for (Ix e = 0; e < n_e; ++e) {
            double lost_eol = 0.0, lost_scrap = 0.0, in_forms = 0.0;
            for (std::size_t l = 0; l < n_loss; ++l) {
                lost_eol += loss_eol[l](e, t);
                lost_scrap += loss_scrap[l](e, t);
            }
            for (std::size_t f = 0; f < n_form; ++f) in_forms += form_kg[f](e, t);
            const double recovered = rec_eol(e, t) + rec_scrap(e, t);
            const double rel_forms = recovered > 0.0 ? std::abs(recovered - in_forms) / recovered : std::abs(in_forms);
            // End of life = the second-use stock change + exported + uncollected + collected.
            const double out = (sl_in_(e, t) - sl_out_(e, t)) + (reaching(e, t) - collected(e, t)) + untreated(e, t) +
                               rec_eol(e, t) + lost_eol;
            const double scrap_out = rec_scrap(e, t) + lost_scrap;
            const double rel_eol = eol(e, t) > 0.0 ? std::abs(eol(e, t) - out) / eol(e, t) : std::abs(out);
            const double rel_scrap =
                scrap_kg(e, t) > 0.0 ? std::abs(scrap_kg(e, t) - scrap_out) / scrap_kg(e, t) : std::abs(scrap_out);
            res.max_balance_residual = std::max({res.max_balance_residual, rel_forms, rel_eol, rel_scrap});
            const auto symbol = model.elements[elements_[static_cast<std::size_t>(e)]].symbol;
            if (rel_forms > kScenarioBalanceTolerance)
                throw BalanceError(fmt::format("{} in {}: recovered {} kg vs the sum over recovered forms {} kg", symbol,
                                               res.year(static_cast<int>(t)), recovered, in_forms));
            if (rel_eol > kScenarioBalanceTolerance || rel_scrap > kScenarioBalanceTolerance)
                throw BalanceError(fmt::format(
                    "{} in {}: end of life {} kg vs second-life stock change + uncollected + untreated + recovered + losses "
                    "{} kg; scrap {} kg "
                    "vs recovered + losses {} kg",
                    symbol, res.year(static_cast<int>(t)), eol(e, t), out, scrap_kg(e, t), scrap_out));
        }
    }
    res.inflow.resize(n_k, nt);
    res.stock.resize(n_k, nt);
    for (Ix k = 0; k < n_k; ++k)
        for (Ix t = 0; t < nt; ++t) {
            res.inflow(k, t) = series_[static_cast<std::size_t>(k)].inflow_units[static_cast<std::size_t>(t)];
            res.stock(k, t) = series_[static_cast<std::size_t>(k)].stock[static_cast<std::size_t>(t)];
        }
    res.outflow = outflow;
    res.eol_kg = scatter_rows(eol, elements_, n_el);
    res.collected_kg = scatter_rows(collected, elements_, n_el);
    res.exported_kg = scatter_rows(exported, elements_, n_el);
    res.second_life_stock_kg = scatter_rows(sl_stock_, elements_, n_el);
    res.second_life_eol_kg = scatter_rows(sl_out_, elements_, n_el);
    res.uncollected_kg = scatter_rows(reaching, elements_, n_el) - res.exported_kg - res.collected_kg;
    res.untreated_kg = scatter_rows(untreated, elements_, n_el);
    res.scrap_kg = scatter_rows(scrap_kg, elements_, n_el);
    res.loss_names = loss_names_;
    res.loss_eol_kg.clear();
    res.loss_scrap_kg.clear();
    res.recovered_form_kg.clear();
    for (std::size_t l = 0; l < n_loss; ++l) {
        res.loss_eol_kg.push_back(scatter_rows(loss_eol[l], elements_, n_el));
        res.loss_scrap_kg.push_back(scatter_rows(loss_scrap[l], elements_, n_el));
    }
    res.forms = forms_;
    for (std::size_t f = 0; f < n_form; ++f) res.recovered_form_kg.push_back(scatter_rows(form_kg[f], elements_, n_el));
    res.params = used_params(sc.params, params_);
    return res;
}

std::vector<std::size_t> demanded_elements(const Model& model, const Scenario& sc)
{
    std::vector<bool> in(model.elements.size(), false);
    for (std::size_t e = 0; e < sc.demand_kg.size(); ++e)
        if (!sc.demand_kg[e].empty()) in[e] = true;
    if (sc.demand_basis == DemandBasis::PutOnMarket) {
        std::vector<std::size_t> sold;
        for (std::size_t p = 0; p < sc.put_on_market.size(); ++p)
            if (sc.in_use(p)) sold.push_back(p);
        for (auto e : elements_of(model, sold)) in[e] = true;
    }
    std::vector<std::size_t> out;
    for (std::size_t e = 0; e < in.size(); ++e)
        if (in[e]) out.push_back(e);
    return out;
}

ScenarioResult run_scenario(const Model& model, const Scenario& scenario, const ParamValues& values,
                            const RunLevers& levers)
{
    ScenarioQuestion question(model, scenario, Detail::Full);
    return question.evaluate(values, levers);
}

ScenarioResult run_scenario(const Model& model, const Scenario& scenario)
{
    return run_scenario(model, scenario, scenario.params.nominal());
}

}  // namespace reclaim
