#include "engine/questions/targets.hpp"

#include <algorithm>
#include <cmath>

#include "engine/evaluate/plan_shares.hpp"

namespace reclaim {

namespace {

using Idx = Eigen::Index;
Idx ix(std::size_t i) { return static_cast<Idx>(i); }

double recovered_total(const ScenarioResult& r, std::size_t e, int t)
{
    return r.recovered_eol_kg(ix(e), t) + r.recovered_scrap_kg(ix(e), t);
}

// Solves base + slope * x = needed for x in [0, 1].
LeverSolution solve_line(double base, double slope, double needed, double demand)
{
    LeverSolution s;
    s.applicable = slope != 0.0;
    s.max_share = demand > 0.0 ? (base + std::max(slope, 0.0)) / demand : 0.0;
    if (!(demand > 0.0)) return s;
    if (base >= needed * (1.0 - kTargetTolerance)) {
        s.reachable = true;
        s.required = 0.0;
        return s;
    }
    if (slope <= 0.0) return s;
    double x = (needed - base) / slope;
    s.reachable = x <= 1.0;
    s.required = std::min(x, 1.0);
    return s;
}

}  // namespace

bool meets_target(double achieved, double share)
{
    return std::isfinite(achieved) && achieved >= share * (1.0 - kTargetTolerance);
}

std::vector<TargetStatus> target_status(const Scenario& scenario, const ScenarioResult& result)
{
    std::vector<TargetStatus> out;
    for (const auto& target : scenario.targets) {
        TargetStatus s;
        s.target = target;
        int t = result.index_of(target.year);
        s.demand_kg = result.demand_kg(ix(target.element), t);
        s.recovered_eol_kg = result.recovered_eol_kg(ix(target.element), t);
        s.recovered_scrap_kg = result.recovered_scrap_kg(ix(target.element), t);
        s.achieved_share = result.recycled_share(target.element, t);
        s.met = meets_target(s.achieved_share, target.share);
        for (int y = 0; y < result.n_years; ++y) {
            if (meets_target(result.recycled_share(target.element, y), target.share)) {
                s.first_year_met = result.year(y);
                break;
            }
        }
        out.push_back(s);
    }
    return out;
}

std::vector<TargetAnalysis> analyse_targets(ScenarioQuestion& question, const ParamValues& values,
                                            const ScenarioResult& base)
{
    const Scenario& sc = question.scenario();
    const Model& model = question.model();
    std::vector<TargetAnalysis> out;
    if (sc.targets.empty()) return out;
    // Two more runs define both lines: everything collected, and every shredded magnet extracted.
    RunLevers full_collection;
    full_collection.uniform_collection = 1.0;
    ScenarioResult full = question.evaluate(values, full_collection);
    std::optional<ScenarioResult> extracted;
    if (sc.magnet_lever) {
        RunLevers all_extracted;
        all_extracted.magnet_moved = 1.0;
        extracted = question.evaluate(values, all_extracted);
    }

    for (const auto& status : target_status(sc, base)) {
        TargetAnalysis a;
        a.status = status;
        const std::size_t e = status.target.element;
        const int t = base.index_of(status.target.year);
        const double demand = status.demand_kg;
        const double needed = status.target.share * demand;
        const double scrap = base.recovered_scrap_kg(ix(e), t);

        // recovered(c) = c * R_full + scrap: the line passes through (0, scrap).
        a.collection = solve_line(scrap, full.recovered_eol_kg(ix(e), t), needed, demand);
        a.collection.applicable = true;  // "at most X% at full collection" is an answer even when X is 0

        if (extracted) {
            const double r0 = recovered_total(base, e, t);
            a.magnet_moved = solve_line(r0, recovered_total(*extracted, e, t) - r0, needed, demand);
            const MagnetLever& m = *sc.magnet_lever;
            Eigen::MatrixXd s = plan_shares(model, question.plan_of_year()[static_cast<std::size_t>(t)], values);
            double shredded = s(ix(m.treatment_class), ix(m.shred_route));
            double extracted_now = s(ix(m.treatment_class), ix(m.extraction_route));
            a.magnet_extraction_share = extracted_now + a.magnet_moved.required * shredded;
            a.magnet_extraction_max = extracted_now + shredded;
        }
        out.push_back(a);
    }
    return out;
}

}  // namespace reclaim
