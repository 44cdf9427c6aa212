#pragma once
// `reclaim run --format iamc`: the run in the IAMC wide format that pyam and the
// integrated-assessment community read (docs/formats.md): a row per variable, a column per year.

#include <ostream>

#include "engine/questions/scenario.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! Model,Scenario,Region,Variable,Unit,<first year>...<last year>; per element of the run
//! (run_elements) the variables Demand|E, End of Life|E (and |Collected, |Collected|Untreated,
//! |Uncollected), Scrap|E, Recycling|Recovered|E (and |End of Life, |Scrap), Recycling|Share|E and
//! Recycling|Lost|E|End of Life|<loss> / Recycling|Lost|E|Scrap|<loss>. Masses in t/yr, the share
//! as a fraction (an empty cell where there is no demand); numbers as results.csv writes them.
void write_run_iamc(std::ostream& out, const Model& model, const Scenario& scenario, const ScenarioResult& result);

}  // namespace reclaim
