#include "engine/evaluate/sampler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>

#include "core/random.hpp"

namespace reclaim {

namespace {

// The standard normal quantile: Phi^-1(u) = -sqrt(2) erfc^-1(2u).
double normal_quantile(double u) { return -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * u); }

}  // namespace

double quantile(const Param& p, double u)
{
    const double a = p.low, c = p.value, b = p.high;
    switch (p.dist) {
    case Dist::Fixed: return c;
    case Dist::Uniform: return a + u * (b - a);
    case Dist::Triangular: {
        if (b <= a) return c;
        const double fc = (c - a) / (b - a);
        return u < fc ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
    case Dist::Normal: return c + (b - a) / 3.92 * normal_quantile(u);
    case Dist::Lognormal: {
        // median c, 95% range a..b: sigma from the range's log width (docs/data-format.md)
        const double sigma = std::log(b / a) / 3.92;
        return c * std::exp(sigma * normal_quantile(u));
    }
    case Dist::Pert: {
        if (b <= a) return c;
        const double alpha = 1.0 + 4.0 * (c - a) / (b - a);
        const double beta = 1.0 + 4.0 * (b - c) / (b - a);
        return a + (b - a) * boost::math::ibeta_inv(alpha, beta, u);
    }
    }
    return c;
}

double clip_to_bound(const Param& p, double v, std::size_t* clipped)
{
    const double lo = p.bound == Bound::Free ? -INFINITY : 0.0;
    const double hi = p.bound == Bound::Fraction ? 1.0 : INFINITY;
    if (v < lo || v > hi) {
        if (clipped) ++*clipped;
        return std::clamp(v, lo, hi);
    }
    return v;
}

Sampler::Sampler(const ParamTable& table, const std::vector<ParamId>& used, ShareSets sets, std::uint64_t seed,
                 const GivenSamples* given)
    : table_(&table), seed_(seed), given_(given), sets_(std::move(sets)), nominal_(table.nominal())
{
    if (given) {
        sampled_ = given->columns;
    } else {
        for (ParamId id : used)
            if (id.valid() && table[id].ranged()) sampled_.push_back(id);
        std::sort(sampled_.begin(), sampled_.end(), [](ParamId a, ParamId b) { return a.index < b.index; });
        sampled_.erase(std::unique(sampled_.begin(), sampled_.end()), sampled_.end());
    }
    for (ParamId id : sampled_) keys_.push_back(table.stream_key(id));
}

std::size_t Sampler::available() const
{
    return given_ ? given_->rows.size() : std::numeric_limits<std::size_t>::max();
}

void Sampler::sample(std::uint64_t s, ParamValues& out, Adjustments& adj) const
{
    out = nominal_;
    for (std::size_t k = 0; k < sampled_.size(); ++k) {
        const ParamId id = sampled_[k];
        const Param& p = (*table_)[id];
        if (given_) {
            out[id.index] = given_->rows[s][k];
            continue;
        }
        CounterRng rng(seed_, s, keys_[k]);
        out[id.index] = clip_to_bound(p, quantile(p, rng.uniform()), &adj.clipped);
    }
    adj.renormalised += sets_.balance(out);
}

std::size_t Sampler::position(ParamId id) const
{
    // Drawn parameters are sorted by index; given ones are in the file's column order.
    const auto it = given_ ? std::find(sampled_.begin(), sampled_.end(), id)
                           : std::lower_bound(sampled_.begin(), sampled_.end(), id,
                                              [](ParamId a, ParamId b) { return a.index < b.index; });
    return it != sampled_.end() && *it == id ? static_cast<std::size_t>(it - sampled_.begin()) : npos;
}

double Sampler::value(ParamId id, std::uint64_t s) const
{
    const std::size_t k = position(id);
    if (k == npos) return nominal_[id.index];
    if (given_) return given_->rows[s][k];
    const Param& p = (*table_)[id];
    CounterRng rng(seed_, s, keys_[k]);
    return clip_to_bound(p, quantile(p, rng.uniform()), nullptr);
}

}  // namespace reclaim
