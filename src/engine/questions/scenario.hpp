#pragma once
// A scenario over time: products put on the market age through the stock model, reach end of
// life, are collected, sent by the year's plan to routes and recovered or lost; manufacturing
// scrap goes straight to its route. Compiled once (ScenarioQuestion) and evaluated at any
// parameter values: per plan, what one collected unit of each product gives (recovered, lost by
// reason, untreated, per form, value) is computed once, and every year is that times the units
// collected in it. Per year and element: end-of-life content, collected, recovered (end of life
// and scrap apart), lost by reason, demand and the recycled share.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "engine/evaluate/contents.hpp"
#include "engine/evaluate/plan_shares.hpp"
#include "engine/evaluate/route_network.hpp"
#include "engine/evaluate/share_sets.hpp"
#include "engine/evaluate/valuer.hpp"
#include "engine/results.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! Levers of the inverse questions; the defaults run the scenario as given.
struct RunLevers {
    std::optional<double> uniform_collection;  //!< replaces every product's collection rate [fraction]
    //! Share of the magnet class moved from the shredding route to the extraction route, in
    //! every year's plan [fraction of what the plan shreds]; needs scenario.magnet_lever.
    double magnet_moved = 0.0;
};

//! Relative tolerance of the yearly balances: eol = uncollected + untreated + recovered + losses,
//! scrap = recovered + losses, and recovered (eol + scrap) = the sum over recovered forms, per
//! element and year.
inline constexpr double kScenarioBalanceTolerance = 1e-9;

class ScenarioQuestion {
public:
    //! Full: every element any product or scrap can contain or that has demand. Headline: the
    //! `reported` elements, plus those that flow into priced forms (for the value).
    ScenarioQuestion(const Model& model, const Scenario& scenario, Detail detail,
                     std::vector<std::size_t> reported = {});

    //! The run at `values` (Scenario::params ids). Checks the stock balance of every product and,
    //! in full, the yearly balance of every element (BalanceError). The result is the question's
    //! own storage, reused by the next evaluation: copy it to keep it.
    const ScenarioResult& evaluate(const ParamValues& values, const RunLevers& levers = {});
    [[nodiscard]] const Scenario& scenario() const { return *scenario_; }
    [[nodiscard]] const Model& model() const { return *model_; }
    //! Every parameter the answer depends on.
    [[nodiscard]] const std::vector<ParamId>& params() const { return params_; }
    [[nodiscard]] ShareSets share_sets() const;
    //! Products put on the market (model indices): the rows of the product matrices.
    [[nodiscard]] const std::vector<std::size_t>& products() const { return products_; }
    //! The plan of each year.
    [[nodiscard]] const std::vector<std::size_t>& plan_of_year() const { return plan_of_year_; }

private:
    struct ProductSeries {
        std::size_t product = npos;
        const Series* inflow = nullptr;   //!< put on the market (empty for a stock-driven product)
        const Series* stock_series = nullptr;  //!< stock in use, for a stock-driven product (else empty)
        const Series* collection = nullptr;
        const Series* exports = nullptr;  //!< share of end-of-life units exported (empty: none)
        const Lifetime* lifetime = nullptr;
        std::vector<double> key;  //!< the values the cached outflow was computed at
        std::vector<double> inflow_units, outflow, stock;
        std::vector<double> collection_key, collection_rate;  //!< the collection per year, cached likewise
        // Only for a product whose BoM rows are given by cohort (row-major: one row a year):
        Eigen::MatrixXd outflow_cohort;  //!< years x cohorts [units]
        using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
        RowMajor cohort_content;  //!< per cohort: its content per unit, classes x elements flattened [kg]
        RowMajor retiring;        //!< per year: the content of the units retiring, classes x elements [kg]
        // Only for a product with a second life (second_life.csv):
        std::vector<std::size_t> second_life;  //!< indices into Scenario::second_life
        RowMajor reaching;  //!< per year: retiring, less what enters a second use, plus what leaves it [kg]
        //! What goes on to export, collection and treatment each year (classes x elements flattened).
        [[nodiscard]] const RowMajor& treated() const { return second_life.empty() ? retiring : reaching; }
    };
    void compile_series(const Series& s, std::vector<Series::Weights>& w) const;
    double at(const Series& s, const std::vector<Series::Weights>& w, int t, const ParamValues& v) const;
    //! The column of a used route in the shares and the networks.
    [[nodiscard]] std::size_t route_column(std::size_t route) const;
    void outflows(const ParamValues& values);
    void cohort_contents(const ParamValues& values);
    //! Per product with a second life: its `reaching` mass, and the second-use stock, inflow and
    //! outflow per compiled element (sl_stock_, sl_in_, sl_out_).
    void second_lives(const ParamValues& values);

