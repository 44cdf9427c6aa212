#include "engine/plan.hpp"

#include <algorithm>

namespace reclaim {

Eigen::MatrixXd plan_shares(const Model& model, std::size_t plan, const ParamValues& values)
{
    Eigen::MatrixXd s = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(model.classes.size()),
                                              static_cast<Eigen::Index>(model.routes.size()));
    for (const auto& ps : model.plans[plan].shares)
        s(static_cast<Eigen::Index>(ps.treatment_class), static_cast<Eigen::Index>(ps.route)) +=
            std::clamp(values[ps.share.index], 0.0, 1.0);
    for (Eigen::Index c = 0; c < s.rows(); ++c) {
        double sum = s.row(c).sum();
        if (sum > 1.0) s.row(c) /= sum;
    }
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
