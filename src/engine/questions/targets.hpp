#pragma once
// Targets: whether each recycled-share target is met, the first year it is, and the inverse
// questions. Both levers act linearly on the recovered mass of the target year, so two runs of
// the scenario define each line exactly and the lever is solved in closed form, not by trial:
//   uniform collection rate c:  recovered(c) = c * R_full + S   (R_full: end-of-life recovery
//                                at 100% collection, S: recovered from scrap)
//   magnet extraction y:        recovered(y) = R_0 + y * (R_1 - R_0)   (y: share of the magnets
//                                the plan shreds that is extracted first instead)

#include <cstddef>
#include <optional>
#include <vector>

#include "core/param.hpp"
#include "engine/questions/scenario.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace reclaim {

//! A target against a run: what was achieved in its year and the first year it is met.
struct TargetStatus {
    Target target;
    double demand_kg = 0.0;           //!< in the target year [kg]
    double recovered_eol_kg = 0.0;    //!< [kg]
    double recovered_scrap_kg = 0.0;  //!< [kg]
    double achieved_share = 0.0;      //!< recovered / demand; NaN without demand [fraction]
    bool met = false;
    std::optional<int> first_year_met;  //!< nullopt: not met within the horizon
};

//! A share counts as met within this relative tolerance (the balance tolerance).
inline constexpr double kTargetTolerance = 1e-9;

//! The status of every target of the scenario in `result`.
std::vector<TargetStatus> target_status(const Scenario& scenario, const ScenarioResult& result);

//! The lever value that meets a target, or the most the lever can give.
struct LeverSolution {
    bool applicable = false;  //!< false: the lever does not change this element's recovery (magnets
                              //!< without the element); collection always applies
    bool reachable = false;   //!< the target can be met with the lever within its range
    double required = 0.0;    //!< lever value that meets the target exactly (0 if met without it)
    double max_share = 0.0;   //!< recycled share at the lever's maximum [fraction]
};

//! A parameter whose low or high end alone, every other parameter nominal, turns a target from
//! met to not met or the other way round.
struct TargetFlip {
    ParamId param;
    Param spec;            //!< as the data gives it
    Origin origin;         //!< file, line, column, source
    bool high = false;     //!< which end: the high (true) or the low
    double value = 0.0;    //!< the parameter at that end [base unit]
    double achieved_share = 0.0;  //!< the target's recycled share then [fraction]
    bool met = false;             //!< the verdict then (the opposite of the run's)
};

//! A target with both inverse questions answered.
struct TargetAnalysis {
    TargetStatus status;
    //! The uniform collection rate of every product [fraction], at most 1.
    LeverSolution collection;
    //! y, the share of the magnets sent to shredding that must be extracted first instead.
    LeverSolution magnet_moved;
    //! The resulting share of the magnet class sent to the extraction route in the target year,
    //! and the largest it can be (every shredded magnet extracted) [fraction].
    double magnet_extraction_share = 0.0;
    double magnet_extraction_max = 0.0;
    //! The parameters whose one end flips the verdict, largest change of share first (set by
    //! add_target_flips in engine/uncertainty/target_flips.hpp).
    std::vector<TargetFlip> flips;
};

//! Status and inverse questions of every target: evaluates `question` (a full one) at full
//! uniform collection and with every shredded magnet extracted, and solves both lines exactly.
std::vector<TargetAnalysis> analyse_targets(ScenarioQuestion& question, const ParamValues& values,
                                            const ScenarioResult& base);

//! Whether a recycled share meets a target share, within kTargetTolerance.
bool meets_target(double achieved, double share);

}  // namespace reclaim
