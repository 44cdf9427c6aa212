#pragma once
// What a feedstock is worth through a route: the route solved, its recovered forms valued
// (valuer.hpp), its processing cost per mass of feed, and the net value per tonne of feed
// (`reclaim value`). docs/value.md explains the rules.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

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

//! The processing cost row of a route, nullptr if routes/costs.csv has none.
const RouteCost* cost_of(const Model& model, std::size_t route);

//! Value of a whole feed through one route.
struct RouteValue {
    std::size_t route = npos;
    std::vector<RecoveredForm> recovered;
    FormsValue value;
    const RouteCost* cost = nullptr;  //!< nullptr: cost unknown, net = gross
    double cost_usd = 0.0;            //!< [USD] for the whole feed
    double net_usd = 0.0;             //!< gross - cost [USD]
    double net_usd_per_t = 0.0;       //!< [USD per tonne of feed]
};

//! Solves `route` and values the feed through it.
RouteValue value_route(const Model& model, const Feedstock& feed, std::size_t route, const ParamValues& values);

//! The routes valued and ranked best (highest net per tonne) to worst; ties keep the given order.
std::vector<RouteValue> value_routes(const Model& model, const Feedstock& feed,
                                     const std::vector<std::size_t>& routes, const ParamValues& values);

//! The net value of a route at low and high of one price, payable or cost, others at nominal.
struct PriceSwing {
    std::string kind;   //!< "price", "payable" or "cost"
    std::string label;  //!< the form or the route it belongs to
    ParamId param;
    double low = 0.0, high = 0.0;  //!< the parameter's range [USD/kg, fraction or USD/kg feed]
    double net_usd_per_t_at_low = 0.0;
    double net_usd_per_t_at_high = 0.0;
    [[nodiscard]] double swing_usd_per_t() const;
};

//! The ranged prices, payables and cost behind a route's value, largest swing first (a tornado).
std::vector<PriceSwing> price_sensitivity(const Model& model, const Feedstock& feed, const RouteValue& value,
                                          const ParamValues& values);

}  // namespace reclaim
