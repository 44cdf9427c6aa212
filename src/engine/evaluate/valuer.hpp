#pragma once
// What recovered material is worth: the kg of each traded form (Li2CO3, CoSO4·7H2O, NdPr
// oxide...) from the element masses a route sends into it, by stoichiometry, and its price and
// payable share from the price list. One valuer for every question (docs/value.md).

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/evaluate/route_network.hpp"
#include "model/model.hpp"

namespace reclaim {

//! A form named after "recovered:" (a material id or a chemical formula), resolved.
struct FormInfo {
    std::string name;
    bool resolved = false;      //!< a material id or a formula: its mass follows by stoichiometry
    Eigen::VectorXd fractions;  //!< mass fraction of each element in the form [fraction]
    std::vector<bool> basis;    //!< elements whose routed mass sets the form's mass
    std::string key;            //!< same key, same substance: "li2co3" and "Li2CO3" match
};

//! Resolves `form` against the materials (by id, then by formula); `compositions` as from
//! material_compositions. An unknown name is returned unresolved (its kg = the routed kg).
FormInfo resolve_form(const Model& model, const std::string& form,
                      const std::vector<Eigen::VectorXd>& compositions);

//! Mass of the form made from `element_kg` routed into it [kg]: the routed kg of the basis
//! elements over their mass fraction in the form. Routed kg of other elements (reagent-like
//! H, C, N, O, F, P, S, Cl, or elements the form does not contain) go to `other_kg` if given.
double form_mass_kg(const FormInfo& form, const Eigen::VectorXd& element_kg, double* other_kg = nullptr);

//! kg of the form per kg of each element routed into it [kg/kg per element]: 1/(mass fraction of
//! the basis together) for basis elements, 0 for the others; 1 for every element of an unresolved
//! form. form_mass_kg() is the dot product of these weights with the routed kg.
Eigen::VectorXd form_kg_weights(const FormInfo& form);

//! kg of `form` made from 1 kg of `element` [kg/kg]: Li -> Li2CO3 = 5.3233. Throws LookupError
//! if the form is unknown or does not contain the element.
double form_kg_per_element_kg(const Model& model, const std::string& form, std::size_t element);

//! Element masses routed into one recovered form [kg per element].
struct RecoveredForm {
    std::string form;            //!< the name after "recovered:"
    Eigen::VectorXd element_kg;  //!< [kg] per element of the model
};

//! Adds `more` to `into`, summing forms of the same name (several routes into one list).
void add_forms(std::vector<RecoveredForm>& into, const std::vector<RecoveredForm>& more);

//! The price row used for a form: among rows of the same substance, the latest date, then the
//! first in the file; nullptr if none.
const Price* price_of(const Model& model, const FormInfo& form);

//! One valued form.
struct FormValue {
    std::string form;
    bool resolved = false;
    double kg = 0.0;        //!< mass of the form [kg]
    double other_kg = 0.0;  //!< routed element mass not counted in the form [kg]
    Eigen::VectorXd element_kg;
    const Price* price = nullptr;   //!< nullptr: unpriced, value unknown (not zero)
    double price_usd_per_kg = 0.0;  //!< [USD per kg of the form]
    double payable = 1.0;           //!< [fraction] of the price paid
    double value_usd = 0.0;         //!< kg x price x payable [USD]
    [[nodiscard]] bool priced() const { return price != nullptr; }
};

//! A set of valued forms and their priced total.
struct FormsValue {
    std::vector<FormValue> forms;
    double gross_usd = 0.0;     //!< sum over priced forms [USD]
    std::size_t unpriced = 0;   //!< forms with kg > 0 and no price
};

//! Recovered forms resolved and their price rows found once, to value the same forms many times
//! (every year of a run, every Monte Carlo sample). Prices do not depend on parameter values;
//! the forms' compositions are those given at construction.
class FormValuer {
public:
    //! `compositions` as from material_compositions (for forms that are materials without formula).
    FormValuer(const Model& model, const std::vector<std::string>& forms, const std::vector<Eigen::VectorXd>& compositions);

    [[nodiscard]] std::size_t size() const { return forms_.size(); }
    [[nodiscard]] const FormInfo& form(std::size_t i) const { return forms_[i]; }
    //! The price row of form i; nullptr if unpriced.
    [[nodiscard]] const Price* price(std::size_t i) const { return prices_[i]; }
    //! Price x payable of form i at `values` [USD per kg of the form]; 0 if unpriced.
    [[nodiscard]] double usd_per_kg(std::size_t i, const ParamValues& values) const;
    //! Values `forms`, which must name the forms of the constructor in the same order.
    [[nodiscard]] FormsValue value(const std::vector<RecoveredForm>& forms, const ParamValues& values) const;

private:
    std::vector<FormInfo> forms_;
    std::vector<const Price*> prices_;
};

//! Values recovered forms (form -> element kg) at `values` (nominal or a Monte Carlo sample).
//! The entry point for `assess` and `run`: collect forms with recovered_forms/add_forms, value.
FormsValue value_forms(const Model& model, const std::vector<RecoveredForm>& forms, const ParamValues& values);

}  // namespace reclaim
