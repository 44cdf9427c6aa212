#pragma once
// Uncertainty of a scenario run: Monte Carlo over every ranged parameter the scenario's products,
// plans and routes use. Work that no sampled parameter changes is done once (survival curves,
// outflows and collected units per product and year, unless a lifetime is ranged); per sample
// only contents, route yields and plan shares are evaluated, on the elements with demand or a
// target. Per sample the outputs are recovered mass per (element, year) and whether each target
// is met: N x (elements x years + targets) doubles in all, never per product.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/assess_uncertainty.hpp"
#include "engine/monte_carlo.hpp"
#include "engine/sample_kernel.hpp"
#include "engine/scenario_run.hpp"
#include "engine/value.hpp"

namespace reclaim {

//! Recovered mass per (element, year) of a scenario at any parameter values, equal to
//! run_scenario()'s recovered_eol_kg + recovered_scrap_kg within rounding.
class ScenarioHeadline {
public:
    //! `elements`: the elements to compute (model indices). `with_value`: also the value of the
    //! recovered forms per year, as run_value() gives it; the elements that flow into priced forms
    //! are then kept too, after `elements` (recovered_kg() still has rows for `elements` only).
    ScenarioHeadline(const Model& model, const PreparedScenario& prepared, std::vector<std::size_t> elements,
                     bool with_value = false);

    //! Evaluates at `values`; returns how many share sets were renormalised.
    std::size_t evaluate(const ParamValues& values);
    //! The constructor's `elements` x years, after evaluate() [kg].
    [[nodiscard]] const Eigen::MatrixXd& recovered_kg() const { return recovered_; }
    //! The constructor's `elements`, then those kept for the value only.
    [[nodiscard]] const std::vector<std::size_t>& elements() const { return elements_; }
    //! The ranged parameters the outputs depend on, in parameter order.
    [[nodiscard]] const std::vector<ParamId>& ranged() const { return ranged_; }
    //! Value of the priced recovered forms per year, after evaluate() with `with_value` [USD];
    //! empty without.
    [[nodiscard]] const Eigen::VectorXd& value_usd() const { return value_usd_; }
    //! The ranged prices and payables the value depends on besides ranged(), in parameter order.
    [[nodiscard]] const std::vector<ParamId>& ranged_prices() const { return ranged_prices_; }

private:
    void outflows(const ParamValues& values, bool only_ranged);

    const Model* model_;
    const PreparedScenario* prepared_;
    std::size_t reported_ = 0;  //!< the first elements_, those of recovered_
    std::vector<std::size_t> elements_;
    ContentKernel contents_;
    std::vector<std::size_t> routes_;          //!< routes fed by a plan used or by scrap
    std::vector<RouteKernel> route_kernels_;   //!< per entry of routes_
    std::vector<bool> lifetime_ranged_;        //!< per scenario product
    Eigen::MatrixXd collected_units_;          //!< scenario products x years [FU]
    ShareSets sets_;
    ParamValues balanced_;  //!< the sample with its share sets balanced (scratch)
    std::vector<ParamId> ranged_;
    Eigen::MatrixXd shares_;                   //!< classes x routes_ (scratch)
    std::vector<Eigen::MatrixXd> per_unit_;    //!< per plan used: products x kept elements [kg per FU]
    Eigen::MatrixXd recovered_;
    // The value (with_value only): FormValuer as run_value() builds it (nominal compositions).
    std::optional<FormValuer> valuer_;
    std::vector<std::vector<std::size_t>> sink_form_;  //!< per entry of routes_: sink -> form, npos
    std::vector<Eigen::VectorXd> form_weights_;        //!< per form: kg of form per kg of kept element
    std::vector<ParamId> ranged_prices_;
    std::vector<Eigen::VectorXd> route_usd_;           //!< per entry of routes_: USD per kg of element fed (scratch)
    Eigen::MatrixXd class_usd_;                        //!< classes x kept elements [USD/kg] (scratch)
    std::vector<Eigen::VectorXd> value_per_unit_;      //!< per plan used: USD per FU of each product (scratch)
    Eigen::VectorXd value_usd_;
};

//! A recycled-share target over the samples.
struct TargetUncertainty {
    std::size_t target = npos;  //!< index into Scenario::targets
    Summary recovered_kg;       //!< in the target year [kg]
    Summary recycled_share;     //!< in the target year [fraction]
    double probability_met = 0.0;  //!< share of samples meeting the target [fraction]
};

//! The uncertainty of a scenario run.
struct RunUncertainty {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    Adjustments adjustments;
    std::size_t ranged_params = 0;
    int first_year = 0;
    int n_years = 0;
    std::vector<std::size_t> elements;             //!< elements with demand or a target
    std::vector<std::vector<Summary>> recovered_kg;     //!< [element][year] [kg]
    std::vector<std::vector<Summary>> recycled_share;   //!< [element][year] [fraction]; NaN without demand
    std::vector<TargetUncertainty> targets;
    int value_year = 0;   //!< the year of value_usd: the first target's, else the last year
    Summary value_usd;    //!< value of the priced recovered forms in value_year [USD]
    std::optional<Sensitivity> sensitivity;
};

//! What --sensitivity asks of a run: an element's recycled share in a year.
struct RunOutput {
    std::size_t element = npos;
    int year = 0;
};

//! Parses "Nd:2035" (or "Nd" for the first target's year); ScenarioError naming the text when
//! the element is unknown, the year outside the scenario or the element has no demand.
RunOutput parse_run_output(const Model& model, const Scenario& scenario, const std::string& text);

//! Runs `mc.samples` samples of the scenario; `sensitivity`: the tornado of that output.
RunUncertainty run_uncertainty(const Model& model, const PreparedScenario& prepared, MonteCarloOptions mc,
                               std::optional<RunOutput> sensitivity = std::nullopt, std::size_t top = 10);

}  // namespace reclaim
