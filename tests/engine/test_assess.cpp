// Static assessment on the tiny data folder, against hand-computed figures.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "engine/questions/assess.hpp"
#include "io/load.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;

namespace {

const Model& tiny()
{
    static const Model m = load_model(std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "tiny");
    return m;
}

Eigen::Index el(const char* symbol) { return static_cast<Eigen::Index>(*tiny().elements.find(symbol)); }

AssessOptions bev_options(const char* plan, double collection = 1.0)
{
    AssessOptions o;
    o.product = *tiny().find_product("bev");
    o.plan = *tiny().find_plan(plan);
    o.collection = collection;
    return o;
}

// Li in one bev: 60 kWh x (1.3 kg NMC811 x 6.94 / 97.2798437 + 0.6 kg electrolyte x 0.011)
// = 60 x (0.0927427477 + 0.0066) = 5.960564866 kg.
constexpr double kLiPerBev = 60 * (1.3 * 6.94 / 97.2798437 + 0.6 * 0.011);

}  // namespace

TEST_CASE("Assessing a car under today's plan accounts for every kg of Nd and Li", "[engine][assess]")
{
    SolvedModel solved(tiny());
    Assessment a = assess(solved, bev_options("today", 0.5));
    // Nd: 1.2 kg magnet x 23% = 0.276 kg; half uncollected; the magnet goes with the steel:
    // 0.138 x 0.9 = 0.1242 kg to loss:ferrous-scrap, 0.0138 kg to loss:shredder-dust.
    CHECK(a.contained_kg[el("Nd")] == Approx(0.276).epsilon(1e-12));
    CHECK(a.uncollected_kg[el("Nd")] == Approx(0.138).epsilon(1e-12));
    CHECK(a.untreated_kg[el("Nd")] == 0.0);
    CHECK(a.recovered_kg[el("Nd")] == 0.0);
    CHECK(a.lost_kg[el("Nd")] == Approx(0.138).epsilon(1e-12));
    // Li: collected 0.5 x 5.96056 = 2.98028 kg; 60% to lib_hydro, 40% untreated = 1.19211 kg;
    // recovered 2.98028 x 0.6 x 0.95 x 0.85 = 1.44395 kg.
    CHECK(a.contained_kg[el("Li")] == Approx(kLiPerBev).epsilon(1e-9));
    CHECK(a.untreated_kg[el("Li")] == Approx(0.5 * kLiPerBev * 0.4).epsilon(1e-9));
    CHECK(a.recovered_kg[el("Li")] == Approx(0.5 * kLiPerBev * 0.6 * 0.95 * 0.85).epsilon(1e-9));
    CHECK(a.recovery_rate[el("Li")] == Approx(0.5 * 0.6 * 0.95 * 0.85).epsilon(1e-12));
    CHECK(a.balance_residual <= kAssessBalanceTolerance);

    std::map<std::string, double> nd_losses;
    for (const auto& l : a.losses) nd_losses[tiny().routes[l.route].sinks[l.sink]] += l.kg[el("Nd")];
    CHECK(nd_losses["loss:ferrous-scrap"] == Approx(0.1242).epsilon(1e-12));
    CHECK(nd_losses["loss:shredder-dust"] == Approx(0.0138).epsilon(1e-12));

    // Recovered by form: Li only as Li2CO3, all from lib_hydro.
    std::size_t li2co3 = 0;
    while (a.forms[li2co3] != "Li2CO3") ++li2co3;
    CHECK(a.recovered_by_form(el("Li"), static_cast<Eigen::Index>(li2co3)) == Approx(a.recovered_kg[el("Li")]));
    CHECK(a.recovered_by_route(el("Li"), static_cast<Eigen::Index>(*tiny().find_route("lib_hydro"))) ==
          Approx(a.recovered_kg[el("Li")]));
}

TEST_CASE("The recyclability rate is recovered mass over product mass", "[engine][assess]")
{
    SolvedModel solved(tiny());
    Assessment a = assess(solved, bev_options("today"));
    // One bev weighs 900 (body) + 1.2 + 30 + 8 (motor) + 60 x (1.3 + 1.0 + 0.36 + 1.2 + 0.6) = 1206.8 kg.
    CHECK(a.product_mass_kg == Approx(1206.8).epsilon(1e-12));
    CHECK(a.recyclability_rate == Approx(a.recovered_kg.sum() / 1206.8).epsilon(1e-12));
    // The steel's Fe dominates: (900 + 30) x 0.98 x 0.95 = 865.83 kg of Fe recovered from steel.
    CHECK(a.recovered_kg[el("Fe")] > 865.83);
}

