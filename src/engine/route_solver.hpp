#pragma once
// Route networks: each process splits each element among other processes and sinks by
// transfer coefficients; the steady state (I - Tᵀ) x = feed gives, per element, the fraction of
// the route's feed that ends in each sink, loops included. Conservation is checked every solve.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/error.hpp"
#include "model/model.hpp"

namespace reclaim {

//! A transfer from a process into a sink: losses and recoveries are attributed to it.
struct SinkEdge {
    std::size_t process = npos;
    std::size_t sink = npos;  //!< index into Route::sinks
};

//! A transfer from one process to another (loops included): flows of the Sankey diagram.
struct ProcessLink {
    std::size_t from = npos;
    std::size_t to = npos;
};

//! Per element, where one kg fed to a route ends up.
struct RouteSolution {
    std::size_t route = npos;
    std::vector<SinkEdge> edges;  //!< every process -> sink transfer of the route
    Eigen::MatrixXd edge_yield;   //!< elements x edges [fraction of the element's feed]
    std::vector<ProcessLink> links;  //!< every process -> process transfer of the route
    Eigen::MatrixXd link_yield;   //!< elements x links [kg through the link per kg fed]
    Eigen::MatrixXd sink_yield;   //!< elements x sinks [fraction]; rows sum to 1
    Eigen::MatrixXd throughput;   //!< elements x processes [kg through the process per kg fed]
    Eigen::VectorXd recovered;    //!< per element: sum of the recovered:* sinks [fraction]
    double max_residual = 0.0;    //!< max over elements of |1 - row sum of sink_yield|
};

//! Relative tolerance of the conservation check of every solve.
inline constexpr double kBalanceTolerance = 1e-9;

//! Solves one route with the given parameter values. The shares of each (process, element)
//! are divided by their sum at these values (a Monte Carlo sample may not sum to 1).
//! Throws BalanceError if an element cannot leave the network (a loop with no exit) or if
//! the sinks of an element do not sum to its feed within kBalanceTolerance.
RouteSolution solve_route(const Model& model, std::size_t route, const ParamValues& values);

//! Every route of the model, in model order.
std::vector<RouteSolution> solve_routes(const Model& model, const ParamValues& values);

//! Structural problems of the route networks at nominal values: processes that the entry
//! cannot reach, and loops that an element cannot leave. Used by `reclaim check`.
void validate_routes(const Model& model, Diagnostics& diag);

//! True for "recovered:*" sink names.
bool is_recovered_sink(const std::string& sink);

}  // namespace reclaim
