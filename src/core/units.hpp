#pragma once
// Units: the one table of unit strings the data files may use, and Boost.Units quantity types
// for the typed boundaries (loading, the public engine API). Inside the engine values are plain
// doubles in base units: kg, J, W, unit (count), fraction.

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/si/kilogram.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions/energy.hpp>
#include <boost/units/physical_dimensions/mass.hpp>
#include <boost/units/physical_dimensions/power.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/unit.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace reclaim {

namespace bu = boost::units;

//! A counted thing (a car, a hard disk): the base dimension SI lacks.
struct count_base_dimension : bu::base_dimension<count_base_dimension, 9101> {};
using count_dimension = count_base_dimension::dimension_type;
struct count_base_unit : bu::base_unit<count_base_unit, count_dimension, 9101> {
    static std::string name() { return "unit"; }
    static std::string symbol() { return "unit"; }
};
using unit_system = bu::make_system<bu::si::meter_base_unit, bu::si::kilogram_base_unit,
                                    bu::si::second_base_unit, count_base_unit>::type;

template <class Dim>
using Quantity = bu::quantity<bu::unit<Dim, unit_system>, double>;

using Mass = Quantity<bu::mass_dimension>;      //!< [kg]
using Energy = Quantity<bu::energy_dimension>;  //!< [J]
using Power = Quantity<bu::power_dimension>;    //!< [W]
using Count = Quantity<count_dimension>;        //!< [unit]
using Fraction = Quantity<bu::dimensionless_type>;
// kg/J = kg / (kg m² s⁻²) = m⁻² s²;  kg/W = m⁻² s³
using MassPerEnergy =
    Quantity<bu::derived_dimension<bu::length_base_dimension, -2, bu::time_base_dimension, 2>::type>;  //!< [kg/J]
using MassPerPower =
    Quantity<bu::derived_dimension<bu::length_base_dimension, -2, bu::time_base_dimension, 3>::type>;  //!< [kg/W]
using MassPerCount = Quantity<
    bu::derived_dimension<bu::mass_base_dimension, 1, count_base_dimension, -1>::type>;  //!< [kg/unit]

inline Mass kilograms(double kg) { return Mass::from_value(kg); }
inline Count units_of(double n) { return Count::from_value(n); }

//! The physical dimension of a unit string.
enum class Dimension { Mass, Energy, Power, Count, Fraction, MassPerEnergy, MassPerPower, MassPerCount };

//! Name of a dimension for messages: "mass", "energy", "mass per energy"...
std::string_view dimension_name(Dimension d);

//! A known unit string and its factor to the base unit of its dimension (kg, J, W, unit, 1).
struct UnitDef {
    std::string_view symbol;
    Dimension dim;
    double to_base;

    //! The dimension of the numerator of a ratio (Mass for kg/kWh), or dim itself.
    [[nodiscard]] Dimension numerator() const;
    //! The dimension of the denominator of a ratio (Energy for kg/kWh); nullopt if not a ratio.
    [[nodiscard]] std::optional<Dimension> denominator() const;
};

//! The unit table; nullptr for an unknown unit string.
const UnitDef* find_unit(std::string_view symbol);
//! Every known unit string, for "expected one of" messages.
std::vector<std::string_view> unit_symbols(std::optional<Dimension> only = std::nullopt);
//! "kg, g, mg, t, kt" for messages.
std::string unit_list(Dimension dim);

template <class Q>
constexpr Dimension dimension_of();
template <> constexpr Dimension dimension_of<Mass>() { return Dimension::Mass; }
template <> constexpr Dimension dimension_of<Energy>() { return Dimension::Energy; }
template <> constexpr Dimension dimension_of<Power>() { return Dimension::Power; }
template <> constexpr Dimension dimension_of<Count>() { return Dimension::Count; }
template <> constexpr Dimension dimension_of<Fraction>() { return Dimension::Fraction; }
template <> constexpr Dimension dimension_of<MassPerEnergy>() { return Dimension::MassPerEnergy; }
template <> constexpr Dimension dimension_of<MassPerPower>() { return Dimension::MassPerPower; }
template <> constexpr Dimension dimension_of<MassPerCount>() { return Dimension::MassPerCount; }

//! A value in `unit` as a typed quantity; UnitError if the unit has another dimension.
template <class Q>
Q quantity_from(double value, const UnitDef& unit)
{
    if (unit.dim != dimension_of<Q>()) {
        throw UnitError("unit '" + std::string(unit.symbol) + "' is a " +
                        std::string(dimension_name(unit.dim)) + ", expected a " +
                        std::string(dimension_name(dimension_of<Q>())));
    }
    return Q::from_value(value * unit.to_base);
}

//! A value in `unit` converted to base units (kg, J, W, unit, fraction) for the given dimension.
double to_base(double value, const UnitDef& unit, Dimension expected);

}  // namespace reclaim
