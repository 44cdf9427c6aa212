#pragma once
// Static assessment: an amount of a product, a collection rate and a plan (or one route) give,
// per element, how much is contained, uncollected, untreated, recovered (by form and route) and
// lost (by route, process and sink). Compiled once (AssessQuestion) and evaluated at any
// parameter values: nominal for the answer, each sample for Monte Carlo. Every kg of every
// element is accounted for, checked on every evaluation (BalanceError otherwise).

#include <cstddef>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "core/units.hpp"
#include "engine/evaluate/contents.hpp"
#include "engine/evaluate/plan_shares.hpp"
#include "engine/evaluate/route_network.hpp"
#include "engine/evaluate/share_sets.hpp"
#include "engine/evaluate/valuer.hpp"
#include "engine/results.hpp"
#include "model/model.hpp"

namespace reclaim {

//! How much of a product: a quantity in its functional unit, or a total BoM mass.
class Amount {
public:
    //! `n` pieces of a product counted in `unit`.
    static Amount of(Count n) { return Amount(n.value(), Dimension::Count, false); }
    //! Battery capacity, for products per kWh.
    static Amount of(Energy e) { return Amount(e.value(), Dimension::Energy, false); }
    //! Rated power, for products per MW.
    static Amount of(Power p) { return Amount(p.value(), Dimension::Power, false); }
    //! A mass of a product whose functional unit is a mass (`kg`).
    static Amount of(Mass m) { return Amount(m.value(), Dimension::Mass, false); }
    //! As many functional units as make `m` of total BoM mass (`--mass`).
    static Amount total_mass(Mass m) { return Amount(m.value(), Dimension::Mass, true); }
    //! `n` of the product's functional unit (whatever its dimension), e.g. `--units 60` of a kWh product.
    static Amount functional_units(double n, const UnitDef& unit);

    //! The functional units of `product` this amount is, given the mass of one FU [kg]; UnitError
    //! if the dimension does not fit the product's functional unit.
    [[nodiscard]] double functional_units_of(const Model& model, std::size_t product, double mass_per_unit_kg) const;
    //! UnitError if the amount's dimension does not fit the product's functional unit.
    void check_fits(const Model& model, std::size_t product) const;
    [[nodiscard]] bool is_total_mass() const { return total_mass_; }
    //! The amount in base units of its dimension (unit, J, W, kg).
    [[nodiscard]] double base_value() const { return base_; }
    [[nodiscard]] Dimension dimension() const { return dim_; }

private:
    Amount(double base, Dimension dim, bool total_mass) : base_(base), dim_(dim), total_mass_(total_mass) {}
    double base_;  //!< in base units of dim_ (unit, J, W, kg)
    Dimension dim_;
    bool total_mass_;
};

//! The question of one assessment. Validate with problems() before use.
struct AssessOptions {
    std::size_t product = npos;
    Amount amount = Amount::of(units_of(1.0));
    double collection = 1.0;  //!< share of end-of-life units reaching treatment [fraction]
    //! At least one of plan and route. A route treats the classes it accepts (`accepts` in
    //! routes.csv); the other classes follow the plan, untreated without one.
    std::size_t plan = npos;
    std::size_t route = npos;
    std::size_t route_class = npos;  //!< with route: only this class goes to it (it must accept it)
    std::vector<std::size_t> critical;  //!< elements whose largest losses top_losses lists
    std::size_t top_losses = 10;  //!< how many of the largest critical losses to keep
    std::optional<int> cohort;    //!< the year the product is built (BoM rows by cohort); nullopt: the latest

    //! Every broken rule, e.g. "collection = 1.3; violated: 0 <= collection <= 1"; empty if valid.
    [[nodiscard]] std::vector<std::string> problems(const Model& model) const;
};

//! Tolerance of the mass balance of every assessment [relative].
inline constexpr double kAssessBalanceTolerance = 1e-9;

//! One assessment compiled: the product's contents on the elements it can contain, the plan's
//! shares for the product, the networks of the routes it can feed, the valuer of their forms.
class AssessQuestion {
public:
    //! Throws UsageError listing every broken option rule, UnitError for an amount that does not
    //! fit the product.
    AssessQuestion(const Model& model, const AssessOptions& options);

    //! The assessment at `values`. Throws BalanceError if mass is not conserved.
    Assessment evaluate(const ParamValues& values, Detail detail);
    [[nodiscard]] const AssessOptions& options() const { return options_; }
    //! The elements compiled (those the product can contain), model order.
    [[nodiscard]] const std::vector<std::size_t>& elements() const { return contents_.elements(); }
    //! Every parameter the answer depends on (contents, plan shares, transfer coefficients, prices).
    [[nodiscard]] const std::vector<ParamId>& params() const { return params_; }
    //! The share sets of those parameters.
    [[nodiscard]] ShareSets share_sets() const;

private:
    const Model* model_;
    AssessOptions options_;
    std::vector<std::size_t> routes_;  //!< the route first if given, then the plan's routes ascending
    Contents contents_;
    std::optional<PlanShares> plan_;
    std::vector<RouteNetwork> networks_;  //!< per entry of routes_
    FormValuer valuer_;                   //!< the recovered forms of routes_
    std::vector<std::vector<std::size_t>> sink_form_;  //!< per route of routes_: sink -> form, npos if a loss
    std::vector<Eigen::VectorXd> form_weights_;        //!< per form: kg of form per kg of compiled element
    std::vector<ParamId> params_;
    Eigen::MatrixXd shares_;  //!< classes x routes_ (scratch)
};

//! The assessment at `values` (default: nominal), in full.
Assessment assess(const Model& model, const AssessOptions& options);
Assessment assess(const Model& model, const AssessOptions& options, const ParamValues& values);

}  // namespace reclaim
