#pragma once
// A scenario over time: products put on the market age through the stock model, reach end of
// life, are collected, sent by the year's plan to routes and recovered or lost; manufacturing
// scrap goes straight to its route. Per year and element: end-of-life content, collected,
// recovered (end of life and scrap apart), lost by reason, demand and the recycled share.
//
// prepare_scenario() does everything that does not depend on parameter values (series
// interpolated to years, plans by year, loss names) once; run_scenario() can then be called
// with any ParamValues (a Monte Carlo sample) without file I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! The scenario's year-by-year inputs, independent of parameter values.
struct PreparedScenario {
    const Scenario* scenario = nullptr;
    int first_year = 0;
    int n_years = 0;
    std::vector<std::size_t> products;  //!< products put on the market (model indices)
    Eigen::MatrixXd inflow;             //!< products x years [functional units]
    Eigen::MatrixXd collection;         //!< products x years [fraction]
    Eigen::MatrixXd demand_kg;          //!< elements x years [kg]
    std::vector<std::size_t> plan_of_year;  //!< plan index per year
    std::vector<std::size_t> plans_used;    //!< distinct plans, ascending
    std::vector<std::size_t> routes_used;   //!< routes fed by a plan used or by scrap, ascending
    struct Scrap {
        const ScrapFlow* flow = nullptr;
        Eigen::VectorXd kg;  //!< per year [kg]
    };
    std::vector<Scrap> scrap;
    std::vector<std::string> loss_names;  //!< every "loss:*" sink of the routes used, sorted
    std::vector<std::vector<std::size_t>> sink_loss;  //!< per route: sink -> loss name, npos if recovered
    std::vector<std::string> forms;  //!< every recovered form of the routes used ("recovered:" cut), sorted
    std::vector<std::vector<std::size_t>> sink_form;  //!< per route: sink -> form, npos if a loss
};

//! Interpolates the scenario's series to its years and indexes what the run needs.
PreparedScenario prepare_scenario(const Model& model, const Scenario& scenario);

//! Levers of the inverse questions; the defaults run the scenario as given.
struct RunOptions {
    std::optional<double> uniform_collection;  //!< replaces every product's collection rate [fraction]
    //! Share of the magnet class moved from the shredding route to the extraction route, in
    //! every year's plan [fraction of what the plan shreds]; needs scenario.magnet_lever.
    double magnet_moved = 0.0;
    //! Keep the recovered mass per form (ScenarioResult::recovered_form_kg, for the value); the
    //! inverse questions, which only need element masses, run faster without.
    bool forms = true;
};

//! Results by year. Element matrices are elements x years [kg]; product ones products x years.
struct ScenarioResult {
    int first_year = 0;
    int n_years = 0;
    SurvivalConvention survival = SurvivalConvention::End;
    std::vector<std::size_t> products;  //!< rows of the product matrices (model indices)
    Eigen::MatrixXd inflow, outflow, stock;  //!< [functional units]
    Eigen::MatrixXd eol_kg;             //!< content of products reaching end of life
    Eigen::MatrixXd collected_kg;       //!< of which collected
    Eigen::MatrixXd uncollected_kg;     //!< eol - collected
    Eigen::MatrixXd untreated_kg;       //!< collected but sent to no route by the plan
    Eigen::MatrixXd recovered_eol_kg;   //!< recovered from end-of-life products
    Eigen::MatrixXd scrap_kg;           //!< manufacturing scrap fed to routes
    Eigen::MatrixXd recovered_scrap_kg; //!< recovered from manufacturing scrap
    Eigen::MatrixXd demand_kg;
    std::vector<std::string> loss_names;       //!< "loss:dust", ... (sorted)
    std::vector<Eigen::MatrixXd> loss_eol_kg;  //!< per loss name, from end-of-life products
    std::vector<Eigen::MatrixXd> loss_scrap_kg;  //!< per loss name, from scrap
    std::vector<std::string> forms;              //!< recovered forms, as PreparedScenario::forms
    std::vector<Eigen::MatrixXd> recovered_form_kg;  //!< per form, end of life and scrap; empty if not kept
    std::vector<std::size_t> plan_of_year;
    double max_balance_residual = 0.0;  //!< max relative residual of the yearly balances

    [[nodiscard]] int year(int t) const { return first_year + t; }
    [[nodiscard]] int index_of(int year) const { return year - first_year; }
    //! (recovered_eol + recovered_scrap) / demand in year index t; NaN without demand [fraction].
    [[nodiscard]] double recycled_share(std::size_t element, int t) const;
};

//! Relative tolerance of the yearly balances: eol = uncollected + untreated + recovered + losses,
//! scrap = recovered + losses, and recovered (eol + scrap) = the sum over recovered forms, per
//! element and year.
inline constexpr double kScenarioBalanceTolerance = 1e-9;

//! Runs the scenario at `values`. Solves each route once and each plan's shares once; checks the
//! stock balance of every product and the yearly balance of every element (BalanceError).
ScenarioResult run_scenario(const Model& model, const PreparedScenario& prepared, const ParamValues& values,
                            const RunOptions& options = {});

}  // namespace reclaim
