// Value of what an assessment recovers, by hand on tests/data/value (see its README): one cell
// holds 2 kg of black mass, 5% Li, 10% Co, 2% Nd: 0.1 kg Li, 0.2 kg Co, 0.04 kg Nd.

#include <catch2/catch.hpp>

#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/questions/assess_value.hpp"
#include "io/load.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;

namespace {

const Model& value_model()
{
    static const Model model = load_model(std::string(RECLAIM_TEST_DATA_DIR) + "/value");
    return model;
}

// Li2CO3 = 2*6.94 + 12.011 + 3*15.999 = 73.888 per 13.88 of Li;
// CoSO4·7H2O = 58.933194 + 32.06 + 4*15.999 + 7*18.015 = 281.094194 per 58.933194 of Co;
// Nd2O3 = 2*144.242 + 3*15.999 = 336.481 per 288.484 of Nd.
constexpr double kLi2co3PerLi = 73.888 / 13.88;
constexpr double kCoso4PerCo = 281.094194 / 58.933194;
constexpr double kNd2o3PerNd = 336.481 / 288.484;

// hydro: 90% of Li to li2co3 at 10 USD/kg, 95% of Co to CoSO4·7H2O at 6 USD/kg x 0.8 payable.
// 0.09 kg Li -> 0.4791 kg li2co3 -> 4.791 USD; 0.19 kg Co -> 0.9062 kg -> 4.350 USD; 9.141 USD.
constexpr double kHydroLi2co3Kg = 0.09 * kLi2co3PerLi;
constexpr double kHydroCoso4Kg = 0.19 * kCoso4PerCo;
constexpr double kHydroUsd = kHydroLi2co3Kg * 10.0 + kHydroCoso4Kg * 6.0 * 0.8;
// pyro: 90% of Co to coso4_7h2o, 80% of Nd to nd2o3 at 80 USD/kg (the 2025 row, not 2024's 50):
// 0.18 kg Co -> 0.8585 kg -> 4.121 USD; 0.032 kg Nd -> 0.03732 kg -> 2.986 USD; 7.107 USD.
constexpr double kPyroUsd = 0.18 * kCoso4PerCo * 6.0 * 0.8 + 0.032 * kNd2o3PerNd * 80.0;

AssessOptions cell(const Model& m, const char* route, double units = 1.0)
{
    AssessOptions o;
    o.product = *m.find_product("cell");
    o.route = *m.find_route(route);
    o.amount = Amount::of(units_of(units));
    return o;
}

const FormValue& form(const AssessValue& v, const std::string& name)
{
    for (const auto& f : v.forms.forms)
        if (f.form == name) return f;
    FAIL("no form " << name);
    throw;
}

}  // namespace

TEST_CASE("Assessing a cell through the hydro route values its lithium carbonate and cobalt sulfate by hand",
          "[engine][value][assess]")
{
    const Model& m = value_model();
    Assessment a = assess(m, cell(m, "hydro", 3.0));
    AssessValue v = assess_value(m, a, m.params.nominal());
    CHECK(form(v, "li2co3").kg == Approx(3 * kHydroLi2co3Kg).epsilon(1e-12));
    CHECK(form(v, "CoSO4·7H2O").kg == Approx(3 * kHydroCoso4Kg).epsilon(1e-12));
    CHECK(form(v, "CoSO4·7H2O").payable == Approx(0.8));
    CHECK(form(v, "li2co3").price->line == 3);
    CHECK(v.total_usd == Approx(3 * kHydroUsd).epsilon(1e-12));
    CHECK(v.total_usd == Approx(27.42).margin(0.01));
    CHECK(v.per_unit_usd == Approx(kHydroUsd).epsilon(1e-12));
    CHECK(v.forms.unpriced == 0);
    // The assessment carries the same priced total.
    CHECK(a.value_usd == Approx(3 * kHydroUsd).epsilon(1e-12));
}

TEST_CASE("The pyro route is worth less per cell than hydro, with the latest neodymium oxide price",
          "[engine][value][assess]")
{
    const Model& m = value_model();
    AssessValue v = assess_value(m, assess(m, cell(m, "pyro")), m.params.nominal());
    CHECK(v.total_usd == Approx(kPyroUsd).epsilon(1e-12));
    CHECK(v.total_usd == Approx(7.107).margin(0.001));
    CHECK(form(v, "nd2o3").price->date == "2025-03-31");
    CHECK(v.total_usd < kHydroUsd);
}

