#include "report/iamc.hpp"

#include <cmath>
#include <string>

#include "report/format.hpp"
#include "report/run_report.hpp"

namespace reclaim {

namespace {

constexpr double kKgPerTonne = 1000.0;
// reclaim has no region of its own: a scenario is read for the place its data describe.
constexpr const char* kRegion = "unspecified";

Eigen::Index ix(std::size_t i) { return static_cast<Eigen::Index>(i); }

bool any_nonzero(const Eigen::MatrixXd& m, std::size_t row) { return m.row(ix(row)).cwiseAbs().sum() > 0.0; }

}  // namespace

void write_run_iamc(std::ostream& out, const Model& model, const Scenario& sc, const ScenarioResult& r)
{
    out << "Model,Scenario,Region,Variable,Unit";
    for (int t = 0; t < r.n_years; ++t) out << ',' << r.year(t);
    out << '\n';
    const std::string prefix = "reclaim," + csv_cell(sc.name) + "," + kRegion + ",";
    // One row: a value per year from `at(t)`; an undefined (non-finite) value is an empty cell.
    auto row = [&](const std::string& variable, const char* unit, auto at) {
        out << prefix << csv_cell(variable) << ',' << unit;
        for (int t = 0; t < r.n_years; ++t) {
            const double v = at(t);
            out << ',';
            if (std::isfinite(v)) out << sig(v, 12);
        }
        out << '\n';
    };
    auto tonnes = [&](const std::string& variable, const Eigen::MatrixXd& kg, std::size_t e) {
        row(variable, "t/yr", [&](int t) { return kg(ix(e), t) / kKgPerTonne; });
    };
    for (auto e : run_elements(r)) {
        const std::string& el = model.elements[e].symbol;
        tonnes("Demand|" + el, r.demand_kg, e);
        tonnes("End of Life|" + el, r.eol_kg, e);
        tonnes("End of Life|" + el + "|Collected", r.collected_kg, e);
        tonnes("End of Life|" + el + "|Collected|Untreated", r.untreated_kg, e);
        tonnes("End of Life|" + el + "|Uncollected", r.uncollected_kg, e);
        tonnes("Scrap|" + el, r.scrap_kg, e);
        row("Recycling|Recovered|" + el, "t/yr",
            [&](int t) { return (r.recovered_eol_kg(ix(e), t) + r.recovered_scrap_kg(ix(e), t)) / kKgPerTonne; });
        tonnes("Recycling|Recovered|" + el + "|End of Life", r.recovered_eol_kg, e);
        tonnes("Recycling|Recovered|" + el + "|Scrap", r.recovered_scrap_kg, e);
        row("Recycling|Share|" + el, "fraction", [&](int t) { return r.recycled_share(e, t); });
        for (std::size_t k = 0; k < r.loss_names.size(); ++k) {
            if (any_nonzero(r.loss_eol_kg[k], e))
                tonnes("Recycling|Lost|" + el + "|End of Life|" + r.loss_names[k], r.loss_eol_kg[k], e);
            if (any_nonzero(r.loss_scrap_kg[k], e))
                tonnes("Recycling|Lost|" + el + "|Scrap|" + r.loss_names[k], r.loss_scrap_kg[k], e);
        }
    }
}

}  // namespace reclaim
