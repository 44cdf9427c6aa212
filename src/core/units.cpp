#include "core/units.hpp"

#include <array>

namespace reclaim {

namespace {
constexpr double kWh = 3.6e6;  // J
constexpr std::array<UnitDef, 28> kUnits{{
    {"kg", Dimension::Mass, 1.0},
    {"g", Dimension::Mass, 1e-3},
    {"mg", Dimension::Mass, 1e-6},
    {"t", Dimension::Mass, 1e3},
    {"kt", Dimension::Mass, 1e6},
    {"Mt", Dimension::Mass, 1e9},
    {"Wh", Dimension::Energy, 3.6e3},
    {"kWh", Dimension::Energy, kWh},
    {"MWh", Dimension::Energy, kWh * 1e3},
    {"GWh", Dimension::Energy, kWh * 1e6},
    {"W", Dimension::Power, 1.0},
    {"kW", Dimension::Power, 1e3},
    {"MW", Dimension::Power, 1e6},
    {"GW", Dimension::Power, 1e9},
    {"unit", Dimension::Count, 1.0},
    {"fraction", Dimension::Fraction, 1.0},
    {"%", Dimension::Fraction, 1e-2},
    {"ppm", Dimension::Fraction, 1e-6},
    {"kg/kWh", Dimension::MassPerEnergy, 1.0 / kWh},
    {"g/kWh", Dimension::MassPerEnergy, 1e-3 / kWh},
    {"kg/MWh", Dimension::MassPerEnergy, 1.0 / (kWh * 1e3)},
    {"kg/kW", Dimension::MassPerPower, 1e-3},
    {"kg/MW", Dimension::MassPerPower, 1e-6},
    {"t/MW", Dimension::MassPerPower, 1e-3},
    {"t/GW", Dimension::MassPerPower, 1e-6},
    {"kg/unit", Dimension::MassPerCount, 1.0},
    {"g/unit", Dimension::MassPerCount, 1e-3},
    {"t/unit", Dimension::MassPerCount, 1e3},
}};
}  // namespace

std::string_view dimension_name(Dimension d)
{
    switch (d) {
    case Dimension::Mass: return "mass";
    case Dimension::Energy: return "energy";
    case Dimension::Power: return "power";
    case Dimension::Count: return "count";
    case Dimension::Fraction: return "fraction";
    case Dimension::MassPerEnergy: return "mass per energy";
    case Dimension::MassPerPower: return "mass per power";
    case Dimension::MassPerCount: return "mass per unit";
    }
    return "?";
}

Dimension UnitDef::numerator() const
{
    switch (dim) {
    case Dimension::MassPerEnergy:
    case Dimension::MassPerPower:
    case Dimension::MassPerCount: return Dimension::Mass;
    default: return dim;
    }
}

std::optional<Dimension> UnitDef::denominator() const
{
    switch (dim) {
    case Dimension::MassPerEnergy: return Dimension::Energy;
    case Dimension::MassPerPower: return Dimension::Power;
    case Dimension::MassPerCount: return Dimension::Count;
    default: return std::nullopt;
    }
}

const UnitDef* find_unit(std::string_view symbol)
{
    for (const auto& u : kUnits)
        if (u.symbol == symbol) return &u;
    return nullptr;
}

std::vector<std::string_view> unit_symbols(std::optional<Dimension> only)
{
    std::vector<std::string_view> out;
    for (const auto& u : kUnits)
        if (!only || u.dim == *only) out.push_back(u.symbol);
    return out;
}

std::string unit_list(Dimension dim)
{
    std::string out;
    for (auto s : unit_symbols(dim)) {
        if (!out.empty()) out += ", ";
        out += s;
    }
    return out;
}

double to_base(double value, const UnitDef& unit, Dimension expected)
{
    if (unit.dim != expected) {
        throw UnitError("unit '" + std::string(unit.symbol) + "' is a " +
                        std::string(dimension_name(unit.dim)) + ", expected a " +
                        std::string(dimension_name(expected)) + " (" + unit_list(expected) + ")");
    }
    return value * unit.to_base;
}

}  // namespace reclaim
