#pragma once
// `reclaim show route ID --format html`: where each element fed to a route ends up, as a
// report with one Sankey diagram per element.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "core/param.hpp"
#include "engine/evaluate/route_network.hpp"
#include "model/model.hpp"
#include "report/html.hpp"
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

//! A sink's name for people: "recovered:Li2CO3" -> "Li2CO3", "loss:dust" -> "lost: dust".
std::string sink_label(const std::string& sink);

//! The HTML/Markdown report of a solved route: recovery by element (bars and a sink x element
//! table), one Sankey diagram per element of route_elements(), the assumptions table.
//! (`show route` JSON, table, CSV and Markdown come from report/assess_report.hpp.)
ReportDocument route_report(const Model& model, const RouteSolution& solution, const ParamValues& values);

}  // namespace reclaim