TEST_CASE("The largest critical losses name class, route, process and sink", "[engine][assess]")
{
    SolvedModel solved(tiny());
    Assessment a = assess(solved, bev_options("today"));
    REQUIRE(!a.top_losses.empty());
    const TopLoss& t = a.top_losses.front();
    // Nd, Pr and Dy all lose 90% of the magnet to ferrous scrap; Nd comes first in the list.
    CHECK(t.share == Approx(0.9).epsilon(1e-12));
    CHECK(t.cause == "magnet — shredded with steel (shred_steel/shred) -> loss:ferrous-scrap");
    CHECK(a.top_losses.size() == 10);
    for (std::size_t k = 1; k < a.top_losses.size(); ++k) CHECK(a.top_losses[k].share <= a.top_losses[k - 1].share);
    // The 40% of battery Li left untreated by the plan is among them.
    bool untreated_li = false;
    for (const auto& l : a.top_losses)
        untreated_li = untreated_li || (l.kind == TopLoss::Kind::Untreated && l.element == static_cast<std::size_t>(el("Li")) &&
                                        l.cause == "battery collected but sent to no route by plan today -> loss:untreated");
    CHECK(untreated_li);
}

TEST_CASE("The flow graph balances at every node", "[engine][assess][flows]")
{
    SolvedModel solved(tiny());
    for (const char* plan : {"today", "extract-magnets"}) {
        Assessment a = assess(solved, bev_options(plan, 0.7));
        for (Eigen::Index e = 0; e < a.contained_kg.size(); ++e) {
            std::map<std::string, double> in, out;
            for (const auto& f : a.flows) {
                if (static_cast<Eigen::Index>(f.element) != e) continue;
                out[f.from] += f.kg;
                in[f.to] += f.kg;
            }
            double sources = 0, terminals = 0;
            for (const auto& [node, kg] : out) {
                if (node.rfind("class:", 0) == 0) sources += kg;
                else CHECK(kg == Approx(in[node]).epsilon(1e-9));  // an inner node balances
            }
            for (const auto& [node, kg] : in)
                if (!out.count(node)) terminals += kg;
            INFO(plan << " element " << e);
            CHECK(sources == Approx(a.contained_kg[e]).epsilon(1e-9).margin(1e-15));
            CHECK(terminals == Approx(a.contained_kg[e]).epsilon(1e-9).margin(1e-15));
        }
        // Named nodes: collection -> the entry of lib_hydro, and a process -> process link.
        bool entry = false;
        for (const auto& f : a.flows) entry = entry || (f.from == "collection" && f.to == "lib_hydro/shred");
        CHECK(entry);
    }
}

TEST_CASE("Routes are solved once per parameter set, not per product or plan", "[engine][assess]")
{
    SolvedModel solved(tiny());
    for (std::size_t p = 0; p < tiny().products.size(); ++p)
        for (std::size_t plan = 0; plan < tiny().plans.size(); ++plan) {
            AssessOptions o;
            o.product = p;
            o.plan = plan;
            o.amount = Amount::functional_units(1, *tiny().products[p].unit);
            assess(solved, o);
        }
    CHECK(solved.solves() == 3);  // lib_hydro, magnet_hpms, shred_steel
}

TEST_CASE("An amount is given in the product's functional unit or as a total mass", "[engine][assess]")
{
    SolvedModel solved(tiny());
    const Model& m = tiny();
    std::size_t pack = *m.find_product("nmc811_pack"), bev = *m.find_product("bev");
    // 60 kWh as an energy: 60 x 3.6e6 J / 3.6e6 J per kWh = 60 functional units.
    CHECK(Amount::of(Energy::from_value(60 * 3.6e6)).functional_units_of(m, solved, pack) == Approx(60));
    // --mass 2413.6 kg of a 1206.8 kg car = 2 cars.
    CHECK(Amount::total_mass(kilograms(2413.6)).functional_units_of(m, solved, bev) == Approx(2));
    CHECK_THROWS_AS(Amount::of(units_of(3)).functional_units_of(m, solved, pack), UnitError);
    CHECK_THROWS_WITH(Amount::of(units_of(3)).functional_units_of(m, solved, pack),
                      Contains("'nmc811_pack' is counted in kWh"));
    AssessOptions o = bev_options("today");
    o.amount = Amount::total_mass(kilograms(2413.6));
    Assessment a = assess(solved, o);
    CHECK(a.contained_kg[el("Nd")] == Approx(2 * 0.276).epsilon(1e-12));
}

TEST_CASE("Assessment options report every broken rule", "[engine][assess][errors]")
{
    AssessOptions o = bev_options("today", 1.3);
    o.route = 0;
    auto problems = o.problems(tiny());
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "plan and route; violated: exactly one of plan and route is given");
    CHECK(problems[1] == "collection = 1.3; violated: 0 <= collection <= 1");
    SolvedModel solved(tiny());
    CHECK_THROWS_WITH(assess(solved, o), Contains("collection = 1.3; violated"));
}

TEST_CASE("The default plan is uk-current if present, else the first", "[engine][assess]")
{
    CHECK(default_plan(tiny()) == std::optional<std::size_t>(0));  // tiny: today, extract-magnets
}
