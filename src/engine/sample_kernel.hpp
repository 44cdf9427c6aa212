#pragma once
// The parameter-dependent parts of the model, compiled once for one question and evaluated per
// Monte Carlo sample without rebuilding anything: product contents restricted to the products,
// materials and elements the outputs need, and route yields restricted to the needed elements.
// They give the numbers flatten.cpp and route_solver.cpp give (same normalisations, same mass
// balance check); tests/engine/test_sample_kernel.cpp compares them.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "model/model.hpp"

namespace reclaim {

//! Element content per functional unit of some products, on a subset of the elements.
class ContentKernel {
public:
    //! Compiles the BoM trees of `products` and the compositions of `extra_materials` (e.g.
    //! scrap), restricted to `elements` (model indices, any order).
    ContentKernel(const Model& model, const std::vector<std::size_t>& products, const std::vector<std::size_t>& elements,
                  const std::vector<std::size_t>& extra_materials = {});

    //! Evaluates every compiled material and product at `values`.
    void evaluate(const ParamValues& values);
    //! Content of one FU of model product `product` [kg]: classes x the kernel's elements.
    [[nodiscard]] const Eigen::MatrixXd& content(std::size_t product) const { return product_content_[product]; }
    //! Mass fractions of model material `material` on the kernel's elements.
    [[nodiscard]] const Eigen::VectorXd& composition(std::size_t material) const { return composition_[material]; }
    //! Materials reached, children first (model indices).
    [[nodiscard]] const std::vector<std::size_t>& materials() const { return material_order_; }
    //! Products reached, sub-assemblies first (model indices).
    [[nodiscard]] const std::vector<std::size_t>& products() const { return product_order_; }
    //! Parameters the contents depend on (BoM quantities, composition fractions).
    [[nodiscard]] std::vector<ParamId> params() const;

private:
    const Model* model_;
    std::vector<std::size_t> local_;  //!< model element -> kernel column, npos if not kept
    std::vector<std::size_t> material_order_, product_order_;
    std::vector<Eigen::VectorXd> composition_;      //!< per model material (empty if not reached)
    std::vector<Eigen::MatrixXd> product_content_;  //!< per model product (empty if not reached)
};

//! Every element (model index) that any material of these products can contain.
std::vector<std::size_t> elements_of(const Model& model, const std::vector<std::size_t>& products);

//! The recovered fraction of each kept element fed to one route, from the steady state of the
//! route's network at the sampled transfer coefficients.
class RouteKernel {
public:
    RouteKernel(const Model& model, std::size_t route, const std::vector<std::size_t>& elements);

    //! Solves the route at `values`. Where the quick solve does not conserve mass within
    //! kBalanceTolerance (a loop left without exit by a sampled zero share, ...), it falls back to
    //! solve_route(), which names the problem in a BalanceError or handles the case.
    void evaluate(const ParamValues& values);
    //! Per kept element: the fraction of its feed that ends in a recovered:* sink.
    [[nodiscard]] const Eigen::VectorXd& recovered() const { return recovered_; }
    //! Kept elements x the route's sinks: the fraction of each element's feed ending in each sink.
    [[nodiscard]] const Eigen::MatrixXd& sink_yield() const { return sink_yield_; }
    [[nodiscard]] std::size_t route() const { return route_; }
    //! The transfer coefficients of the route.
    [[nodiscard]] std::vector<ParamId> params() const;

private:
    struct Arc {
        std::uint32_t param;
        std::uint32_t to;  //!< row of the destination process, or kSink
        bool recovered;    //!< a recovered:* sink
        std::uint32_t sink;  //!< index into Route::sinks when to == kSink
    };
    struct Group {             //!< one set of transfer rows: the '*' rows or one element's
        std::vector<std::size_t> arcs_begin;  //!< per active process, into arcs (size m + 1)
        std::vector<Arc> arcs;
        std::size_t entry = 0;  //!< row of the entry process
    };
    static constexpr std::uint32_t kSink = UINT32_MAX;

    const Model* model_;
    std::size_t route_;
    std::vector<std::size_t> elements_;      //!< kept elements (model indices)
    std::vector<std::size_t> group_of_;      //!< per kept element
    std::vector<Group> groups_;
    std::vector<double> group_recovered_;    //!< per group, this sample
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> group_sink_;  //!< groups x sinks
    Eigen::VectorXd recovered_;
    Eigen::MatrixXd sink_yield_;
    Eigen::MatrixXd lhs_;  //!< scratch
    Eigen::VectorXd x_;    //!< scratch
    bool solve_group(const Group& g, const ParamValues& values, double& recovered, Eigen::Ref<Eigen::RowVectorXd> sinks);
};

}  // namespace reclaim
