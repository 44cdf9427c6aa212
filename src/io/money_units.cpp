#include "io/money_units.hpp"

namespace reclaim {

std::optional<double> usd_per_kg_factor(std::string_view unit)
{
    if (unit == "USD/t") return 1e-3;
    if (unit == "USD/kg") return 1.0;
    return std::nullopt;
}

}  // namespace reclaim
