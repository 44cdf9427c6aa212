#pragma once
// Writers for `reclaim assess`, `reclaim compare` and `reclaim show route` (docs/json.md).

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/questions/assess.hpp"
#include "engine/evaluate/route_network.hpp"
#include "model/model.hpp"
#include "report/format.hpp"

namespace reclaim {

//! "71% of Nd: magnet — shredded with steel (shred_steel/shred) -> loss:ferrous-scrap".
std::string top_loss_text(const Model& model, const Assessment& a, const TopLoss& loss);
//! Why a top loss happened, in words, without the figure:
//! "magnet — shredded with steel (shred_steel/shred) -> loss:ferrous-scrap".
std::string top_loss_cause(const Model& model, const Assessment& a, const TopLoss& t);
//! The sink of a top loss: "uncollected", "loss:untreated" or the route's sink label.
std::string top_loss_sink(const Model& model, const TopLoss& t);

//! JSON of one assessment: {"product", "units", "collection", "plan", "elements": {"Nd":
//! {"contained_kg", "uncollected_kg", "untreated_kg", "recovered_kg", "recovered_by_form",
//! "losses", "recovery_rate", ...}}, "recyclability_rate", "balance_residual", ...}.
nlohmann::json assess_json(const Model& model, const Assessment& a);

//! One assessment as a per-element table (elements present only), the collection and plan
//! stated, then the largest losses of critical elements. `plan_defaulted`: say the plan was
//! chosen because none was given.
void write_assessment(std::ostream& out, Format format, const Model& model, const Assessment& a,
                      bool plan_defaulted = false);

//! "plan" or "route id" of an assessment, as a column label.
std::string treatment_label(const Model& model, const Assessment& a);
//! Whether `as` (a comparison) holds different products (`compare --products`).
bool compares_products(const std::vector<Assessment>& as);
//! The column label of as[k] in a comparison: the product id when products are compared, else
//! the plan or route id.
std::string compare_label(const Model& model, const std::vector<Assessment>& as, std::size_t k);
//! How the product is treated, in words: "plan uk-current (default)", "route magnet_hpms for
//! magnet; the other classes by plan uk-current (default)".
std::string treatment_text(const Model& model, const Assessment& a, bool plan_defaulted);
//! Why a collected class is untreated: "sent to no route by plan P" or "not accepted by route R...".
std::string untreated_reason(const Model& model, const Assessment& a);

//! JSON of assessments of one product side by side (same amount and collection).
nlohmann::json compare_json(const Model& model, const std::vector<Assessment>& as);

//! Assessments side by side, one column per plan or route, the best per element marked `*`.
void write_comparison(std::ostream& out, Format format, const Model& model, const std::vector<Assessment>& as);

//! JSON of a route: {"id", "name", "entry", "trl", "processes": [...], "yields": {"Nd": {sink: fraction}}}.
nlohmann::json route_json(const Model& model, std::size_t route, const RouteSolution& sol, const ParamValues& values);

//! A route's processes, links with shares, and per-element yields to each sink (table form:
//! elements with their own rows plus the `*` default row).
void write_route(std::ostream& out, Format format, const Model& model, std::size_t route, const RouteSolution& sol,
                 const ParamValues& values);

}  // namespace reclaim
