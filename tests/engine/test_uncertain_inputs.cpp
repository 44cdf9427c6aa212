// Every input may be uncertain: a hand case per ranged input of tests/data/uncertain, each with
// an answer by hand, checked within the Monte Carlo error (4 standard errors).
//
// The fixture: 100 gadgets sold in 2020, held flat (100 a year), fixed lifetime 2 years, so from
// 2022 on 100 gadgets a year reach end of life, 0.2 kg Co each = 20 kg Co. Plan `all` sends every
// battery to `hydro` (90% recovered): recovered Co = 18 c kg at collection rate c. Demand 12 kg Co
// in 2024 (held flat): recycled share 1.5 c; the target is 99%.

#include <catch2/catch.hpp>

#include <cmath>

#include "engine/questions/assess.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "io/load.hpp"
#include "io/load_samples.hpp"
#include "io/load_scenario.hpp"
#include "support/run.hpp"

using namespace reclaim;

namespace {

const std::string kData = RECLAIM_TEST_DATA_DIR "/uncertain";
constexpr std::size_t kSamples = 4000;

// 4 standard errors of a share p estimated from kSamples samples.
double share_tolerance(double p) { return 4.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(kSamples)); }

struct Case {
    Model model = load_model(kData);
    Scenario scenario;
    explicit Case(const std::string& name) : scenario(load_scenario(find_scenario(kData, name), model)) {}
    std::size_t co() const { return *model.elements.find("Co"); }
    RunUncertainty run(std::size_t samples = kSamples, const GivenSamples* given = nullptr) const
    {
        MonteCarloOptions mc;
        mc.samples = samples;
        mc.seed = 7;
        mc.threads = 2;
        mc.given = given;
        return run_uncertainty(model, scenario, mc);
    }
    //! The summary of recovered Co in `year`.
    static const Summary& recovered(const RunUncertainty& u, std::size_t local, int year)
    {
        return u.recovered_kg[local][static_cast<std::size_t>(year - u.first_year)];
    }
};

}  // namespace

TEST_CASE("A uniform collection rate meets the target with the probability computed by hand", "[engine][uncertainty]")
{
    // c ~ U(0.4, 0.8); met when 1.5 c >= 0.99, c >= 0.66: P = (0.8 - 0.66) / 0.4 = 0.35.
    Case c("coll");
    const RunUncertainty u = c.run();
    REQUIRE(u.targets.size() == 1);
    CHECK(u.ranged_params == 1);
    CHECK(u.targets[0].probability_met == Approx(0.35).margin(share_tolerance(0.35)));
    // The recovered mass is 18 c kg: mean 10.8, P5 18 (0.4 + 0.05 * 0.4) = 7.56.
    CHECK(u.targets[0].recovered_kg.mean == Approx(10.8).margin(4 * 18 * 0.4 / std::sqrt(12.0 * kSamples)));
    CHECK(u.targets[0].recovered_kg.p5 == Approx(7.56).margin(0.1));
}

TEST_CASE("A series is drawn as one: its P5 is the single draw's, not the narrower independent draws'",
          "[engine][uncertainty]")
{
    // Collection listed in 2020 and 2024, both U(0.4, 0.8); in 2022 it is their mean. Drawn as one
    // (one quantile u): c = 0.4 + 0.4 u, P5 = 0.42 and recovered P5 = 18 * 0.42 = 7.56 kg. Drawn
    // independently the mean of two uniforms has P5 0.4 + 0.4 sqrt(0.1) / 2 = 0.4632: 8.34 kg.
    Case c("series");
    const RunUncertainty u = c.run();
    const Summary& s = Case::recovered(u, 0, 2022);
    CHECK(s.p5 == Approx(7.56).margin(0.1));
    CHECK(std::abs(s.p5 - 8.34) > 0.5);
    // Both points draw the same stream.
    const auto& points = c.scenario.collection[*c.model.find_product("gadget")].points;
    REQUIRE(points.size() == 2);
    CHECK(c.scenario.params.stream_key(points[0].value) == c.scenario.params.stream_key(points[1].value));
}

TEST_CASE("Rows of one group share one quantile across files", "[engine][uncertainty]")
{
    // Collection c = 0.4 + 0.4 u and the hydro_g yield y = 0.8 + 0.2 u share u (group g):
    // recovered = 20 c y, increasing in u, so its P5 is at u = 0.05: 20 * 0.42 * 0.81 = 6.804 kg.
    Case c("group");
    const RunUncertainty u = c.run();
    CHECK(Case::recovered(u, 0, 2022).p5 == Approx(6.804).margin(0.08));
    CHECK(u.ranged_params == 2);
}

