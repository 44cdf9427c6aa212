#pragma once
// `--price FORM=VALUE[:LOW:HIGH]`: one form's price replaced for this run, on top of the price
// list (materials/prices.csv or --prices FILE, with --merge or not).

#include <string>
#include <vector>

#include "model/model.hpp"

namespace reclaim {

//! One --price option as given.
struct PriceOverride {
    std::string text;        //!< as given: "li2co3=12:10:15"
    std::string form;        //!< a form of the price list (material id or formula)
    double usd_per_kg = 0.0;
    double low = 0.0, high = 0.0;  //!< == usd_per_kg when no range is given
    bool ranged = false;
};

//! What an override did, for the report.
struct AppliedOverride {
    PriceOverride given;
    std::vector<std::string> replaced;  //!< "materials/prices.csv:3": the rows of the substance
    ParamId param;                      //!< the new price [USD per kg of the form]
};

//! Points every price row of the override's substance (Model::form_key) at one new parameter
//! with origin "--price:<n>" (n counts the --price options from 1): whichever row the valuer
//! picks for the form, it values it at the override; payable shares stay. LookupError (exit 2)
//! if no row prices the form.
AppliedOverride apply_price_override(Model& model, const PriceOverride& given, std::size_t n);

}  // namespace reclaim
