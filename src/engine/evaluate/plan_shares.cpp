#include "engine/evaluate/plan_shares.hpp"

#include <algorithm>
#include <numeric>

namespace reclaim {

PlanShares::PlanShares(const Model& model, std::size_t plan, const std::vector<std::size_t>& routes)
    : model_(&model), plan_(plan)
{
    for (const auto& s : model.plans[plan].shares) {
        auto it = std::find(routes.begin(), routes.end(), s.route);
        if (it == routes.end()) throw Error("plan '" + model.plans[plan].id + "': a route of the plan was not compiled");
        rows_.push_back(Row{s.product, s.treatment_class, static_cast<std::size_t>(it - routes.begin()), s.share});
    }
}

std::vector<ParamId> PlanShares::params() const
{
    std::vector<ParamId> out;
    for (const auto& r : rows_) out.push_back(r.share);
    return out;
}

void PlanShares::evaluate(const ParamValues& values, std::size_t product, Eigen::MatrixXd& out) const
{
    out.setZero();
    // Classes this product has rows of its own for: their class-wide rows do not apply.
    std::vector<bool> own(model_->classes.size(), false);
    if (product != npos)
        for (const auto& r : rows_)
            if (r.product == product) own[r.treatment_class] = true;
    for (const auto& r : rows_) {
        const bool applies = r.product == npos ? !own[r.treatment_class] : r.product == product;
        if (!applies) continue;
        out(static_cast<Eigen::Index>(r.treatment_class), static_cast<Eigen::Index>(r.column)) +=
            std::clamp(values[r.share.index], 0.0, 1.0);
    }
    for (Eigen::Index c = 0; c < out.rows(); ++c) {
        const double sum = out.row(c).sum();
        if (sum > 1.0) out.row(c) /= sum;
    }
}

Eigen::MatrixXd plan_shares(const Model& model, std::size_t plan, const ParamValues& values, std::size_t product)
{
    std::vector<std::size_t> routes(model.routes.size());
    std::iota(routes.begin(), routes.end(), std::size_t{0});
    Eigen::MatrixXd s(static_cast<Eigen::Index>(model.classes.size()), static_cast<Eigen::Index>(routes.size()));
    PlanShares(model, plan, routes).evaluate(values, product, s);
    return s;
}

Eigen::MatrixXd single_route_shares(const Model& model, std::size_t route)
{
    Eigen::MatrixXd s = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(model.classes.size()),
                                              static_cast<Eigen::Index>(model.routes.size()));
    s.col(static_cast<Eigen::Index>(route)).setOnes();
    return s;
}

}  // namespace reclaim