TEST_CASE("A ranged lifetime moves end of life between years", "[engine][uncertainty]")
{
    // 100 gadgets in 2020 only; fixed lifetime m ~ U(1.5, 2.5): they leave at age 2 (2022) when
    // m <= 2, half the samples, else at age 3. Collection 1: recovered in 2022 is 18 kg or 0,
    // mean 9 kg, and the same in 2023.
    Case c("life");
    const RunUncertainty u = c.run();
    const double tol = 4.0 * 18.0 * 0.5 / std::sqrt(static_cast<double>(kSamples));
    CHECK(Case::recovered(u, 0, 2022).mean == Approx(9.0).margin(tol));
    CHECK(Case::recovered(u, 0, 2023).mean == Approx(9.0).margin(tol));
    CHECK(Case::recovered(u, 0, 2021).mean == Approx(0.0).margin(1e-12));
}

TEST_CASE("Ranged demand changes the recycled share, not the recovered mass", "[engine][uncertainty]")
{
    // Collection 0.6: recovered 10.8 kg in every sample; demand D ~ U(10, 14): met when
    // 10.8 / D >= 0.99, D <= 10.909: P = 0.909 / 4 = 0.2273.
    Case c("demand");
    const RunUncertainty u = c.run();
    const double p = (10.8 / 0.99 - 10.0) / 4.0;
    CHECK(u.targets[0].probability_met == Approx(p).margin(share_tolerance(p)));
    CHECK(u.targets[0].recovered_kg.p5 == Approx(10.8).epsilon(1e-12));
    CHECK(u.targets[0].recovered_kg.p95 == Approx(10.8).epsilon(1e-12));
    // The share's P95 is at D's P5, 10.2 kg: 10.8 / 10.2.
    CHECK(u.targets[0].recycled_share.p95 == Approx(10.8 / 10.2).margin(0.01));
}

TEST_CASE("A plan row for one product replaces the class-wide rows for that product only", "[engine][plans]")
{
    // Plan base: batteries 50% to hydro, but gizmo's 100%. Co recovered per unit: 0.2 * 0.9 * share.
    const Model model = load_model(kData);
    for (auto [id, expected] : {std::pair{"gadget", 0.09}, std::pair{"gizmo", 0.18}}) {
        AssessOptions o;
        o.product = *model.find_product(id);
        o.plan = *model.find_plan("base");
        const Assessment a = assess(model, o);
        CHECK(a.recovered_kg[static_cast<Eigen::Index>(*model.elements.find("Co"))] == Approx(expected).epsilon(1e-12));
    }
}

TEST_CASE("Given samples are evaluated exactly as written", "[engine][uncertainty]")
{
    // tests/data/uncertain/scenarios/coll/samples.csv gives c = 0.5, 0.6, 0.7: recovered 9, 10.8,
    // 12.6 kg; met only at 0.7 (1.05 >= 0.99): P = 1/3. Percentiles of three values (type 7):
    // P5 = 9 + 0.1 * 1.8 = 9.18, P50 = 10.8, P95 = 10.8 + 0.9 * 1.8 = 12.42.
    Case c("coll");
    const GivenSamples given = load_given_samples(kData + "/scenarios/coll/samples.csv", c.scenario.params);
    REQUIRE(given.rows.size() == 3);
    const RunUncertainty u = c.run(0, &given);
    CHECK(u.samples == 3);
    CHECK(u.given);
    CHECK(u.targets[0].probability_met == Approx(1.0 / 3.0).epsilon(1e-12));
    const Summary& s = u.targets[0].recovered_kg;
    CHECK(s.mean == Approx(10.8).epsilon(1e-12));
    CHECK(s.p5 == Approx(9.18).epsilon(1e-12));
    CHECK(s.p50 == Approx(10.8).epsilon(1e-12));
    CHECK(s.p95 == Approx(12.42).epsilon(1e-12));
}

TEST_CASE("reclaim run --samples-in reproduces the given samples", "[cli][uncertainty]")
{
    auto r = test::run_reclaim("--data " + kData + " run coll --no-files --format json --samples-in " + kData +
                                   "/scenarios/coll/samples.csv",
                               false);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("\"samples_in\": true") != std::string::npos);
    CHECK(r.out.find("\"probability_met\": 0.3333333333333333") != std::string::npos);
}

TEST_CASE("A --samples-in column that names no parameter is an error naming the file", "[cli][uncertainty]")
{
    auto r = test::run_reclaim("--data " + kData + " run coll --no-files --samples-in " + kData + "/README.md");
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("README.md") != std::string::npos);
}
