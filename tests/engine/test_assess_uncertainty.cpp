#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "support/monte_carlo.hpp"
#include "engine/uncertainty/assess_uncertainty.hpp"
#include "io/load.hpp"

using namespace reclaim;
using reclaim::test::mc;

namespace {

const Model& shipped()
{
    static const Model model = load_model(RECLAIM_REPO_DIR);
    return model;
}

const Model& fixture()
{
    static const Model model = load_model(std::string(RECLAIM_TEST_DATA_DIR) + "/mc");
    return model;
}

AssessOptions rotor_options(const Model& model)
{
    AssessOptions o;
    o.product = *model.find_product("rotor");
    o.plan = *model.find_plan("p");
    return o;
}

// Evaluates the compiled question of `o` at `values` in full and at headline detail: the full
// answer balances, and the headline figures (what Monte Carlo keeps) are the full answer's.
void check_detail(const Model& model, const AssessOptions& o, const ParamValues& values)
{
    AssessQuestion q(model, o);
    Assessment full = q.evaluate(values, Detail::Full);
    Assessment head = q.evaluate(values, Detail::Headline);
    CHECK(full.balance_residual <= kAssessBalanceTolerance);
    for (auto e : q.elements()) {
        const auto i = static_cast<Eigen::Index>(e);
        CHECK(head.recovered_kg[i] == Approx(full.recovered_kg[i]).epsilon(1e-12).margin(1e-15));
        CHECK(head.contained_kg[i] == Approx(full.contained_kg[i]).epsilon(1e-12).margin(1e-15));
        CHECK(full.recovered_kg[i] <= full.contained_kg[i] * (1 + 1e-9) + 1e-15);
    }
    CHECK(head.recyclability_rate == Approx(full.recyclability_rate).epsilon(1e-12).margin(1e-15));
    CHECK(head.value_usd == Approx(full.value_usd).epsilon(1e-12).margin(1e-12));
}

// Sample `s` of the question of `o` (seed 99), its share sets balanced.
ParamValues sample_of(const Model& model, const AssessOptions& o, std::uint64_t s)
{
    AssessQuestion q(model, o);
    ShareSets sets = q.share_sets();
    Sampler sampler(model.params, q.params(), sets, 99);
    ParamValues values;
    Adjustments adj;
    sampler.sample(s, values, adj);
    // Every set that must sum to 1 does, unless its other rows alone exceed 1.
    for (const auto& set : sets.must_sum_to_one) {
        double others = 0.0;
        for (std::size_t k = 1; k < set.size(); ++k) others += std::max(0.0, values[set[k].index]);
        if (others <= 1.0) CHECK(values[set[0].index] + others == Approx(1.0).margin(1e-12));
    }
    return values;
}

}  // namespace

TEST_CASE("A sampled point of every shipped product, plan and route balances, at headline and full detail",
          "[engine][uncertainty]")
{
    const Model& model = shipped();
    const ParamValues nominal = model.params.nominal();
    for (std::size_t p = 0; p < model.products.size(); ++p) {
        INFO(model.products[p].id);
        for (std::size_t plan = 0; plan < model.plans.size(); ++plan) {
            AssessOptions o;
            o.product = p;
            o.plan = plan;
            o.collection = 0.7;
            o.amount = Amount::functional_units(3.0, *model.products[p].unit);
            check_detail(model, o, nominal);
            check_detail(model, o, sample_of(model, o, 3));
        }
        AssessOptions o;
        o.product = p;
        o.route = p % model.routes.size();
        o.amount = Amount::total_mass(kilograms(1000.0));
        check_detail(model, o, sample_of(model, o, 3));
    }
}

