#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "engine/questions/circularity.hpp"
#include "support/run.hpp"

using namespace reclaim;

namespace {

// 100 kg of product: 20 kg uncollected, 10 kg untreated, 70 kg to the routes, of which 56 kg
// recovered: C_R = 0.7, E_C = 0.8.
Assessment assessed()
{
    Assessment a;
    a.product_mass_kg = 100.0;
    a.contained_kg = Eigen::VectorXd::Constant(1, 100.0);
    a.uncollected_kg = Eigen::VectorXd::Constant(1, 20.0);
    a.untreated_kg = Eigen::VectorXd::Constant(1, 10.0);
    a.recovered_kg = Eigen::VectorXd::Constant(1, 56.0);
    return a;
}

}  // namespace

TEST_CASE("The Material Circularity Indicator follows the Ellen MacArthur Foundation method, by hand",
          "[engine][indicators][mci]")
{
    // Defaults: V = 100, W_0 = 30, W_C = 100 (1 - 0.8) 0.7 = 14, W_F = 0, W = 30 + 7 = 37,
    // LFI = 137 / (200 + (0 - 14) / 2) = 137 / 193, MCI = 1 - 0.9 LFI.
    const Circularity c = material_circularity(assessed(), {});
    CHECK(c.collected_for_recycling == Approx(0.7));
    CHECK(c.recycling_efficiency == Approx(0.8));
    CHECK(c.recycling_waste_kg == Approx(14));
    CHECK(c.waste_kg == Approx(37));
    CHECK(c.lfi == Approx(137.0 / 193.0));
    CHECK(c.mci == Approx(1.0 - 0.9 * 137.0 / 193.0));

    // Half recycled content made at E_F = E_C = 0.8: V = 50, W_F = 100 (0.2) 0.5 / 0.8 = 12.5,
    // W = 30 + (12.5 + 14) / 2 = 43.25, LFI = 93.25 / (200 + (12.5 - 14) / 2); twice the
    // average lifetime: F(X) = 0.45.
    CircularityOptions o;
    o.recycled_content = 0.5;
    o.lifetime_ratio = 2.0;
    const Circularity d = material_circularity(assessed(), o);
    CHECK(d.feedstock_waste_kg == Approx(12.5));
    CHECK(d.lfi == Approx(93.25 / 199.25));
    CHECK(d.utility == Approx(0.45));
    CHECK(d.mci == Approx(1.0 - 0.45 * 93.25 / 199.25));

    // A fully linear product scores 0.1; a fully circular one 1.
    Assessment linear = assessed();
    linear.uncollected_kg[0] = 100.0;
    linear.untreated_kg[0] = 0.0;
    linear.recovered_kg[0] = 0.0;
    CHECK(material_circularity(linear, {}).mci == Approx(0.1));
    Assessment circular = assessed();
    circular.uncollected_kg[0] = circular.untreated_kg[0] = 0.0;
    circular.recovered_kg[0] = 100.0;
    CircularityOptions all;
    all.recycled_content = 1.0;
    CHECK(material_circularity(circular, all).mci == Approx(1.0));

    CircularityOptions bad;
    bad.recycled_content = 0.7;
    bad.reused_content = 0.5;
    CHECK_THROWS_AS(material_circularity(assessed(), bad), UsageError);
    bad = {};
    bad.lifetime_ratio = 0.0;
    CHECK_THROWS_AS(material_circularity(assessed(), bad), UsageError);
}

TEST_CASE("assess gives the MCI with its inputs; a share option outside 0..1 is a usage error", "[cli][mci]")
{
    const std::string tiny = std::string(" --data ") + RECLAIM_TEST_DATA_DIR + "/tiny";
    auto r = test::run_reclaim("--format json assess bev --collection 0.5 --recycled-content 0.2 --lifetime-ratio 1.5" + tiny,
                               false);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.contains("mci"));
    CHECK(j["mci"]["inputs"]["recycled_content"] == 0.2);
    CHECK(j["mci"]["inputs"]["lifetime_ratio"] == 1.5);
    CHECK(j["mci"]["utility"].get<double>() == Approx(0.6));
    CHECK(j["mci"]["collected_for_recycling"].get<double>() <= 0.5 + 1e-12);
    const double mci = j["mci"]["mci"].get<double>();
    CHECK(mci > 0.0);
    CHECK(mci < 1.0);
    auto text = test::run_reclaim("assess bev" + tiny);
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("Material Circularity Indicator: ") != std::string::npos);
    CHECK(test::run_reclaim("assess bev --recycled-content 1.5" + tiny).exit_code == 2);
    CHECK(test::run_reclaim("assess bev --recycled-content 0.8 --reused-content 0.5" + tiny).exit_code == 2);
}