    const Model* model_;
    const Scenario* scenario_;
    Detail detail_;
    int n_years_;
    std::vector<std::size_t> products_;
    std::vector<ProductSeries> series_;
    std::vector<bool> dynamic_;  //!< per product: its content depends on its cohort
    std::vector<std::vector<Series::Weights>> inflow_w_, collection_w_, exports_w_;
    std::vector<std::vector<Series::Weights>> second_life_w_;  //!< per Scenario::second_life entry
    std::vector<std::size_t> elements_;   //!< compiled elements, model order
    std::vector<std::size_t> local_;      //!< model element -> compiled row, npos
    std::vector<std::size_t> plan_of_year_, plans_used_, routes_used_;
    std::vector<std::size_t> scrap_materials_;
    Contents contents_;
    std::vector<RouteNetwork> networks_;  //!< per entry of routes_used_
    std::vector<PlanShares> plans_;       //!< per entry of plans_used_
    std::vector<std::string> loss_names_, forms_;
    std::vector<std::vector<std::size_t>> sink_loss_, sink_form_;  //!< per route used: sink -> index, npos
    FormValuer valuer_;
    std::vector<Eigen::VectorXd> form_weights_;  //!< per form: kg of form per kg of compiled element
    std::vector<std::vector<Series::Weights>> scrap_w_, demand_w_;
    std::vector<std::size_t> demand_elements_;  //!< model elements with a demand series
    std::vector<ParamId> params_;
    // Scratch, reused by every evaluation (a question per thread).
    struct PerUnit {  //!< per plan, per collected unit of each product: compiled elements x products
        Eigen::MatrixXd recovered, untreated;
        std::vector<Eigen::MatrixXd> loss, form;
        Eigen::VectorXd value;
    };
    std::vector<PerUnit> per_unit_;
    struct Folded {  //!< what one content matrix gives under one plan (scratch)
        Eigen::VectorXd recovered, untreated;
        double value = 0.0;
        std::vector<Eigen::VectorXd> loss, form;
    };
    Folded folded_;
    //! Per plan used, per product with rows of its own in it: the (class, route) cells that can
    //! hold a share (the magnet lever's extraction cell included); empty for the other products.
    std::vector<std::vector<std::vector<std::pair<std::size_t, std::size_t>>>> cells_;
    std::vector<Eigen::MatrixXd> base_shares_;  //!< per plan used: the class-wide shares
    //! Per kg of each element in each class (classes x compiled elements), under one set of
    //! shares: recovered, value [USD/kg], and in full the losses by reason and the forms.
    struct ClassYield {
        Eigen::MatrixXd recovered, value;
        std::vector<Eigen::MatrixXd> loss, form;
    };
    void class_yield(const Eigen::MatrixXd& shares, const std::vector<std::pair<std::size_t, std::size_t>>& cells,
                     ClassYield& y) const;
    ClassYield base_yield_, own_yield_;
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> base_cells_;  //!< per plan used
    std::vector<Eigen::VectorXd> usd_;  //!< per route used: USD per kg of each element fed
    Eigen::MatrixXd outflow_, units_, collect_, exported_units_, shares_, rec_eol_, rec_scrap_, sold_;
    Eigen::MatrixXd sl_stock_, sl_in_, sl_out_;  //!< second use: compiled elements x years [kg]
    Eigen::VectorXd v_;
    ScenarioResult result_;
};

//! The elements the scenario demands (model order): those of the demand file, and with
//! demand_basis put_on_market every element the products put on the market can contain.
std::vector<std::size_t> demanded_elements(const Model& model, const Scenario& scenario);

//! The run at nominal values (or `values`), in full.
ScenarioResult run_scenario(const Model& model, const Scenario& scenario);
ScenarioResult run_scenario(const Model& model, const Scenario& scenario, const ParamValues& values,
                            const RunLevers& levers = {});

}  // namespace reclaim
