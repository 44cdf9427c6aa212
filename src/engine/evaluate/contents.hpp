#pragma once
// Contents: materials to element mass fractions, products to kg of each element per functional
// unit and treatment class, recursively through mixtures and sub-assemblies. Compiled once for
// the products, materials and elements a question needs, evaluated at any parameter values.
// The rules: the rows of a composition without a balance row are divided by their sum; a
// balance row takes 1 - sum(others), at least 0 (the others divided by their sum if above 1).

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "model/model.hpp"

namespace reclaim {

//! Content of one functional unit of a product [kg]: rows = treatment classes, cols = elements.
using ClassContent = Eigen::MatrixXd;

//! The weight of each BoM row of `product` (in Product::bom order) for products built in
//! `cohort`: 1 for a row without a cohort; the rows of a part given by cohort are interpolated
//! linearly between the two listed cohorts around it and held flat outside them (nullopt: each
//! part's latest listed cohort) [fraction].
std::vector<double> cohort_weights(const Product& product, std::optional<int> cohort);

class Contents {
public:
    //! Compiles the BoM trees of `products` and the compositions of `extra_materials` (scrap,
    //! forms), restricted to `elements` (model indices, any order: the columns).
    Contents(const Model& model, const std::vector<std::size_t>& products, const std::vector<std::size_t>& elements,
             const std::vector<std::size_t>& extra_materials = {});

    //! Evaluates every compiled material and product at `values`, products built in `cohort`
    //! (nullopt: the latest listed cohort of each part).
    void evaluate(const ParamValues& values, std::optional<int> cohort = std::nullopt);
    //! Evaluates the products again for another cohort; the materials stay as last evaluated.
    void evaluate_products(const ParamValues& values, std::optional<int> cohort);
    //! True if the content of model product `product` depends on its cohort (rows by cohort in
    //! its BoM tree).
    [[nodiscard]] bool varies_by_cohort(std::size_t product) const { return varies_[product]; }
    //! Content of one FU of model product `product` [kg]: classes x the compiled elements.
    [[nodiscard]] const ClassContent& content(std::size_t product) const { return product_content_[product]; }
    //! Mass fractions of model material `material` on the compiled elements.
    [[nodiscard]] const Eigen::VectorXd& composition(std::size_t material) const { return composition_[material]; }
    //! Materials reached, children first (model indices).
    [[nodiscard]] const std::vector<std::size_t>& materials() const { return material_order_; }
    //! Products reached, sub-assemblies first (model indices).
    [[nodiscard]] const std::vector<std::size_t>& products() const { return product_order_; }
    //! The compiled elements (model indices), in column order.
    [[nodiscard]] const std::vector<std::size_t>& elements() const { return elements_; }
    //! Parameters the contents depend on (BoM quantities, composition fractions).
    [[nodiscard]] std::vector<ParamId> params() const;

private:
    const Model* model_;
    std::vector<std::size_t> elements_;
    std::vector<std::size_t> local_;  //!< model element -> column, npos if not compiled
    std::vector<std::size_t> material_order_, product_order_;
    std::vector<Eigen::VectorXd> composition_;   //!< per model material (empty if not reached)
    std::vector<ClassContent> product_content_;  //!< per model product (empty if not reached)
    //! Per model product: its parts given by cohort, each as (cohort, BoM row) sorted by cohort.
    std::vector<std::vector<std::vector<std::pair<int, std::size_t>>>> cohort_parts_;
    std::vector<bool> varies_;     //!< per model product
    std::vector<double> weights_;  //!< scratch: the weight of each row of one product
};

//! Every element (model index) that any material reached from these products and materials
//! can contain, in model order.
std::vector<std::size_t> elements_of(const Model& model, const std::vector<std::size_t>& products,
                                     const std::vector<std::size_t>& materials = {});

//! Every element of the model, 0..n-1.
std::vector<std::size_t> all_elements(const Model& model);

//! Element mass fractions of every material at `values` (one vector of size n_elements each).
std::vector<Eigen::VectorXd> material_compositions(const Model& model, const ParamValues& values);

//! Content of every product per functional unit at `values` (classes x every element).
std::vector<ClassContent> product_contents(const Model& model, const ParamValues& values);

//! Content of one product per functional unit at `values`, built in `cohort` (nullopt: the latest).
ClassContent flatten_product(const Model& model, std::size_t product, const ParamValues& values,
                             std::optional<int> cohort = std::nullopt);

}  // namespace reclaim
