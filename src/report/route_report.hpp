#pragma once
// `reclaim show route ID`: where each element fed to a route ends up, as tables, JSON, and a
// report with one Sankey diagram per element (the HTML) — the first user of sankey_svg.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/param.hpp"
#include "engine/route_solver.hpp"
#include "model/model.hpp"
#include "report/format.hpp"
#include "report/sankey_layout.hpp"

namespace reclaim {

//! The flow of `element` through a solved route for `feed_kg` fed to its entry: a "feed"
//! node, the processes it passes (throughput), the sinks it reaches; links in kg, process to
//! process flows = throughput x normalised transfer share, so each node conserves mass.
SankeyGraph route_flow_graph(const Model& model, const RouteSolution& solution, const ParamValues& values,
                             std::size_t element, double feed_kg = 1.0);

//! The elements worth a diagram of their own: those with element-specific transfer rows, in
//! element table order, then one element that only follows the '*' rows (if any) standing
//! for all the others.
std::vector<std::size_t> route_elements(const Model& model, std::size_t route);

//! Every parameter the route's transfers use (for the assumptions table).
std::vector<ParamId> route_params(const Model& model, std::size_t route);

//! A sink's name for people: "recovered:Li2CO3" -> "Li2CO3", "loss:dust" -> "lost: dust".
std::string sink_label(const std::string& sink);

//! JSON of a solved route: {"id", "name", "trl", "entry", "processes", "sinks",
//! "elements": [{"element", "stands_for_others", "recovered", "sinks": {sink: fraction},
//! "flows": [{"from", "to", "kg_per_kg"}]}]}.
nlohmann::json route_json(const Model& model, const RouteSolution& solution, const ParamValues& values);

//! The route in any format; html and md are a report with a Sankey per element and the
//! assumptions table.
void write_route(std::ostream& out, Format format, const Model& model, const RouteSolution& solution,
                 const ParamValues& values);

}  // namespace reclaim
