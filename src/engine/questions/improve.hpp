#pragma once
// Which design change gains most (`reclaim improve`): each change is assessed exactly with the
// engine against the product as it is, under the same plan, amount and collection: sending one
// treatment class (liberated before shredding) to a route that accepts it, separating one part
// from the rest of its class and sending it alone to the best route that accepts it, leaving a
// part out, or a variant of the data given as an overlay. Ranked by the gain in the measure.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/questions/assess.hpp"
#include "engine/uncertainty/summaries.hpp"
#include "model/model.hpp"

namespace reclaim {

//! What a change is ranked by.
struct ImproveMeasure {
    enum class Kind { Critical, Element, Value } kind = Kind::Critical;
    std::size_t element = npos;  //!< with Element
};

//! A variant of the product: the same product id in a model loaded with an overlay.
struct DesignVariant {
    std::string name;
    std::string folder;
    const Model* model = nullptr;
};

struct DesignChange {
    enum class Kind { Route, SeparatePart, RemovePart, Variant } kind = Kind::Route;
    std::string text;                     //!< what the change requires, in words from the data
    std::size_t treatment_class = npos;   //!< Route; SeparatePart: the class the part leaves
    std::size_t route = npos;             //!< Route, SeparatePart
    std::string part;                     //!< SeparatePart ("motor/rotor magnets" in a sub-assembly), RemovePart
    std::string variant;                  //!< Variant: its name
    std::vector<std::pair<std::string, double>> gain_kg;  //!< element symbol -> kg, non-zero only, model order
    double gain_value_usd = 0.0;          //!< recovered value, change minus baseline [USD]
    double gain = 0.0;                    //!< in the measure: kg (critical, element) or USD (value)
    //! With samples: the gain's summary over common samples of the change and the baseline, and
    //! the share of samples where it is positive. Not for a variant (its data is another table).
    std::optional<Summary> gain_samples;
    double probability_positive = 0.0;
};

//! How one change is assessed: the model it is assessed in (the data itself, a copy with a part
//! separated or left out, or a variant's) and the options.
struct DesignTrial {
    std::shared_ptr<const Model> owned;  //!< set when the trial's model is a copy
    const Model* model = nullptr;
    AssessOptions options;
    bool same_table = true;  //!< the model's parameters are the data's (not a variant's)
};

//! "route", "separate_part", "remove_part" or "variant" (the JSON `kind`).
const char* kind_name(DesignChange::Kind kind);

struct Improvement {
    Assessment baseline;
    double baseline_score = 0.0;
    std::vector<DesignChange> changes;  //!< largest gain first; ties keep the order tried
    std::vector<DesignTrial> trials;    //!< per change, how it was assessed
    AssessOptions options;              //!< the baseline's
    ImproveMeasure measure;
};

//! The measure of an assessment: kg of the critical elements (`critical`) or of the measure's
//! element, or USD recovered (the assessment's `value_usd`).
double improve_score(const Assessment& a, const std::vector<std::size_t>& critical, const ImproveMeasure& measure);

//! `options` is the baseline (a plan is required); its critical elements are those the
//! Critical measure sums. Every change is evaluated at nominal values (improve_uncertainty in
//! engine/uncertainty adds the samples).
Improvement improve(const Model& model, const AssessOptions& options, const ImproveMeasure& measure,
                    const std::vector<DesignVariant>& variants = {});

}  // namespace reclaim
