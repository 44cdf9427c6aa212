#pragma once
// Parameters for tests: a ranged Param in one call, and a two-parameter table.

#include "core/param.hpp"

namespace reclaim::test {

inline Param ranged(Dist d, double low, double value, double high, Bound bound = Bound::Free)
{
    Param p;
    p.low = low;
    p.value = value;
    p.high = high;
    p.dist = d;
    p.bound = bound;
    return p;
}

//! Two parameters: p0 ~ uniform(0, 1), p1 ~ triangular(1, 2, 3).
inline ParamTable two_params()
{
    ParamTable t;
    t.add(ranged(Dist::Uniform, 0.0, 0.5, 1.0), Origin{"a.csv", 2, "value", "test"});
    t.add(ranged(Dist::Triangular, 1.0, 2.0, 3.0), Origin{"a.csv", 3, "value", "test"});
    return t;
}

}  // namespace reclaim::test
