#include "engine/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include <fmt/format.h>

namespace reclaim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The clipping of sample_params_into: the same rule, so that a subset draw equals a full one.
double clip(const Param& p, double v, std::size_t* clipped)
{
    const double lo = p.bound == Bound::Free ? -INFINITY : 0.0;
    const double hi = p.bound == Bound::Fraction ? 1.0 : INFINITY;
    if (v < lo || v > hi) {
        if (clipped) ++*clipped;
        return std::clamp(v, lo, hi);
    }
    return v;
}

std::vector<ParamId> every_ranged(const ParamTable& params)
{
    std::vector<ParamId> out;
    for (std::uint32_t i = 0; i < params.size(); ++i)
        if (params.params()[i].ranged()) out.push_back(ParamId{i});
    return out;
}

}  // namespace

std::vector<std::string> MonteCarloOptions::problems() const
{
    std::vector<std::string> out;
    if (samples < 1) out.push_back(fmt::format("samples = {}; violated: samples >= 1", samples));
    if (threads > 1024) out.push_back(fmt::format("threads = {}; violated: threads <= 1024", threads));
    return out;
}

std::vector<double> MonteCarloResult::column(std::size_t output) const
{
    std::vector<double> out(samples);
    for (std::size_t s = 0; s < samples; ++s) out[s] = values[s * outputs + output];
    return out;
}

double sampled_value(const ParamTable& params, ParamId id, std::uint64_t seed, std::uint64_t sample)
{
    const Param& p = params[id];
    if (!p.ranged()) return p.value;
    CounterRng rng(seed, sample, id.index);
    return clip(p, draw(p, rng), nullptr);
}

void sample_subset_into(const ParamTable& params, const std::vector<ParamId>& ranged, std::uint64_t seed,
                        std::uint64_t sample, const ParamValues& nominal, ParamValues& out, std::size_t* clipped)
{
    out = nominal;
    for (ParamId id : ranged) {
        const Param& p = params[id];
        if (!p.ranged()) continue;
        CounterRng rng(seed, sample, id.index);
        out[id.index] = clip(p, draw(p, rng), clipped);
    }
}

MonteCarloResult run_monte_carlo(const ParamTable& params, std::size_t outputs, const WorkerFactory& make_worker,
                                 const MonteCarloOptions& options)
{
    if (auto problems = options.problems(); !problems.empty()) {
        std::string msg = "invalid Monte Carlo options: ";
        for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
        throw std::invalid_argument(msg);
    }
    MonteCarloResult r;
    r.samples = options.samples;
    r.outputs = outputs;
    r.seed = options.seed;
    r.values.assign(r.samples * outputs, kNaN);
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, r.samples));
    r.threads = threads;

    const std::vector<ParamId> ranged = options.sampled ? *options.sampled : every_ranged(params);
    const ParamValues nominal = params.nominal();

    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::condition_variable finished;
    unsigned running = threads;
    std::size_t error_sample = std::numeric_limits<std::size_t>::max();
    std::exception_ptr error;
    std::vector<Adjustments> per_worker(threads);

    auto work = [&](unsigned w) {
        try {
            SampleFn fn = make_worker();
            ParamValues values;
            Adjustments& adj = per_worker[w];
            std::size_t s;
            while (!failed.load(std::memory_order_relaxed) &&
                   (s = next.fetch_add(1, std::memory_order_relaxed)) < r.samples) {
                try {
                    sample_subset_into(params, ranged, options.seed, s, nominal, values, &adj.clipped);
                    adj.renormalised += fn(values, std::span<double>(r.values.data() + s * outputs, outputs));
                } catch (...) {
                    std::lock_guard lock(mutex);
                    if (s < error_sample) {
                        error_sample = s;
                        error = std::current_exception();
                    }
                    failed = true;
                }
                done.fetch_add(1, std::memory_order_relaxed);
            }
        } catch (...) {  // the factory itself failed
            std::lock_guard lock(mutex);
            if (!error) error = std::current_exception();
            failed = true;
        }
        std::lock_guard lock(mutex);
        if (--running == 0) finished.notify_all();
    };

    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned w = 0; w < threads; ++w) pool.emplace_back(work, w);
    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            finished.wait_for(lock, std::chrono::milliseconds(50));
            if (options.progress) {
                lock.unlock();
                options.progress(std::min(done.load(), r.samples), r.samples);
                lock.lock();
            }
        }
    }
    for (auto& t : pool) t.join();
    // The workers may finish between two polls: the last report always says where it ended.
    if (options.progress) options.progress(std::min(done.load(), r.samples), r.samples);
    if (error) std::rethrow_exception(error);
    for (const auto& a : per_worker) {
        r.adjustments.clipped += a.clipped;
        r.adjustments.renormalised += a.renormalised;
    }
    return r;
}

