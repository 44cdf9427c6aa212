#pragma once
// The range every number must lie in once converted to base units (kg, J, W, unit, USD/kg...).
// A quantity of material, a price or a count outside it is not a quantity any product,
// fleet or market has (the Earth's crust is ~2.8e22 kg); the limit guarantees that a product
// of up to ten such numbers, or a ratio of two of them, stays a finite double, so no result
// can overflow to inf or underflow to a subnormal.

#include <cmath>

namespace reclaim {

inline constexpr double kMaxMagnitude = 1e30;
inline constexpr double kMinMagnitude = 1e-30;

//! True if `x` is 0 or finite with kMinMagnitude <= |x| <= kMaxMagnitude.
[[nodiscard]] inline bool in_magnitude_range(double x)
{
    if (x == 0.0) return true;
    double a = std::fabs(x);
    return std::isfinite(a) && a >= kMinMagnitude && a <= kMaxMagnitude;
}

}  // namespace reclaim
