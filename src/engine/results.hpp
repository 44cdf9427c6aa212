#pragma once
// What the engine answers: the result types of every question, the one header src/report/ reads.
// Element vectors are per model element (model order) [kg] unless a comment says otherwise.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "engine/uncertainty/sensitivity.hpp"
#include "engine/uncertainty/summaries.hpp"
#include "engine/evaluate/sampler.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! A parameter a question used, as the data gives it, with where it was read: the reports'
//! assumptions tables read this list instead of walking the model again.
struct UsedParam {
    ParamId id;
    Param spec;
    Origin origin;
};

//! Mass of every element leaving one (route, process) into one sink [kg]; per treatment class
//! in Assessment::class_losses, summed over classes in Assessment::losses.
struct LossFlow {
    std::size_t treatment_class = npos;  //!< npos when summed over classes
    std::size_t route = npos;
    std::size_t process = npos;
    std::size_t sink = npos;  //!< index into Route::sinks
    Eigen::VectorXd kg;       //!< per element [kg]
};

//! One of the largest losses of a critical element; the report words its cause.
struct TopLoss {
    enum class Kind { Uncollected, Untreated, Route } kind = Kind::Route;
    std::size_t element = npos;
    std::size_t treatment_class = npos;
    std::size_t route = npos;    //!< Kind::Route only
    std::size_t process = npos;  //!< Kind::Route only
    std::size_t sink = npos;     //!< Kind::Route only: index into Route::sinks
    double kg = 0.0;             //!< [kg]
    double share = 0.0;          //!< of the element's contained mass [fraction]
};

//! One edge of the flow graph (Sankey diagram). Node names: "class:<class>", "collection",
//! "uncollected", "untreated", "<route>/<process>", and sink labels ("recovered:Cu", merged
//! across routes). Every node that is neither a class (source) nor terminal balances.
struct FlowEdge {
    std::string from;
    std::string to;
    std::size_t element = npos;
    double kg = 0.0;  //!< [kg]
};

//! The answer of one assessment. A Headline evaluation fills the amounts, contained_kg,
//! recovered_kg, recovered_by_form, recovery_rate, recyclability_rate and value_usd; Full fills
//! everything.
struct Assessment {
    std::size_t product = npos;
    std::size_t plan = npos;   //!< npos: a route without a plan
    std::size_t route = npos;  //!< npos: the plan alone
    std::vector<std::size_t> classes;            //!< Full: the treatment classes of the product (with mass)
    std::vector<std::size_t> route_classes;      //!< Full: of them, those the route treats (it accepts them)
    std::vector<std::size_t> untreated_classes;  //!< Full: of them, those sent (in part) to no route
    double functional_units = 0.0;  //!< [FU of the product]
    double product_mass_kg = 0.0;   //!< total BoM mass of the assessed amount [kg]
    double collection = 1.0;        //!< [fraction]
    std::vector<std::size_t> critical;  //!< the elements top_losses is about

    Eigen::VectorXd contained_kg, uncollected_kg, untreated_kg, recovered_kg, lost_kg;
    Eigen::MatrixXd uncollected_by_class, untreated_by_class;  //!< classes x elements [kg]
    Eigen::MatrixXd recovered_by_route;  //!< elements x routes [kg]
    std::vector<std::string> forms;      //!< recovered forms of the routes used (sink names)
    Eigen::MatrixXd recovered_by_form;   //!< elements x forms [kg]
    std::vector<LossFlow> losses;        //!< per (route, process, sink), summed over classes
    std::vector<LossFlow> class_losses;  //!< per (class, route, process, sink)
    Eigen::VectorXd recovery_rate;       //!< recovered / contained, 0 where nothing is contained
    double recyclability_rate = 0.0;     //!< total recovered mass / product mass [fraction]
    double value_usd = 0.0;              //!< the priced recovered forms [USD]
    double balance_residual = 0.0;       //!< max over elements of the relative imbalance
    std::vector<TopLoss> top_losses;     //!< largest losses of critical elements, by share
    std::vector<FlowEdge> flows;         //!< the flow graph
    std::vector<UsedParam> params;       //!< Full: every parameter the assessment used
};

