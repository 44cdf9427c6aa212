#pragma once
// A product's bill of materials as a tree, each line with its element content per functional
// unit of the root product (`reclaim show product`).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/param.hpp"
#include "model/model.hpp"

namespace reclaim {

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
//! BoM rows given by cohort are those of products built in `cohort` (nullopt: the latest listed),
//! each with its interpolation weight in its quantity; rows of weight 0 are left out.
BomNode bom_tree(const Model& model, std::size_t product, const ParamValues& values,
                 std::optional<int> cohort = std::nullopt);

}  // namespace reclaim
