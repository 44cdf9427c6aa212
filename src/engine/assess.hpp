#pragma once
// Static assessment: an amount of a product, a collection rate and a plan (or one route) give,
// per element, how much is contained, uncollected, untreated, recovered (by form and route) and
// lost (by route, process and sink). Every kg of every element is accounted for, checked on
// every assessment (BalanceError otherwise).

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <Eigen/Core>

#include "core/units.hpp"
#include "engine/flatten.hpp"
#include "engine/route_solver.hpp"
#include "model/model.hpp"

namespace reclaim {

//! What depends only on the parameter values: product contents and route solutions. Each route
//! is solved once, on first use, however many products and plans are assessed with it.
//! Not thread-safe: use one per thread (one per Monte Carlo sample).
class SolvedModel {
public:
    SolvedModel(const Model& model, ParamValues values);
    //! At the nominal parameter values.
    explicit SolvedModel(const Model& model);

    [[nodiscard]] const Model& model() const { return *model_; }
    [[nodiscard]] const ParamValues& values() const { return values_; }
    //! Content of one functional unit of `product` [kg]: classes x elements.
    [[nodiscard]] const ClassContent& content(std::size_t product) const { return contents_[product]; }
    //! Total mass of one functional unit of `product` (its whole BoM) [kg].
    [[nodiscard]] double mass_kg(std::size_t product) const { return contents_[product].sum(); }
    //! The solution of `route`, solved on first use.
    [[nodiscard]] const RouteSolution& route(std::size_t route) const;
    //! How many route solves this object has done (each route at most once).
    [[nodiscard]] std::size_t solves() const { return solves_; }

private:
    const Model* model_;
    ParamValues values_;
    std::vector<ClassContent> contents_;
    mutable std::vector<std::optional<RouteSolution>> routes_;
    mutable std::size_t solves_ = 0;
};

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

    //! The number of functional units of `product` this amount is; UnitError if the dimension
    //! does not fit the product's functional unit.
    [[nodiscard]] double functional_units_of(const Model& model, const SolvedModel& solved,
                                             std::size_t product) const;
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
    std::size_t plan = npos;  //!< exactly one of plan and route
    std::size_t route = npos;
    std::vector<std::string> critical{"Nd", "Pr", "Dy", "Tb", "Li", "Co", "Ni"};  //!< for top_losses
    std::size_t top_losses = 10;  //!< how many of the largest critical losses to keep

    //! Every broken rule, e.g. "collection = 1.3; violated: 0 <= collection <= 1"; empty if valid.
    [[nodiscard]] std::vector<std::string> problems(const Model& model) const;
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

//! One of the largest losses of a critical element, with its cause in words.
struct TopLoss {
    enum class Kind { Uncollected, Untreated, Route } kind = Kind::Route;
    std::size_t element = npos;
    std::size_t treatment_class = npos;
    std::size_t route = npos;    //!< Kind::Route only
    std::size_t process = npos;  //!< Kind::Route only
    std::string sink;            //!< "uncollected", "loss:untreated" or the route's sink
    double kg = 0.0;             //!< [kg]
    double share = 0.0;          //!< of the element's contained mass [fraction]
    //! Why, without the figure (reports prefix "71% of Nd: "):
    //! "magnet — shredded with steel (shred_steel/shred) -> loss:ferrous-scrap".
    std::string cause;
};

//! One edge of the flow graph (Sankey diagram). Node names: "class:<class>", "collection",
//! "uncollected", "untreated", "<route>/<process>", and sink names ("recovered:Cu", merged
//! across routes). Every node that is neither a class (source) nor terminal balances.
struct FlowEdge {
    std::string from;
    std::string to;
    std::size_t element = npos;
    double kg = 0.0;  //!< [kg]
};

//! The answer of one assessment; vectors are per element (model element order) [kg].
struct Assessment {
    std::size_t product = npos;
    std::size_t plan = npos;   //!< npos with a single route
    std::size_t route = npos;  //!< npos with a plan
    double functional_units = 0.0;  //!< [FU of the product]
    double product_mass_kg = 0.0;   //!< total BoM mass of the assessed amount [kg]
    double collection = 1.0;        //!< [fraction]

    Eigen::VectorXd contained_kg, uncollected_kg, untreated_kg, recovered_kg, lost_kg;
    Eigen::MatrixXd uncollected_by_class, untreated_by_class;  //!< classes x elements [kg]
    Eigen::MatrixXd recovered_by_route;  //!< elements x routes [kg]
    std::vector<std::string> forms;      //!< recovered forms (sink names without "recovered:")
    Eigen::MatrixXd recovered_by_form;   //!< elements x forms [kg]
    std::vector<LossFlow> losses;        //!< per (route, process, sink), summed over classes
    std::vector<LossFlow> class_losses;  //!< per (class, route, process, sink)
    Eigen::VectorXd recovery_rate;       //!< recovered / contained, 0 where nothing is contained
    double recyclability_rate = 0.0;     //!< total recovered mass / product mass [fraction]
    double balance_residual = 0.0;       //!< max over elements of the relative imbalance
    std::vector<TopLoss> top_losses;     //!< largest losses of critical elements, by share
    std::vector<FlowEdge> flows;         //!< the flow graph
};

//! Tolerance of the mass balance of every assessment [relative].
inline constexpr double kAssessBalanceTolerance = 1e-9;

//! Assesses one product. Throws std::invalid_argument listing every broken option rule,
//! UnitError for an amount that does not fit the product, BalanceError if mass is not conserved.
Assessment assess(const SolvedModel& solved, const AssessOptions& options);

//! The plan used without --plan/--route: `uk-current` if the data has it, else the first plan;
//! nullopt if the data has no plan.
std::optional<std::size_t> default_plan(const Model& model);

}  // namespace reclaim
