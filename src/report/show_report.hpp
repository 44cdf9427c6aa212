#pragma once
// Writers for `reclaim list`, `show material`, `show product` and `check`.

#include <ostream>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "engine/evaluate/contents.hpp"
#include "engine/questions/bom_tree.hpp"
#include "model/model.hpp"
#include "report/format.hpp"

namespace reclaim {

//! `list materials|products|routes|plans|classes|elements`; false if `what` is unknown.
bool write_list(std::ostream& out, Format format, const Model& model, std::string_view what);

//! JSON of a material: {"id", "name", "formula", "composition": {"Li": 0.0716, ...}}.
nlohmann::json material_json(const Model& model, std::size_t material, const Eigen::VectorXd& composition);
void write_material(std::ostream& out, Format format, const Model& model, std::size_t material,
                    const Eigen::VectorXd& composition);

//! JSON of a product: {"id", "name", "unit", "content_kg", "by_class", "parts"}.
nlohmann::json product_json(const Model& model, std::size_t product, const BomNode& tree,
                            const ClassContent& by_class);
void write_product(std::ostream& out, Format format, const Model& model, std::size_t product,
                   const BomNode& tree, const ClassContent& by_class);

//! Element -> value for the non-zero entries of `v`, in element table order.
nlohmann::json element_map(const Model& model, const Eigen::VectorXd& v);

//! The problems `check` found, one per line (table, md) or as rows (csv, json); in JSON its
//! `warnings` too, a list beside "problems" with the same fields (the other formats leave
//! warnings to standard error). Warnings do not change the exit code.
void write_problems(std::ostream& out, Format format, const std::vector<Problem>& problems,
                    const std::vector<Problem>& warnings = {});

}  // namespace reclaim
