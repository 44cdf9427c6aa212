#pragma once
// Plans: which share of each treatment class goes to which route. A plan row may name a
// product: it then applies to that product's class only, replacing the class-wide rows.

#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "model/model.hpp"

#include "core/error.hpp"

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
    //! Whether `product` has rows of its own (else the class-wide shares apply to it).
    [[nodiscard]] bool has_own_rows(std::size_t product) const;
    //! The (class, column) cells that can hold a share for `product`.
    [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> cells(std::size_t product) const;
    //! The plan's shares.
    [[nodiscard]] std::vector<ParamId> params() const;

private:
    struct Row {
        std::size_t product, treatment_class, column;
        ParamId share;
    };
    std::size_t plan_;
    std::vector<Row> rows_;
    std::vector<std::size_t> class_rows_;  //!< the rows that apply to a product without rows of its own
    std::vector<std::pair<std::size_t, std::vector<std::size_t>>> product_rows_;  //!< (product, rows that apply)
};

//! A warning for each treatment class of a product's tree that a plan sends to no route for that
//! product (the rows that apply to it: its own, else the class-wide ones): it would be untreated.
//! Once per plan and class, at the first BoM line of the class in that product's tree; for `check`.
std::vector<Problem> unrouted_classes(const Model& model);

//! The class-wide shares of `plan` at `values` on every route of the model: classes x routes.
Eigen::MatrixXd plan_shares(const Model& model, std::size_t plan, const ParamValues& values,
                            std::size_t product = npos);


}  // namespace reclaim
