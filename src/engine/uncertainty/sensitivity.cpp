#include "engine/uncertainty/sensitivity.hpp"

#include <algorithm>
#include <cmath>

namespace reclaim {

double TornadoBar::swing() const { return std::abs(output_high - output_low); }

std::vector<EndPoints> one_at_a_time(const Sampler& sampler, const std::vector<ParamId>& params,
                                     const std::function<std::vector<double>(const ParamValues&)>& outputs)
{
    const ParamTable& table = sampler.table();
    std::vector<EndPoints> out;
    ParamValues values;
    for (ParamId id : params) {
        const Param& p = table[id];
        if (!p.ranged()) continue;
        EndPoints e;
        e.param = id;
        e.low = clip_to_bound(p, p.low);
        e.high = clip_to_bound(p, p.high);
        values = sampler.nominal();
        values[id.index] = e.low;
        sampler.balance(values);
        e.at_low = outputs(values);
        values = sampler.nominal();
        values[id.index] = e.high;
        sampler.balance(values);
        e.at_high = outputs(values);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<TornadoBar> tornado_of(const ParamTable& table, const std::vector<EndPoints>& ends, std::size_t k,
                                   std::size_t top)
{
    std::vector<TornadoBar> bars;
    for (const EndPoints& e : ends) {
        TornadoBar b;
        b.param = e.param;
        b.spec = table[e.param];
        b.origin = table.origin(e.param);
        b.low = e.low;
        b.high = e.high;
        b.output_low = e.at_low[k];
        b.output_high = e.at_high[k];
        bars.push_back(std::move(b));
    }
    std::stable_sort(bars.begin(), bars.end(),
                     [](const TornadoBar& a, const TornadoBar& b) { return a.swing() > b.swing(); });
    if (bars.size() > top) bars.resize(top);
    return bars;
}

std::vector<TornadoBar> tornado(const Sampler& sampler, const std::vector<ParamId>& params,
                                const std::function<double(const ParamValues&)>& output, std::size_t top)
{
    const auto ends = one_at_a_time(sampler, params, [&](const ParamValues& v) { return std::vector<double>{output(v)}; });
    return tornado_of(sampler.table(), ends, 0, top);
}

std::optional<double> first_order_index(const Sampler& sampler, ParamId id, const std::vector<double>& y)
{
    std::vector<std::pair<double, double>> xy;
    xy.reserve(y.size());
    for (std::size_t s = 0; s < y.size(); ++s)
        if (std::isfinite(y[s])) xy.emplace_back(sampler.value(id, s), y[s]);
    const std::size_t n = xy.size();
    if (n < kMinSamplesForIndices) return std::nullopt;
    std::stable_sort(xy.begin(), xy.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const std::size_t bins = std::min<std::size_t>(50, static_cast<std::size_t>(std::sqrt(static_cast<double>(n))));
    double mean = 0.0;
    for (const auto& [x, v] : xy) mean += v;
    mean /= static_cast<double>(n);
    double sst = 0.0, ssb = 0.0;
    for (const auto& [x, v] : xy) sst += (v - mean) * (v - mean);
    if (!(sst > 0.0)) return 0.0;
    for (std::size_t b = 0; b < bins; ++b) {
        const std::size_t from = b * n / bins, to = (b + 1) * n / bins;
        double m = 0.0;
        for (std::size_t k = from; k < to; ++k) m += xy[k].second;
        m /= static_cast<double>(to - from);
        ssb += static_cast<double>(to - from) * (m - mean) * (m - mean);
    }
    const double msw = (sst - ssb) / static_cast<double>(n - bins);
    const double s = (ssb - static_cast<double>(bins - 1) * msw) / (sst + msw);
    return std::clamp(s, 0.0, 1.0);
}

}  // namespace reclaim
