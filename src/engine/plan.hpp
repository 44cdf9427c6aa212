#pragma once
// Plans: which share of each treatment class goes to which route.

#include <Eigen/Core>

#include "model/model.hpp"

namespace reclaim {

//! Share of each treatment class sent to each route under `plan` [fraction]: classes x routes.
//! Rows sum to at most 1; the rest of a class is untreated. A sampled row above 1 is scaled to 1.
Eigen::MatrixXd plan_shares(const Model& model, std::size_t plan, const ParamValues& values);

//! All of every class to one route (`--route R`).
Eigen::MatrixXd single_route_shares(const Model& model, std::size_t route);

}  // namespace reclaim
