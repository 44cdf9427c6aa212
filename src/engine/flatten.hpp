#pragma once
// Flattening: materials to element mass fractions, products to kg of each element per
// functional unit and treatment class, recursively through mixtures and sub-assemblies.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "model/model.hpp"

namespace reclaim {

//! Element mass fractions of every material (one vector of size n_elements each, summing to 1).
//! Rows of a composition are normalised to sum to 1; a `balance` row takes 1 - sum(others),
//! at least 0. Materials are evaluated once each, children first.
std::vector<Eigen::VectorXd> material_compositions(const Model& model, const ParamValues& values);

//! Content of one functional unit of a product [kg]: rows = treatment classes, cols = elements.
using ClassContent = Eigen::MatrixXd;

//! Content of every product per functional unit, sub-assemblies evaluated once each.
std::vector<ClassContent> product_contents(const Model& model, const ParamValues& values,
                                           const std::vector<Eigen::VectorXd>& compositions);

//! Content of one product per functional unit (convenience over product_contents).
ClassContent flatten_product(const Model& model, std::size_t product, const ParamValues& values);

//! One line of a BoM tree, with its element content per functional unit of the root product.
struct BomNode {
    std::string part;
    std::string item;
    std::string treatment_class;  //!< "" when the sub-assembly's own classes apply
    double quantity = 0.0;        //!< per FU of the parent, in `unit` (kg for materials)
    std::string unit;
    std::size_t line = 0;         //!< products/bom.csv line
    Eigen::VectorXd kg;           //!< element content of this line per FU of the root [kg]
    std::vector<BomNode> children;
};

//! The BoM tree of a product; the root's kg is the product's total per functional unit.
BomNode bom_tree(const Model& model, std::size_t product, const ParamValues& values);

}  // namespace reclaim
