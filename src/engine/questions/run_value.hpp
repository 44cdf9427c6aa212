#pragma once
// What a scenario recovers is worth, year by year: the recovered forms of end-of-life products
// and scrap (ScenarioResult::recovered_form_kg) valued at the price list, one price per form (the
// latest date, as `reclaim value` picks it), through FormValuer (value.hpp).

#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/evaluate/valuer.hpp"
#include "engine/results.hpp"

namespace reclaim {

//! The value of a run's recovered forms per year.
struct RunValue {
    std::vector<std::string> forms;      //!< as ScenarioResult::forms
    std::vector<const Price*> prices;    //!< per form; nullptr: unpriced, its value unknown (not zero)
    std::vector<double> price_usd_per_kg;  //!< per form [USD per kg of the form]; 0 if unpriced
    std::vector<double> payable;           //!< per form [fraction of the price paid]; 1 if unpriced
    Eigen::MatrixXd form_kg;             //!< forms x years [kg of the form]
    Eigen::VectorXd usd;                 //!< per year, priced forms only [USD]

    //! Forms with mass in some year and no price.
    [[nodiscard]] std::vector<std::string> unpriced() const;
    //! The distinct dates of the prices of forms with mass in some year, oldest first.
    [[nodiscard]] std::vector<std::string> price_dates() const;
};

//! Values what `result` recovers at `values` (normally the run's own, nominal); the yearly total
//! is the run's own (ScenarioResult::value_usd), the forms' masses and prices are listed here.
RunValue run_value(const Model& model, const ScenarioResult& result, const ParamValues& values);

}  // namespace reclaim
