#pragma once
// Uncertainty of a static assessment: Monte Carlo over every ranged parameter the assessed
// product, its plan (or route) and those routes use, summarised per element (recovered mass,
// recovery rate) and for the recyclability rate, with a tornado for one element's recovered mass.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/assess.hpp"
#include "engine/monte_carlo.hpp"
#include "engine/sample_kernel.hpp"
#include "engine/value.hpp"

namespace reclaim {

//! One output's tornado, with the output's value at nominal parameters.
struct Sensitivity {
    std::string output;    //!< e.g. "Nd recovered_kg", "Nd recycled_share 2035"
    double nominal = 0.0;  //!< the output at nominal values
    std::vector<TornadoBar> bars;  //!< largest swing first
};

//! The uncertainty of one assessment.
struct AssessUncertainty {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    Adjustments adjustments;
    std::size_t ranged_params = 0;       //!< ranged parameters the assessment depends on (sampled)
    std::vector<std::size_t> elements;   //!< elements contained at nominal values (model order)
    std::vector<Summary> recovered_kg;   //!< per entry of `elements` [kg]
    std::vector<Summary> recovery_rate;  //!< per entry of `elements` [fraction]
    Summary recyclability_rate;          //!< [fraction]
    Summary value_usd;                   //!< value of the recovered forms (assess_value's total) [USD]
    std::optional<Sensitivity> sensitivity;
};

//! The headline outputs of one assessment, for any parameter values, without building an
//! Assessment: recovered mass and recovery rate of every contained element and the
//! recyclability rate; equal to assess() within rounding (tests/engine/test_assess_uncertainty.cpp).
class AssessHeadline {
public:
    AssessHeadline(const Model& model, const AssessOptions& options);

    //! Evaluates at `values`; returns how many share sets were renormalised.
    std::size_t evaluate(const ParamValues& values);
    //! Elements the kernel keeps (every element the product can contain, model indices).
    [[nodiscard]] const std::vector<std::size_t>& elements() const { return elements_; }
    //! Per kept element, after evaluate() [kg].
    [[nodiscard]] const Eigen::VectorXd& recovered_kg() const { return recovered_; }
    //! Per kept element, after evaluate() [kg].
    [[nodiscard]] const Eigen::VectorXd& contained_kg() const { return contained_; }
    //! After evaluate() [fraction].
    [[nodiscard]] double recyclability_rate() const { return recyclability_; }
    //! Value of the recovered forms at the sampled prices, after evaluate() [USD]; the forms'
    //! own compositions (for forms that are materials without a formula) stay nominal.
    [[nodiscard]] double value_usd() const { return value_; }
    //! The ranged parameters the outputs depend on, in parameter order.
    [[nodiscard]] const std::vector<ParamId>& ranged() const { return ranged_; }

private:
    const Model* model_;
    AssessOptions options_;
    std::vector<std::size_t> elements_;
    std::vector<std::size_t> routes_;
    ContentKernel contents_;
    std::vector<RouteKernel> route_kernels_;
    ShareSets sets_;
    ParamValues balanced_;  //!< the sample with its share sets balanced (scratch)
    std::vector<ParamId> ranged_;
    Eigen::MatrixXd shares_;  //!< classes x routes_
    Eigen::VectorXd recovered_, contained_;
    double recyclability_ = 0.0;
    FormValuer valuer_;                             //!< the recovered forms of routes_
    std::vector<std::vector<std::size_t>> sink_form_;  //!< per route of routes_: sink -> form, npos if a loss
    std::vector<Eigen::VectorXd> form_kg_weights_;  //!< per form: kg of form per kg of kept element
    Eigen::VectorXd usd_per_element_kg_;            //!< scratch, per kept element
    double value_ = 0.0;
};

//! Runs `mc.samples` samples of the assessment `options` (mc.sampled is filled here) and, when
//! `sensitivity_element` is given, the tornado of that element's recovered mass (top `top`),
//! with first-order indices when the sample budget allows.
AssessUncertainty assess_uncertainty(const Model& model, const AssessOptions& options, MonteCarloOptions mc,
                                     std::optional<std::size_t> sensitivity_element = std::nullopt,
                                     std::size_t top = 10);

}  // namespace reclaim
