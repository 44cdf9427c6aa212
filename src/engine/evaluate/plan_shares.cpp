#include "engine/evaluate/plan_shares.hpp"

#include <algorithm>
#include <numeric>

namespace reclaim {

PlanShares::PlanShares(const Model& model, std::size_t plan, const std::vector<std::size_t>& routes)
    : plan_(plan)
{
    for (const auto& s : model.plans[plan].shares) {
        auto it = std::find(routes.begin(), routes.end(), s.route);
        if (it == routes.end()) throw Error("plan '" + model.plans[plan].id + "': a route of the plan was not compiled");
        rows_.push_back(Row{s.product, s.treatment_class, static_cast<std::size_t>(it - routes.begin()), s.share});
    }
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].product == npos) class_rows_.push_back(i);
    // A product's own rows for a class replace the class-wide rows of that class.
    for (const auto& row : rows_) {
        if (row.product == npos ||
            std::any_of(product_rows_.begin(), product_rows_.end(), [&](const auto& p) { return p.first == row.product; }))
            continue;
        std::vector<bool> own(model.classes.size(), false);
        for (const auto& r : rows_)
            if (r.product == row.product) own[r.treatment_class] = true;
        std::vector<std::size_t> applies;
        for (std::size_t i = 0; i < rows_.size(); ++i)
            if (rows_[i].product == npos ? !own[rows_[i].treatment_class] : rows_[i].product == row.product)
                applies.push_back(i);
        product_rows_.emplace_back(row.product, std::move(applies));
    }
}

bool PlanShares::has_own_rows(std::size_t product) const
{
    return std::any_of(product_rows_.begin(), product_rows_.end(), [&](const auto& p) { return p.first == product; });
}

std::vector<std::pair<std::size_t, std::size_t>> PlanShares::cells(std::size_t product) const
{
    const std::vector<std::size_t>* applies = &class_rows_;
    for (const auto& [p, rows] : product_rows_)
        if (p == product) applies = &rows;
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i : *applies) out.emplace_back(rows_[i].treatment_class, rows_[i].column);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
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
    const std::vector<std::size_t>* applies = &class_rows_;
    for (const auto& [p, rows] : product_rows_)
        if (p == product) applies = &rows;
    for (std::size_t i : *applies) {
        const Row& r = rows_[i];
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


namespace {

// Every (class, BoM line) of `product`'s tree: lines with a class, through sub-assemblies without one.
void tree_classes(const Model& model, std::size_t product, std::vector<std::pair<std::size_t, std::size_t>>& out)
{
    for (const auto& l : model.products[product].bom) {
        if (l.treatment_class != npos) out.emplace_back(l.treatment_class, l.line);
        else tree_classes(model, l.item, out);  // depth bounded by the loader (64)
    }
}

}  // namespace

std::vector<Problem> unrouted_classes(const Model& model)
{
    std::vector<std::size_t> all(model.routes.size());
    for (std::size_t r = 0; r < all.size(); ++r) all[r] = r;
    std::vector<Problem> out;
    for (std::size_t plan = 0; plan < model.plans.size(); ++plan) {
        const PlanShares shares(model, plan, all);
        std::vector<bool> reported(model.classes.size(), false);
        for (std::size_t p = 0; p < model.products.size(); ++p) {
            std::vector<std::size_t> routed;
            for (const auto& [cls, column] : shares.cells(p)) routed.push_back(cls);
            std::vector<std::pair<std::size_t, std::size_t>> used;
            tree_classes(model, p, used);
            std::sort(used.begin(), used.end());  // by class, then first line
            for (const auto& [cls, line] : used) {
                if (reported[cls] || std::find(routed.begin(), routed.end(), cls) != routed.end()) continue;
                reported[cls] = true;
                const std::string why = shares.has_own_rows(p)
                                            ? "its rows for product '" + model.products[p].id + "' have none for it"
                                            : "routes/plans.csv has no row for it";
                out.push_back(Problem{Location{"products/bom.csv", line, "class"}, model.classes[cls],
                                      "is sent to no route by plan '" + model.plans[plan].id + "' (" + why +
                                          "): under that plan it is untreated"});
            }
        }
    }
    return out;
}

}  // namespace reclaim
