#pragma once
// Route networks: each process splits each element among other processes and sinks by
// transfer coefficients; the steady state (I - Tᵀ) x = feed gives, per element, the fraction of
// the route's feed that ends in each sink, loops included. A RouteNetwork is compiled once per
// route and question and solved at any parameter values; conservation is checked every solve.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/error.hpp"
#include "core/param.hpp"
#include "model/model.hpp"

namespace reclaim {

//! How much of a result an evaluation fills: what Monte Carlo keeps, or everything.
enum class Detail { Headline, Full };

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

//! Per element, where one kg fed to a route ends up. Rows are `elements` (model indices).
struct RouteSolution {
    std::size_t route = npos;
    std::vector<std::size_t> elements;  //!< the element of each row (model indices)
    std::vector<SinkEdge> edges;        //!< every process -> sink transfer of the route
    std::vector<ProcessLink> links;     //!< every process -> process transfer of the route
    Eigen::MatrixXd sink_yield;   //!< elements x sinks [fraction]; rows sum to 1
    Eigen::VectorXd recovered;    //!< per element: sum of the recovered sinks [fraction]
    Eigen::MatrixXd edge_yield;   //!< Full: elements x edges [fraction of the element's feed]
    Eigen::MatrixXd link_yield;   //!< Full: elements x links [kg through the link per kg fed]
    Eigen::MatrixXd throughput;   //!< Full: elements x processes [kg through the process per kg fed]
    double max_residual = 0.0;    //!< max over elements of |1 - row sum of sink_yield|
    std::vector<ParamId> params;  //!< the transfer coefficients the solution depends on
};

//! Relative tolerance of the conservation check of every solve.
inline constexpr double kBalanceTolerance = 1e-9;

class RouteNetwork {
public:
    //! Compiles `route` for `elements` (model indices: the rows of the solution). Elements with
    //! no rows of their own share one solve of the '*' rows.
    RouteNetwork(const Model& model, std::size_t route, const std::vector<std::size_t>& elements);

    //! Solves at `values`: the shares of each (process, element) are divided by their sum (a
    //! sampled point may not sum to 1). Throws InputError at the route's row if the values leave
    //! an element no way out of a loop, or close a loop to within 1e-9 of everything returning;
    //! BalanceError (a bug) if its sinks do not sum to its feed within kBalanceTolerance.
    void evaluate(const ParamValues& values, Detail detail);
    [[nodiscard]] const RouteSolution& solution() const { return sol_; }
    [[nodiscard]] std::size_t route() const { return route_; }
    //! The transfer coefficients of the route.
    [[nodiscard]] std::vector<ParamId> params() const;
    //! Adds to `diag` the structural problems at `values`: processes the entry cannot reach,
    //! loops an element cannot leave (for `reclaim check`; validate_routes also solves).
    void validate(const ParamValues& values, Diagnostics& diag) const;

private:
    struct Arc {
        std::uint32_t param;
        bool to_sink;
        std::uint32_t to;     //!< process index, or sink index
        std::uint32_t index;  //!< into edges (to_sink) or links
    };
    struct Group {  //!< one set of transfer rows: the '*' rows or one element's
        std::string label;                    //!< the element's symbol, or the '*' wording
        std::vector<std::size_t> arcs_begin;  //!< per process, into arcs (size processes + 1)
        std::vector<Arc> arcs;
        //! The processes reached when every share is positive (the common case), once known.
        std::vector<std::size_t> all_positive_active;
        bool all_positive_known = false;
    };
    void reach(const Group& g, const ParamValues& values, std::vector<bool>& seen, std::vector<bool>& exits) const;
    void solve_group(Group& g, const ParamValues& values, Detail detail, std::size_t row);
    void find_active(const Group& g, const ParamValues& values);

    const Model* model_;
    std::size_t route_;
    std::vector<Group> groups_;
    std::vector<std::size_t> group_of_;  //!< per row
    std::vector<std::size_t> first_row_;  //!< per group: the row solved; others copy it
    RouteSolution sol_;
    // scratch
    std::vector<double> share_;  //!< per arc of the group being solved
    std::vector<bool> seen_, exits_;
    std::vector<std::size_t> active_, row_of_;
    Eigen::MatrixXd lhs_;
    Eigen::VectorXd x_;
};

//! Solves one route on every element of the model at `values`, in full.
RouteSolution solve_route(const Model& model, std::size_t route, const ParamValues& values);

//! Structural problems of every route network at nominal values (`reclaim check`).
void validate_routes(const Model& model, Diagnostics& diag);

}  // namespace reclaim