TEST_CASE("A recovered form without a price is counted as unpriced and adds nothing to the value",
          "[engine][value][assess]")
{
    test::TempData data("value");
    REQUIRE(data.replace("routes/transfers.csv", "hydro,leach,*,loss:residue,1,test fixture",
                         "hydro,leach,C,recovered:carbon_black,0.5,test fixture\n"
                         "hydro,leach,C,loss:residue,0.5,test fixture\n"
                         "hydro,leach,*,loss:residue,1,test fixture"));
    Model m = load_model(data.dir());
    Assessment a = assess(m, cell(m, "hydro"));
    AssessValue v = assess_value(m, a, m.params.nominal());
    // The cell's carbon: 2 kg x (1 - 0.05 - 0.10 - 0.02) = 1.66 kg, half recovered as an
    // unresolved form, so its kg are the element kg.
    CHECK(form(v, "carbon_black").kg == Approx(0.83).epsilon(1e-12));
    CHECK_FALSE(form(v, "carbon_black").priced());
    CHECK(v.forms.unpriced == 1);
    CHECK(v.total_usd == Approx(kHydroUsd).epsilon(1e-12));
    CHECK(a.value_usd == Approx(kHydroUsd).epsilon(1e-12));  // the unpriced form adds nothing
}

TEST_CASE("A compiled assessment values a sample at its sampled prices", "[engine][value][uncertainty]")
{
    const Model& m = value_model();
    AssessQuestion q(m, cell(m, "hydro"));
    ParamValues values = m.params.nominal();
    CHECK(q.evaluate(values, Detail::Headline).value_usd == Approx(kHydroUsd).epsilon(1e-12));
    // The lithium carbonate price at its high, 14 USD/kg: 0.4791 x 14 + 4.350 = 11.06 USD.
    values[m.prices.at(0).usd_per_kg.index] = 14.0;
    CHECK(q.evaluate(values, Detail::Headline).value_usd ==
          Approx(kHydroLi2co3Kg * 14.0 + kHydroCoso4Kg * 4.8).epsilon(1e-12));
    // Prices with a range are sampled: li2co3 and CoSO4·7H2O, nothing else of the cell has one.
    Sampler sampler(m.params, q.params(), q.share_sets(), 1);
    CHECK(sampler.sampled().size() == 2);
}

TEST_CASE("A uniform lithium carbonate price gives the value's mean and percentiles computed by hand",
          "[engine][value][uncertainty]")
{
    test::TempData data("value");
    data.write("materials/prices.csv",
               "commodity,element,form,value,low,high,dist,unit,date,source,payable,payable_source\n"
               "lithium carbonate,Li,li2co3,10,8,14,uniform,USD/kg,2025-06-30,test fixture,,\n"
               "cobalt sulfate,Co,CoSO4·7H2O,6,,,,USD/kg,2025-06-30,test fixture,0.8,test fixture\n");
    Model m = load_model(data.dir());
    MonteCarloOptions mc;
    mc.samples = 20000;
    mc.seed = 7;
    mc.threads = 2;
    AssessUncertainty u = assess_uncertainty(m, cell(m, "hydro"), mc);
    // value = 0.4791 kg x U(8, 14) + 0.9062 kg x 6 x 0.8 (fixed 4.350 USD):
    // mean at 11 USD/kg: 5.270 + 4.350 = 9.620; P5 at 8.3: 8.327; P50 at 11: 9.620; P95 at 13.7: 10.914.
    // The sampling error of the mean is 0.4791 x 6 / sqrt(12) / sqrt(20000) = 0.006 USD.
    const double fixed = kHydroCoso4Kg * 4.8;
    CHECK(u.value_usd.mean == Approx(kHydroLi2co3Kg * 11.0 + fixed).margin(0.03));
    CHECK(u.value_usd.p5 == Approx(kHydroLi2co3Kg * 8.3 + fixed).margin(0.03));
    CHECK(u.value_usd.p50 == Approx(kHydroLi2co3Kg * 11.0 + fixed).margin(0.03));
    CHECK(u.value_usd.p95 == Approx(kHydroLi2co3Kg * 13.7 + fixed).margin(0.03));
    CHECK(u.value_usd.p95 - u.value_usd.p5 == Approx(kHydroLi2co3Kg * 5.4).margin(0.05));
}
