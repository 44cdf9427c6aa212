#include "engine/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace reclaim {

namespace {

// Standard normal by Box-Muller from two uniforms of the stream.
double standard_normal(CounterRng& rng)
{
    double u1 = rng.uniform();
    double u2 = rng.uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// Gamma(shape >= 1, 1) by Marsaglia & Tsang (2000).
double gamma_draw(double shape, CounterRng& rng)
{
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    while (true) {
        double x = standard_normal(rng);
        double v = 1.0 + c * x;
        if (v <= 0) continue;
        v = v * v * v;
        double u = rng.uniform();
        if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
}

}  // namespace

double draw(const Param& p, CounterRng& rng)
{
    const double a = p.low, c = p.value, b = p.high;
    switch (p.dist) {
    case Dist::Fixed: return c;
    case Dist::Uniform: return a + rng.uniform() * (b - a);
    case Dist::Triangular: {
        if (b <= a) return c;
        double u = rng.uniform();
        double fc = (c - a) / (b - a);
        return u < fc ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
    case Dist::Normal: return c + (b - a) / 3.92 * standard_normal(rng);
    case Dist::Lognormal: {
        // median c, 95% range a..b: sigma from the range's log width (docs/data-format.md)
        double sigma = std::log(b / a) / 3.92;
        return c * std::exp(sigma * standard_normal(rng));
    }
    case Dist::Pert: {
        if (b <= a) return c;
        double alpha = 1.0 + 4.0 * (c - a) / (b - a);
        double beta = 1.0 + 4.0 * (b - c) / (b - a);
        double x = gamma_draw(alpha, rng);
        double y = gamma_draw(beta, rng);
        return a + (b - a) * x / (x + y);
    }
    }
    return c;
}

void sample_params_into(const ParamTable& table, std::uint64_t seed, std::uint64_t sample, ParamValues& out,
                        SampleAdjustments* adj)
{
    const auto& params = table.params();
    out.resize(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Param& p = params[i];
        if (!p.ranged()) {
            out[i] = p.value;
            continue;
        }
        CounterRng rng(seed, sample, i);
        double v = draw(p, rng);
        double lo = p.bound == Bound::Free ? -INFINITY : 0.0;
        double hi = p.bound == Bound::Fraction ? 1.0 : INFINITY;
        if (v < lo || v > hi) {
            v = std::clamp(v, lo, hi);
            if (adj) ++adj->clipped;
        }
        out[i] = v;
    }
}

ParamValues sample_params(const ParamTable& table, std::uint64_t seed, std::uint64_t sample, SampleAdjustments* adj)
{
    ParamValues v;
    sample_params_into(table, seed, sample, v, adj);
    return v;
}

}  // namespace reclaim
