#pragma once
// What every benchmark needs: a clock and the median of repeated timings.

#include <algorithm>
#include <chrono>
#include <vector>

namespace reclaim::bench {

using Clock = std::chrono::steady_clock;

//! Seconds elapsed since `t0`.
inline double seconds_since(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

//! Median of the timings (the mean of the middle two for an even count).
inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

}  // namespace reclaim::bench