TEST_CASE("The tornado of the fixture ranks the wider yield first, with the swings computed by hand",
          "[engine][uncertainty]")
{
    // recovered Nd = 2 kg x 0.3 x y1 x y2 (each fixed loss row absorbs its process's difference,
    // so the yields keep their values); nominal 0.6 x 0.9 x 0.5 = 0.27 kg.
    // y1 over [0.6, 1.0], y2 = 0.5: 0.3 x (1.0 - 0.6) = 0.12
    // y2 over [0.48, 0.52], y1 = 0.9: 0.54 x (0.52 - 0.48) = 0.0216
    const Model& model = fixture();
    AssessUncertainty u = assess_uncertainty(model, rotor_options(model), mc(2000, 5, 2), model.elements.find("Nd"));
    REQUIRE(u.sensitivity);
    const Sensitivity& s = *u.sensitivity;
    CHECK(s.output == "Nd recovered_kg");
    CHECK(s.nominal == Approx(0.27));
    REQUIRE(s.bars.size() == 2);
    CHECK(model.params.origin(s.bars[0].param).file == "routes/transfers.csv");
    CHECK(model.params.origin(s.bars[0].param).line == 2);
    CHECK(s.bars[0].swing() == Approx(0.12).epsilon(1e-9));
    CHECK(s.bars[0].output_low == Approx(0.3 * 0.6));
    CHECK(s.bars[0].output_high == Approx(0.3 * 1.0));
    CHECK(model.params.origin(s.bars[1].param).line == 5);
    CHECK(s.bars[1].swing() == Approx(0.0216).epsilon(1e-9));
    REQUIRE(s.bars[0].first_order);
    REQUIRE(s.bars[1].first_order);
    // y1 is triangular over a range five times wider: it carries most of the variance.
    CHECK(*s.bars[0].first_order > *s.bars[1].first_order);
    CHECK(*s.bars[0].first_order + *s.bars[1].first_order == Approx(1.0).margin(0.1));
}

TEST_CASE("Every sample of the fixture balances both yields' processes, and nothing is clipped",
          "[engine][uncertainty]")
{
    // y1 + 0.1 and y2 + 0.5 differ from 1 in every sample (continuous draws), so both loss rows
    // absorb a difference: 2 sets x 500 samples.
    const Model& model = fixture();
    AssessUncertainty u = assess_uncertainty(model, rotor_options(model), mc(500, 1, 2));
    CHECK(u.adjustments.renormalised == 1000);
    CHECK(u.adjustments.clipped == 0);  // triangular draws stay within [low, high] within [0, 1]
    CHECK(u.ranged_params == 2);
    REQUIRE(u.elements.size() == 2);  // Fe and Nd are contained
    // Fe is never recovered; Nd lies between the two yields' joint ends:
    // 0.6 x 0.6 x 0.48 = 0.1728 and 0.6 x 1.0 x 0.52 = 0.312.
    const auto nd = u.elements[0] == *model.elements.find("Nd") ? 0 : 1;
    CHECK(u.recovered_kg[1 - nd].p95 == 0.0);
    CHECK(u.recovered_kg[nd].p5 > 0.1728);
    CHECK(u.recovered_kg[nd].p95 < 0.312);
    // The mean is the product of the means (independent draws): 0.6 x (0.6+0.9+1.0)/3 x 0.5 = 0.25
    CHECK(u.recovered_kg[nd].mean == Approx(0.25).epsilon(0.01));
    CHECK(u.recovery_rate[nd].p50 == Approx(u.recovered_kg[nd].p50 / 0.6));
    CHECK(u.recyclability_rate.p50 == Approx(u.recovered_kg[nd].p50 / 2.0));
}

TEST_CASE("An assessment's uncertainty is the same with one and two threads", "[engine][uncertainty]")
{
    const Model& model = shipped();
    AssessOptions o;
    o.product = *model.find_product("bev_nmc811");
    o.plan = *model.find_plan("uk-current");
    AssessUncertainty one = assess_uncertainty(model, o, mc(300, 42, 1), model.elements.find("Nd"));
    AssessUncertainty two = assess_uncertainty(model, o, mc(300, 42, 2), model.elements.find("Nd"));
    REQUIRE(one.elements == two.elements);
    for (std::size_t i = 0; i < one.elements.size(); ++i) {
        CHECK(one.recovered_kg[i].mean == two.recovered_kg[i].mean);
        CHECK(one.recovered_kg[i].p5 == two.recovered_kg[i].p5);
        CHECK(one.recovery_rate[i].p95 == two.recovery_rate[i].p95);
    }
    CHECK(one.adjustments.clipped == two.adjustments.clipped);
    CHECK(one.adjustments.renormalised == two.adjustments.renormalised);
    REQUIRE(one.sensitivity);
    REQUIRE(two.sensitivity);
    CHECK(one.sensitivity->bars.size() == two.sensitivity->bars.size());
}

TEST_CASE("A tornado for an element the product does not contain is refused", "[engine][uncertainty]")
{
    const Model model = load_model(std::string(RECLAIM_TEST_DATA_DIR) + "/tiny");
    AssessOptions o;
    o.product = *model.find_product("traction_motor");
    o.plan = *model.find_plan("today");
    CHECK_THROWS_WITH(assess_uncertainty(model, o, mc(10, 1, 1), model.elements.find("Li")),
                      Catch::Contains("the product contains no Li"));
}