double percentile_sorted(const std::vector<double>& sorted, double p)
{
    if (sorted.empty()) return kNaN;
    const double h = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

Summary summarize(std::vector<double> values)
{
    std::erase_if(values, [](double v) { return !std::isfinite(v); });
    Summary s;
    s.count = values.size();
    if (values.empty()) {
        s.mean = s.p5 = s.p50 = s.p95 = kNaN;
        return s;
    }
    // Summed in sample order, so the mean does not depend on the selection below either.
    s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    // The order statistics percentile_sorted() would read, found by selection (linear time)
    // instead of a full sort: a run keeps one summary per output and year, thousands of them.
    auto first = values.begin();
    auto quantile = [&](double p) {
        const double h = static_cast<double>(values.size() - 1) * p;
        const auto lo = static_cast<std::size_t>(std::floor(h));
        auto nth = values.begin() + static_cast<std::ptrdiff_t>(lo);
        std::nth_element(first, nth, values.end());
        first = nth;  // later quantiles lie at or after this one
        if (lo + 1 >= values.size()) return *nth;
        const double next = *std::min_element(nth + 1, values.end());
        return *nth + (h - static_cast<double>(lo)) * (next - *nth);
    };
    s.p5 = quantile(0.05);
    s.p50 = quantile(0.50);
    s.p95 = quantile(0.95);
    return s;
}

double probability(const std::vector<double>& values)
{
    if (values.empty()) return kNaN;
    std::size_t yes = 0;
    for (double v : values) yes += (v != 0.0 && !std::isnan(v)) ? 1 : 0;
    return static_cast<double>(yes) / static_cast<double>(values.size());
}

double TornadoBar::swing() const { return std::abs(output_high - output_low); }

std::vector<TornadoBar> tornado(const ParamTable& table, const std::vector<ParamId>& params,
                                const std::function<double(const ParamValues&)>& output, std::size_t top)
{
    ParamValues values = table.nominal();
    std::vector<TornadoBar> bars;
    for (ParamId id : params) {
        const Param& p = table[id];
        if (!p.ranged()) continue;
        TornadoBar b;
        b.param = id;
        b.low = clip(p, p.low, nullptr);
        b.high = clip(p, p.high, nullptr);
        values[id.index] = b.low;
        b.output_low = output(values);
        values[id.index] = b.high;
        b.output_high = output(values);
        values[id.index] = p.value;
        bars.push_back(b);
    }
    std::stable_sort(bars.begin(), bars.end(),
                     [](const TornadoBar& a, const TornadoBar& b) { return a.swing() > b.swing(); });
    if (bars.size() > top) bars.resize(top);
    return bars;
}

std::optional<double> first_order_index(const ParamTable& params, ParamId id, std::uint64_t seed,
                                        const std::vector<double>& y)
{
    // (x, y) of the finite samples; x regenerated from the parameter's own stream.
    std::vector<std::pair<double, double>> xy;
    xy.reserve(y.size());
    for (std::size_t s = 0; s < y.size(); ++s)
        if (std::isfinite(y[s])) xy.emplace_back(sampled_value(params, id, seed, s), y[s]);
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

std::size_t ShareSets::balance(ParamValues& values) const
{
    std::size_t n = 0;
    for (const auto& set : must_sum_to_one) {
        double others = 0.0;
        for (std::size_t k = 1; k < set.size(); ++k) others += std::max(0.0, values[set[k].index]);
        double& absorber = values[set[0].index];
        if (std::abs(std::max(0.0, absorber) + others - 1.0) <= 1e-12) continue;
        ++n;
        if (others <= 1.0) absorber = 1.0 - others;
    }
    for (const auto& set : at_most_one) {
        double sum = 0.0;
        for (ParamId id : set) sum += std::clamp(values[id.index], 0.0, 1.0);
        n += sum > 1.0 + 1e-12 ? 1 : 0;
    }
    return n;
}

ShareSets share_sets(const Model& model, const std::vector<std::size_t>& routes,
                     const std::vector<std::size_t>& materials, const std::vector<std::size_t>& plans)
{
    ShareSets out;
    auto ranged = [&](const std::vector<ParamId>& set) {
        return std::any_of(set.begin(), set.end(), [&](ParamId id) { return model.params[id].ranged(); });
    };
    auto add = [&](std::vector<std::vector<ParamId>>& to, std::vector<ParamId> set) {
        if (ranged(set)) to.push_back(std::move(set));
    };
    // The absorbing row first: the largest fixed share, else the largest share.
    auto absorber_first = [&](std::vector<ParamId> set) {
        auto better = [&](ParamId a, ParamId b) {
            const Param& pa = model.params[a];
            const Param& pb = model.params[b];
            if (pa.ranged() != pb.ranged()) return !pa.ranged();
            return pa.value > pb.value;
        };
        if (!set.empty()) std::iter_swap(set.begin(), std::min_element(set.begin(), set.end(), better));
        return set;
    };
    for (auto r : routes) {
        for (const auto& p : model.routes[r].processes) {
            auto ids = [](const std::vector<Transfer>& ts) {
                std::vector<ParamId> v;
                for (const auto& t : ts) v.push_back(t.share);
                return v;
            };
            if (!p.fallback.empty()) add(out.must_sum_to_one, absorber_first(ids(p.fallback)));
            // Element rows in element order, so the list is the same on every run.
            std::vector<std::size_t> elements;
            for (const auto& [e, ts] : p.by_element) elements.push_back(e);
            std::sort(elements.begin(), elements.end());
            for (auto e : elements) add(out.must_sum_to_one, absorber_first(ids(p.by_element.at(e))));
        }
    }
    for (auto m : materials) {
        const Material& mat = model.materials[m];
        if (!mat.formula.empty() || mat.components.empty()) continue;
        std::vector<ParamId> set;
        bool balance = false;
        for (const auto& k : mat.components) {
            if (k.balance) balance = true;
            else set.push_back(k.fraction);
        }
        if (balance) add(out.at_most_one, std::move(set));
        else add(out.must_sum_to_one, absorber_first(std::move(set)));
    }
    for (auto plan : plans) {
        std::map<std::size_t, std::vector<ParamId>> by_class;
        for (const auto& s : model.plans[plan].shares) by_class[s.treatment_class].push_back(s.share);
        for (auto& [c, set] : by_class) add(out.at_most_one, std::move(set));
    }
    return out;
}

std::size_t balance_shares(const Model& model, ParamValues& values)
{
    std::vector<std::size_t> routes(model.routes.size()), materials(model.materials.size()), plans(model.plans.size());
    std::iota(routes.begin(), routes.end(), 0);
    std::iota(materials.begin(), materials.end(), 0);
    std::iota(plans.begin(), plans.end(), 0);
    return share_sets(model, routes, materials, plans).balance(values);
}

}  // namespace reclaim
