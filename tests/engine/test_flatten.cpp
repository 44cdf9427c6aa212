#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "engine/evaluate/contents.hpp"
#include "engine/questions/bom_tree.hpp"
#include "io/load.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::all_problems;
using reclaim::test::TempData;

namespace {

Model load(const TempData& d)
{
    Diagnostics diag;
    Model m = load_model(d.dir(), diag);
    INFO(all_problems(diag));
    REQUIRE(diag.empty());
    return m;
}

double element(const Model& m, const Eigen::VectorXd& v, const std::string& symbol)
{
    return v[static_cast<Eigen::Index>(*m.elements.find(symbol))];
}

// NMC811 lithium mass fraction: 6.94 / 97.2798437 (see test_formula.cpp).
constexpr double kLiInNmc811 = 6.94 / 97.2798437;

}  // namespace

TEST_CASE("A kWh-based sub-assembly scales by the vehicle's kWh", "[engine][flatten]")
{
    TempData d;
    Model m = load(d);
    auto values = m.params.nominal();
    ClassContent bev = flatten_product(m, *m.find_product("bev"), values);
    Eigen::VectorXd total = bev.colwise().sum().transpose();
    // Li: 60 kWh x (1.3 kg cathode x 0.0713405 + 0.6 kg electrolyte x 0.011) = 5.56456 + 0.396
    CHECK(element(m, total, "Li") == Approx(60 * (1.3 * kLiInNmc811 + 0.6 * 0.011)).epsilon(1e-12));
    // Nd: one motor x 1.2 kg magnet x 23% = 0.276 kg, all of it in class magnet
    CHECK(element(m, total, "Nd") == Approx(0.276).epsilon(1e-12));
    Eigen::VectorXd magnet = bev.row(static_cast<Eigen::Index>(*m.find_class("magnet"))).transpose();
    CHECK(element(m, magnet, "Nd") == Approx(0.276).epsilon(1e-12));
    // Fe: magnet 1.2 x (1 - 0.23 - 0.07 - 0.015 - 0.01) + steel (30 + 900) x 0.98 = 0.81 + 911.4
    CHECK(element(m, total, "Fe") == Approx(0.81 + 911.4).epsilon(1e-12));
    // Total mass = the BoM: 60 x (1.3 + 1.0 + 0.36 + 1.2 + 0.6) + 1.2 + 30 + 8 + 900
    CHECK(total.sum() == Approx(60 * 4.46 + 939.2).epsilon(1e-12));
}