//! Results by year. Element matrices are elements x years [kg]; product ones products x years.
//! A Headline evaluation fills recovered_eol_kg, recovered_scrap_kg, the demands and value_usd.
struct ScenarioResult {
    int first_year = 0;
    int n_years = 0;
    SurvivalConvention survival = SurvivalConvention::End;
    std::vector<std::size_t> products;  //!< rows of the product matrices (model indices)
    Eigen::MatrixXd inflow, outflow, stock;  //!< [functional units]
    Eigen::MatrixXd eol_kg;             //!< content of products reaching (first) end of life
    //! Second life (second_life.csv): in a second use at the end of the year, and leaving it in
    //! the year (then exported, collected or not as the product's end of life). The share of
    //! eol_kg that enters a second use is neither exported, collected nor uncollected that year.
    Eigen::MatrixXd second_life_stock_kg, second_life_eol_kg;
    Eigen::MatrixXd exported_kg;        //!< of which exported before collection (used products)
    Eigen::MatrixXd collected_kg;       //!< of which collected
    Eigen::MatrixXd uncollected_kg;     //!< eol - second-life stock change - exported - collected
    Eigen::MatrixXd untreated_kg;       //!< collected but sent to no route by the plan
    Eigen::MatrixXd recovered_eol_kg;   //!< recovered from end-of-life products
    Eigen::MatrixXd scrap_kg;           //!< manufacturing scrap fed to routes
    Eigen::MatrixXd recovered_scrap_kg; //!< recovered from manufacturing scrap
    Eigen::MatrixXd demand_kg;          //!< demand_products + demand_other
    Eigen::MatrixXd demand_products_kg; //!< content of the products put on the market (demand_basis put_on_market)
    Eigen::MatrixXd demand_other_kg;    //!< the rows of the demand file
    std::vector<std::string> loss_names;       //!< "loss:dust", ... (sorted)
    std::vector<Eigen::MatrixXd> loss_eol_kg;  //!< per loss name, from end-of-life products
    std::vector<Eigen::MatrixXd> loss_scrap_kg;  //!< per loss name, from scrap
    std::vector<std::string> forms;              //!< recovered forms, sorted
    std::vector<Eigen::MatrixXd> recovered_form_kg;  //!< per form, end of life and scrap
    Eigen::VectorXd value_usd;          //!< per year: the priced recovered forms [USD]
    std::vector<std::size_t> plan_of_year;
    double max_balance_residual = 0.0;  //!< max relative residual of the yearly balances
    std::vector<UsedParam> params;      //!< Full: every parameter the run used

    [[nodiscard]] int year(int t) const { return first_year + t; }
    [[nodiscard]] int index_of(int year) const { return year - first_year; }
    //! (recovered_eol + recovered_scrap) / demand in year index t; NaN without demand [fraction].
    [[nodiscard]] double recycled_share(std::size_t element, int t) const;
    //! End-of-life recycling rate (UNEP IRP 2011): recovered_eol / eol in year index t; NaN
    //! where nothing reaches end of life [fraction] (docs/indicators.md).
    [[nodiscard]] double eol_rr(std::size_t element, int t) const;
    //! End-of-life recycling input rate (EU CRM assessments): recovered_eol / demand; NaN
    //! without demand [fraction].
    [[nodiscard]] double eol_rir(std::size_t element, int t) const;
    //! Old scrap ratio (UNEP IRP 2011): recovered_eol / (recovered_eol + recovered_scrap); NaN
    //! where nothing is recovered [fraction].
    [[nodiscard]] double old_scrap_ratio(std::size_t element, int t) const;
};

//! The uncertainty of one assessment.
struct AssessUncertainty {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    bool given = false;                  //!< the samples came from --samples-in
    Adjustments adjustments;
    std::size_t ranged_params = 0;       //!< parameters sampled
    std::vector<std::size_t> elements;   //!< elements contained at nominal values (model order)
    std::vector<Summary> recovered_kg;   //!< per entry of `elements` [kg]
    std::vector<Summary> recovery_rate;  //!< per entry of `elements` [fraction]
    Summary recyclability_rate;          //!< [fraction]
    Summary value_usd;                   //!< value of the recovered forms [USD]
    std::optional<Sensitivity> sensitivity;
};

//! A recycled-share target over the samples.
struct TargetUncertainty {
    std::size_t target = npos;  //!< index into Scenario::targets
    Summary recovered_kg;       //!< in the target year [kg]
    Summary recycled_share;     //!< in the target year [fraction]
    double probability_met = 0.0;  //!< share of samples meeting the target [fraction]
    //! The tornado of this target's recycled share in its year, with first-order indices.
    std::optional<Sensitivity> sensitivity;
};

//! The uncertainty of a scenario run.
struct RunUncertainty {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    bool given = false;
    Adjustments adjustments;
    std::size_t ranged_params = 0;
    int first_year = 0;
    int n_years = 0;
    std::vector<std::size_t> elements;                //!< elements with demand or a target
    std::vector<std::vector<Summary>> recovered_kg;   //!< [element][year] [kg]
    std::vector<std::vector<Summary>> recycled_share; //!< [element][year] [fraction]; NaN without demand
    std::vector<TargetUncertainty> targets;
    int value_year = 0;   //!< the year of value_usd: the first target's, else the last year
    Summary value_usd;    //!< value of the priced recovered forms in value_year [USD]
    std::optional<Sensitivity> sensitivity;
};

//! The used parameters `ids` of `table`, each once, sorted by file, line and column.
std::vector<UsedParam> used_params(const ParamTable& table, std::vector<ParamId> ids);

}  // namespace reclaim
