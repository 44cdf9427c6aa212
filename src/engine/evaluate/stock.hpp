#pragma once
// Inflow-driven dynamic stock model with the discretisation of ODYM's DynamicStockModel:
// survival S(a) at integer ages a = 0, 1, 2...; a cohort of inflow i(c) leaves
// i(c)(1 - S(0)) in year c and i(c)(S(t-1-c) - S(t-c)) in year t > c, and i(c) S(t-c) of it is
// still in use at the end of year t. Outflow and stock are convolutions of the inflow.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! A lifetime distribution at given parameter values [years].
struct LifetimeValues {
    LifetimeModel model = LifetimeModel::Fixed;
    double mean = 0.0;   //!< fixed, normal, foldednormal, lognormal [years]
    double sd = 0.0;     //!< normal, foldednormal, lognormal [years]
    double shape = 0.0;  //!< weibull k [-]
    double scale = 0.0;  //!< weibull lambda [years]
};

//! The lifetime of `lifetime` at `values`.
LifetimeValues lifetime_values(const Lifetime& lifetime, const ParamValues& values);

//! The survival function at age x [fraction still in use], x in years (not necessarily whole).
//! Lognormal takes the mean and sd of the lognormal itself; sd = 0 makes normal-type models a step.
double survival_at(const LifetimeValues& lifetime, double x);

//! S(a) for a = 0..n_ages-1, at a (`End`) or at a + 0.5 (`Middle`) [fraction].
std::vector<double> survival_curve(const LifetimeValues& lifetime, SurvivalConvention convention,
                                   std::size_t n_ages);

//! Inflow, outflow and stock of one product by year [functional units].
struct StockSeries {
    std::vector<double> inflow;   //!< put on the market in year t
    std::vector<double> outflow;  //!< reaching end of life in year t
    std::vector<double> stock;    //!< in use at the end of year t
};

//! Runs the inflow-driven model over inflow.size() years; `survival` needs at least as many ages.
StockSeries run_stock_model(const std::vector<double>& inflow, const std::vector<double>& survival);

//! Runs the stock-driven model over stock.size() years: ODYM's compute_stock_driven_model with
//! NegativeInflowCorrect. Year m: the cohorts in use decay (outflow s_c(m-1, c) - s_c(m, c)); the
//! inflow fills the gap, i(m) = (stock(m) - sum_c s_c(m, c)) / S(0) (0 if S(0) = 0); if the gap
//! is negative the inflow is 0 and every cohort gives up the same share f = -gap / sum_c s_c(m, c)
//! of its stock, now and in every later year, as extra outflow in year m. `outflow_cohort`
//! (years x cohorts), if given, receives the outflow by cohort. `survival` needs as many ages.
StockSeries run_stock_driven_model(const std::vector<double>& stock, const std::vector<double>& survival,
                                   Eigen::MatrixXd* outflow_cohort = nullptr);

//! Stock by year and cohort: (t, c) = i(c) S(t - c) for t >= c, else 0 [functional units].
Eigen::MatrixXd stock_by_cohort(const std::vector<double>& inflow, const std::vector<double>& survival);

//! Outflow by year and cohort: (c, c) = i(c)(1 - S(0)), (t, c) = i(c)(S(t-1-c) - S(t-c)).
Eigen::MatrixXd outflow_by_cohort(const std::vector<double>& inflow, const std::vector<double>& survival);

//! Relative tolerance of the balance over time: sum of inflows = final stock + sum of outflows.
inline constexpr double kStockBalanceTolerance = 1e-9;

//! Throws BalanceError naming `what` if the inflows do not equal final stock plus outflows.
void check_stock_balance(const StockSeries& s, const std::string& what);

}  // namespace reclaim
