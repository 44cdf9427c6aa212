#pragma once
// What a feedstock is worth through a route: the route solved, its recovered forms valued
// (valuer.hpp), its processing cost per mass of feed, and the net value per tonne of feed
// (`reclaim value`). docs/value.md explains the rules.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/evaluate/route_network.hpp"
#include "engine/evaluate/share_sets.hpp"
#include "engine/evaluate/valuer.hpp"
#include "model/model.hpp"

namespace reclaim {

//! One recovered:* sink of a route solve per form, for a feed of `feed_kg` [kg per element].
std::vector<RecoveredForm> recovered_forms(const Model& model, const RouteSolution& solution,
                                           const Eigen::VectorXd& feed_kg);

//! What is fed to every route: a material or a product, as element masses.
struct Feedstock {
    std::string id;
    bool product = false;
    double mass_kg = 0.0;        //!< [kg] of feed
    double units = 0.0;          //!< functional units of a product; 0 for a material
    Eigen::VectorXd element_kg;  //!< [kg] per element
    //! The treatment classes a route must accept to take the feed: a product's classes with mass,
    //! a material's class (none if materials.csv gives it none: only routes taking any class).
    std::vector<std::string> classes;
};

//! Why `route` does not take `feed` ("class 'battery' is sent to 'magnet_hpms', which accepts
//! only magnet ..."); empty if it takes it.
std::string refusal(const Model& model, const Feedstock& feed, std::size_t route);

//! A route left out of a ranking because it does not take the feed.
struct RefusedRoute {
    std::size_t route = npos;
    std::string reason;
};

//! `mass_kg` of a material: its composition x mass.
Feedstock material_feed(const Model& model, std::size_t material, double mass_kg, const ParamValues& values);
//! `units` functional units of a product: its content (every class) x units.
Feedstock product_feed_units(const Model& model, std::size_t product, double units, const ParamValues& values);
//! As many units of a product as make `mass_kg`.
Feedstock product_feed_mass(const Model& model, std::size_t product, double mass_kg, const ParamValues& values);

//! The cost items of a route in routes/costs.csv, in file order; empty if it has none.
std::vector<const RouteCost*> costs_of(const Model& model, std::size_t route);

//! The price of a route's main product (the priced form of largest value) at which net = 0.
struct BreakEven {
    std::string form;
    double price_usd_per_kg = 0.0;    //!< [USD per kg of the form]; negative: net > 0 even at 0
    double current_usd_per_kg = 0.0;  //!< the price used [USD per kg of the form]
};

//! Value of a whole feed through one route.
struct RouteValue {
    std::size_t route = npos;
    std::vector<RecoveredForm> recovered;
    FormsValue value;
    std::vector<const RouteCost*> costs;  //!< the cost items; empty: no cost data
    std::vector<double> cost_items_usd;   //!< [USD] per item, for the whole feed
    double cost_usd = 0.0;                //!< sum of the items [USD] for the whole feed
    double gross_usd_per_t = 0.0;         //!< [USD per tonne of feed]
    std::optional<double> net_usd;        //!< gross - cost [USD]; none without cost data
    std::optional<double> net_usd_per_t;  //!< [USD per tonne of feed]; none without cost data
    std::optional<BreakEven> break_even;  //!< none without cost data or priced form
    [[nodiscard]] bool costed() const { return !costs.empty(); }
};

//! The routes' feed values at any parameter values: each route compiled once, then solved and
//! valued per call (nominal values, a tornado's end, a Monte Carlo sample). The one evaluation
//! of `value` that value_routes and value_uncertainty both use.
class FeedValuation {
public:
    FeedValuation(const Model& model, const Feedstock& feed, const std::vector<std::size_t>& routes);

    //! Every route valued at `values`, in the given order.
    [[nodiscard]] std::vector<RouteValue> evaluate(const ParamValues& values);
    //! Route i revalued at `values` without solving it again (prices and costs do not change
    //! where elements go): `rv` must be route i's value at values with the same transfers.
    void revalue(std::size_t i, RouteValue& rv, const ParamValues& values) const;
    //! What a sample of the routes' value sets: transfer coefficients, prices, payables, cost items.
    [[nodiscard]] const std::vector<ParamId>& params() const { return params_; }
    //! The transfer coefficient sets of the routes.
    [[nodiscard]] ShareSets share_sets() const;
    [[nodiscard]] const std::vector<std::size_t>& routes() const { return routes_; }

private:
    const Model* model_;
    Feedstock feed_;
    std::vector<std::size_t> routes_;
    std::vector<RouteNetwork> networks_;
    std::vector<FormValuer> valuers_;
    std::vector<ParamId> params_;
};

//! Solves `route` and values the feed through it.
RouteValue value_route(const Model& model, const Feedstock& feed, std::size_t route, const ParamValues& values);

//! Costed routes first, best (highest net per tonne) to worst; then the routes without cost
//! data, by gross per tonne: never ranked on gross against costed routes. Ties keep the order.
void rank_routes(std::vector<RouteValue>& values);

//! The routes valued and ranked (rank_routes).
std::vector<RouteValue> value_routes(const Model& model, const Feedstock& feed,
                                     const std::vector<std::size_t>& routes, const ParamValues& values);

//! The net value of a route at low and high of one price, payable or cost, others at nominal.
struct PriceSwing {
    std::string kind;   //!< "price", "payable" or "cost"
    std::string label;  //!< the form, or "route/item" for a cost item
    ParamId param;
    double low = 0.0, high = 0.0;  //!< the parameter's range [USD/kg, fraction or USD/kg feed]
    //! [USD per tonne of feed]; gross per tonne for a route without cost data
    double net_usd_per_t_at_low = 0.0;
    double net_usd_per_t_at_high = 0.0;
    [[nodiscard]] double swing_usd_per_t() const;
};

//! The ranged prices, payables and cost items behind a route's value, largest swing first (a
//! tornado of the net per tonne; of the gross per tonne for a route without cost data).
std::vector<PriceSwing> price_sensitivity(const Model& model, const Feedstock& feed, const RouteValue& value,
                                          const ParamValues& values);

}  // namespace reclaim
