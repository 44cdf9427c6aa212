#pragma once
// Counter-based random numbers: the n-th draw of stream (seed, sample, stream) is a pure function
// of those four integers, so Monte Carlo results do not depend on the thread count or on the
// order in which samples run. The mixing function is SplitMix64's finaliser (Steele, Lea &
// Flood 2014), applied to the key chained through it.

#include <cstdint>

namespace reclaim {

//! SplitMix64 finaliser: a bijective 64-bit mix with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

//! A stream of uniform draws keyed by (seed, sample, stream); draw k is mix(key, k).
class CounterRng {
public:
    CounterRng(std::uint64_t seed, std::uint64_t sample, std::uint64_t stream)
        : key_(mix64(mix64(mix64(seed) ^ sample) ^ (stream * 0xD1B54A32D192ED03ULL)))
    {
    }
    //! The next 64 random bits.
    std::uint64_t next() { return mix64(key_ ^ mix64(counter_++)); }
    //! Uniform on the open interval (0, 1).
    double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

private:
    std::uint64_t key_;
    std::uint64_t counter_ = 0;
};

}  // namespace reclaim
