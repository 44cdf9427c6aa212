#pragma once
// Plans: which share of each treatment class goes to which route. A plan row may name a
// product: it then applies to that product's class only, replacing the class-wide rows.

#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "model/model.hpp"

namespace reclaim {

//! One plan compiled on some routes (the columns), for any product and parameter values.
class PlanShares {
public:
    PlanShares(const Model& model, std::size_t plan, const std::vector<std::size_t>& routes);

    //! Share of each class of `product` (npos: the class-wide rows only) sent to each route at
    //! `values` [fraction], classes x routes: each share clamped to [0, 1], a class whose shares
    //! sum above 1 divided by its sum; the rest of a class is untreated.
    void evaluate(const ParamValues& values, std::size_t product, Eigen::MatrixXd& out) const;
    [[nodiscard]] std::size_t plan() const { return plan_; }
    //! The plan's shares.
    [[nodiscard]] std::vector<ParamId> params() const;

private:
    struct Row {
        std::size_t product, treatment_class, column;
        ParamId share;
    };
    const Model* model_;
    std::size_t plan_;
    std::vector<Row> rows_;
};

//! The class-wide shares of `plan` at `values` on every route of the model: classes x routes.
Eigen::MatrixXd plan_shares(const Model& model, std::size_t plan, const ParamValues& values,
                            std::size_t product = npos);

//! All of every class to one route (`--route R`), on every route of the model.
Eigen::MatrixXd single_route_shares(const Model& model, std::size_t route);

}  // namespace reclaim
