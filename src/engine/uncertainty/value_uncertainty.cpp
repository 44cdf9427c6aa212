#include "engine/uncertainty/value_uncertainty.hpp"

#include <cmath>
#include <limits>
#include <memory>

namespace reclaim {

ValueUncertainty value_uncertainty(const Model& model, const Feedstock& feed, const std::vector<std::size_t>& routes,
                                   const MonteCarloOptions& mc)
{
    const FeedValuation valuation(model, feed, routes);
    const Sampler sampler = make_sampler(model.params, valuation.params(), valuation.share_sets(), mc);
    ValueUncertainty u;
    u.seed = mc.seed;
    u.given = mc.given != nullptr;
    u.ranged_params = sampler.sampled().size();
    const std::size_t n = routes.size();
    std::vector<bool> costed(n);
    for (std::size_t i = 0; i < n; ++i) costed[i] = !costs_of(model, routes[i]).empty();
    // Outputs: per route, gross per tonne (2i) and net per tonne (2i + 1, NaN without cost data).
    WorkerFactory factory = [&]() -> SampleFn {
        auto v = std::make_shared<FeedValuation>(valuation);
        return [v, n](const ParamValues& values, std::span<double> out) {
            const auto rvs = v->evaluate(values);
            for (std::size_t i = 0; i < n; ++i) {
                out[2 * i] = rvs[i].gross_usd_per_t;
                out[2 * i + 1] = rvs[i].net_usd_per_t.value_or(std::numeric_limits<double>::quiet_NaN());
            }
        };
    };
    // The net of every costed route is kept whole: P(net > 0) and the beats need every sample.
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < n; ++i)
        if (costed[i]) keep.push_back(2 * i + 1);
    MonteCarloResult r = run_monte_carlo(sampler, 2 * n, keep, factory, mc);
    u.samples = r.samples;
    u.adjustments = r.adjustments;
    auto share = [&](auto&& pred, std::size_t count) {
        std::size_t hits = 0;
        for (std::size_t s = 0; s < count; ++s) hits += pred(s) ? 1 : 0;
        return count ? static_cast<double>(hits) / static_cast<double>(count) : 0.0;
    };
    for (std::size_t i = 0; i < n; ++i) {
        RouteValueUncertainty ru;
        ru.route = routes[i];
        ru.gross_usd_per_t = r.summaries[2 * i];
        if (costed[i]) {
            ru.net_usd_per_t = r.summaries[2 * i + 1];
            const auto& net = r.column(2 * i + 1);
            ru.probability_positive = share([&](std::size_t s) { return net[s] > 0; }, net.size());
        }
        u.routes.push_back(std::move(ru));
    }
    for (std::size_t a = 0; a < n; ++a) {
        if (!costed[a]) continue;
        for (std::size_t b = a + 1; b < n; ++b) {
            if (!costed[b]) continue;
            const auto& x = r.column(2 * a + 1);
            const auto& y = r.column(2 * b + 1);
            u.beats.push_back(BeatProbability{routes[a], routes[b], share([&](std::size_t s) { return x[s] > y[s]; }, x.size())});
        }
    }
    return u;
}

}  // namespace reclaim
