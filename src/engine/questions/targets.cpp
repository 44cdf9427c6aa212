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
    // What the base run gives in each target year, read before the question is evaluated again
    // (`base` may be the question's own result).
    const std::vector<TargetStatus> statuses = target_status(sc, base);
    std::vector<double> scrap, r0, full_eol, r1;
    for (const auto& st : statuses) {
        const int t = base.index_of(st.target.year);
        scrap.push_back(base.recovered_scrap_kg(ix(st.target.element), t));
        r0.push_back(recovered_total(base, st.target.element, t));
    }
    // Two more runs define both lines: everything collected, and every shredded magnet extracted.
    RunLevers full_collection;
    full_collection.uniform_collection = 1.0;
    {
        const ScenarioResult& full = question.evaluate(values, full_collection);
        for (const auto& st : statuses)
            full_eol.push_back(full.recovered_eol_kg(ix(st.target.element), full.index_of(st.target.year)));
    }
    if (sc.magnet_lever) {
        RunLevers all_extracted;
        all_extracted.magnet_moved = 1.0;
        const ScenarioResult& extracted = question.evaluate(values, all_extracted);
        for (const auto& st : statuses)
            r1.push_back(recovered_total(extracted, st.target.element, extracted.index_of(st.target.year)));
    }

    for (std::size_t k = 0; k < statuses.size(); ++k) {
        TargetAnalysis a;
        a.status = statuses[k];
        const int t = base.index_of(a.status.target.year);
        const double demand = a.status.demand_kg;
        const double needed = a.status.target.share * demand;

        // recovered(c) = c * R_full + scrap: the line passes through (0, scrap).
        a.collection = solve_line(scrap[k], full_eol[k], needed, demand);
        a.collection.applicable = true;  // "at most X% at full collection" is an answer even when X is 0

        if (sc.magnet_lever) {
            a.magnet_moved = solve_line(r0[k], r1[k] - r0[k], needed, demand);
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
