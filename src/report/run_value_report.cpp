#include "report/run_value_report.hpp"

#include <vector>

#include "report/value_report.hpp"

namespace reclaim {

using nlohmann::json;

namespace {

std::vector<double> row_of(const Eigen::MatrixXd& m, Eigen::Index r)
{
    std::vector<double> out(static_cast<std::size_t>(m.cols()));
    for (Eigen::Index t = 0; t < m.cols(); ++t) out[static_cast<std::size_t>(t)] = m(r, t);
    return out;
}

}  // namespace

json run_value_json(const Model& model, const RunValue& value)
{
    json forms = json::object(), prices = json::object();
    for (std::size_t f = 0; f < value.forms.size(); ++f) {
        forms[value.forms[f]] = row_of(value.form_kg, static_cast<Eigen::Index>(f));
        if (const Price* p = value.prices[f]) {
            const Origin& o = model.params.origin(p->usd_per_kg);
            prices[value.forms[f]] = {{"price_usd_per_kg", value.price_usd_per_kg[f]},
                                      {"payable", value.payable[f]},
                                      {"date", p->date},
                                      {"origin", o.file + ":" + std::to_string(o.line)},
                                      {"source", p->source}};
        }
    }
    std::vector<double> usd(value.usd.data(), value.usd.data() + value.usd.size());
    return {{"usd", usd},
            {"forms_kg", forms},
            {"prices", prices},
            {"price_dates", value.price_dates()},
            {"unpriced", value.unpriced()},
            {"prices_note", price_dates_note(model, value.price_dates())}};
}

int value_headline_year(const Scenario& scenario, const ScenarioResult& result)
{
    return scenario.targets.empty() ? result.year(result.n_years - 1) : scenario.targets.front().year;
}

void write_run_value_headline(std::ostream& out, Format format, const Model& model, const Scenario& scenario,
                              const ScenarioResult& result, const RunValue& value)
{
    const int year = value_headline_year(scenario, result);
    const double usd = value.usd[result.index_of(year)];
    std::string unpriced;
    for (const auto& f : value.unpriced()) unpriced += (unpriced.empty() ? "" : ", ") + f;
    out << '\n'
        << (format == Format::Md ? "**Value of what is recovered in " : "Value of what is recovered in ") << year
        << (format == Format::Md ? ":** " : ": ") << (usd >= 1e6 ? sig(usd / 1e6) + " million USD" : sig(usd) + " USD") << " (end of life and scrap; "
        << price_dates_note(model, value.price_dates()) << ")\n";
    if (!unpriced.empty()) out << "unpriced, so not counted: " << unpriced << "\n";
}

}  // namespace reclaim
