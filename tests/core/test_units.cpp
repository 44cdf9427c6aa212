#include <catch2/catch.hpp>

#include "core/units.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;

TEST_CASE("Unit strings convert to base units", "[core][units]")
{
    CHECK(find_unit("t")->to_base == 1000.0);
    CHECK(find_unit("g")->to_base == 1e-3);
    CHECK(find_unit("kWh")->to_base == 3.6e6);                  // J
    CHECK(find_unit("MW")->to_base == 1e6);                     // W
    CHECK(find_unit("%")->to_base == 0.01);
    CHECK(find_unit("ppm")->to_base == 1e-6);
    CHECK(find_unit("t/MW")->to_base == Approx(1e-3));          // kg per W
    CHECK(find_unit("g/kWh")->to_base == Approx(1e-3 / 3.6e6));  // kg per J
    CHECK(find_unit("kilogram") == nullptr);
    CHECK(find_unit("KG") == nullptr);
}

TEST_CASE("A typed quantity refuses a unit of another dimension", "[core][units]")
{
    Mass m = quantity_from<Mass>(2.5, *find_unit("t"));
    CHECK(m.value() == 2500.0);
    Energy e = quantity_from<Energy>(60, *find_unit("kWh"));
    CHECK(e.value() == 60 * 3.6e6);
    CHECK_THROWS_AS(quantity_from<Mass>(1.0, *find_unit("kWh")), UnitError);
    CHECK_THROWS_WITH(to_base(1.0, *find_unit("MW"), Dimension::Mass),
                      Contains("'MW' is a power, expected a mass"));
}

TEST_CASE("Ratios multiply back to masses with Boost.Units checking the dimensions", "[core][units]")
{
    MassPerEnergy per_kwh = quantity_from<MassPerEnergy>(0.1, *find_unit("kg/kWh"));
    Energy pack = quantity_from<Energy>(60, *find_unit("kWh"));
    Mass li = per_kwh * pack;  // would not compile for a power
    CHECK(li.value() == Approx(6.0));
    MassPerPower per_mw = quantity_from<MassPerPower>(0.65, *find_unit("t/MW"));
    Mass magnets = per_mw * quantity_from<Power>(3, *find_unit("MW"));
    CHECK(magnets.value() == Approx(1950.0));
}