TEST_CASE("Nested compositions multiply through each level", "[engine][flatten]")
{
    TempData d;
    d.append("materials/materials.csv", "black_mass,black mass,,test,\nmixed_scrap,mixed scrap,,test,\n");
    d.append("materials/composition.csv",
             "black_mass,nmc811_cam,60,,,,%,test,\n"
             "black_mass,graphite,balance,,,,%,test,\n"
             "mixed_scrap,black_mass,0.5,,,,fraction,test,\n"
             "mixed_scrap,steel,0.5,,,,fraction,test,\n");
    Model m = load(d);
    auto comps = material_compositions(m, m.params.nominal());
    const auto& bm = comps[*m.find_material("black_mass")];
    const auto& mix = comps[*m.find_material("mixed_scrap")];
    CHECK(element(m, bm, "Li") == Approx(0.6 * kLiInNmc811).epsilon(1e-12));  // 0.0428043
    CHECK(element(m, bm, "C") == Approx(0.4).epsilon(1e-12));
    // mixed: 0.5 black mass + 0.5 steel (98% Fe, 2% C)
    CHECK(element(m, mix, "Li") == Approx(0.3 * kLiInNmc811).epsilon(1e-12));
    CHECK(element(m, mix, "Fe") == Approx(0.49).epsilon(1e-12));
    CHECK(element(m, mix, "C") == Approx(0.5 * 0.4 + 0.5 * 0.02).epsilon(1e-12));
    CHECK(mix.sum() == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("A class on a sub-assembly line treats the whole sub-assembly as that class", "[engine][flatten]")
{
    TempData d;
    d.append("products/products.csv", "scooter,e-scooter,vehicle,unit,test\n");
    d.append("products/bom.csv", "scooter,pack,battery,nmc811_pack,0.5,,,,kWh,test\n"
                                 "scooter,motor,magnet,traction_motor,0.1,,,,unit,test\n");
    Model m = load(d);
    ClassContent s = flatten_product(m, *m.find_product("scooter"), m.params.nominal());
    auto magnet = static_cast<Eigen::Index>(*m.find_class("magnet"));
    // The motor's steel and copper lines count as magnet here: 0.1 x (1.2 + 30 + 8) kg.
    CHECK(s.row(magnet).sum() == Approx(0.1 * 39.2).epsilon(1e-12));
    CHECK(s.row(static_cast<Eigen::Index>(*m.find_class("steel"))).sum() == 0.0);
}

TEST_CASE("Ratio units per functional unit are accepted: t/MW for a turbine", "[engine][flatten]")
{
    TempData d;
    d.append("products/products.csv", "turbine,direct-drive turbine,wind,MW,test\n");
    d.append("products/bom.csv", "turbine,generator magnets,magnet,ndfeb_low_dy,0.65,,,,t/MW,test\n");
    Model m = load(d);
    ClassContent t = flatten_product(m, *m.find_product("turbine"), m.params.nominal());
    // 0.65 t/MW = 650 kg per MW; Nd = 650 x 0.23 = 149.5 kg
    CHECK(t.sum() == Approx(650.0).epsilon(1e-12));
    Eigen::VectorXd total = t.colwise().sum().transpose();
    CHECK(element(m, total, "Nd") == Approx(149.5).epsilon(1e-12));
}

TEST_CASE("The BoM tree's lines add up to the product's total", "[engine][flatten]")
{
    TempData d;
    Model m = load(d);
    BomNode root = bom_tree(m, *m.find_product("bev"), m.params.nominal());
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(root.kg.size());
    for (const auto& c : root.children) sum += c.kg;
    CHECK((sum - root.kg).cwiseAbs().maxCoeff() < 1e-9);
    REQUIRE(root.children.size() == 3);
    CHECK(root.children[0].item == "nmc811_pack");
    CHECK(root.children[0].quantity == 60.0);
    CHECK(root.children[0].kg.sum() == Approx(60 * 4.46).epsilon(1e-12));
}

TEST_CASE("Compiled contents keep only the asked elements, in the asked column order", "[engine][flatten]")
{
    TempData d;
    Model m = load(d);
    const std::size_t bev = *m.find_product("bev");
    const std::size_t nd = *m.elements.find("Nd"), li = *m.elements.find("Li");
    Contents c(m, {bev}, {nd, li});
    c.evaluate(m.params.nominal());
    REQUIRE(c.elements() == std::vector<std::size_t>{nd, li});
    const ClassContent& k = c.content(bev);
    REQUIRE(k.cols() == 2);
    Eigen::VectorXd total = k.colwise().sum().transpose();
    // The same hand values as the full flattening: Nd 0.276 kg, Li 60 x (1.3 x 0.0713 + 0.6 x 0.011).
    CHECK(total[0] == Approx(0.276).epsilon(1e-12));
    CHECK(total[1] == Approx(60 * (1.3 * kLiInNmc811 + 0.6 * 0.011)).epsilon(1e-12));
    // The sub-assemblies are reached before the car.
    REQUIRE(!c.products().empty());
    CHECK(c.products().back() == bev);
    // Every element a bev can contain is in elements_of, Nd and Li among them, in model order.
    auto all = elements_of(m, {bev});
    CHECK(std::is_sorted(all.begin(), all.end()));
    CHECK(std::find(all.begin(), all.end(), nd) != all.end());
    CHECK(std::find(all.begin(), all.end(), li) != all.end());
}
