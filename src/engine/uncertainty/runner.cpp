#include "engine/uncertainty/runner.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "core/error.hpp"

namespace reclaim {

namespace {

double physical_memory_bytes()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 8.0 * (1ULL << 30);
}

}  // namespace

std::vector<std::string> MonteCarloOptions::problems() const
{
    std::vector<std::string> out;
    if (samples < 1 && !given) out.push_back(fmt::format("samples = {}; violated: samples >= 1", samples));
    if (threads > 1024) out.push_back(fmt::format("threads = {}; violated: threads <= 1024", threads));
    if (given && given->rows.empty()) out.push_back("given samples = 0 rows; violated: at least one row");
    if (given && samples > given->rows.size())
        out.push_back(fmt::format("samples = {}; violated: samples <= {} (the rows of {})", samples,
                                  given->rows.size(), given->file));
    return out;
}

const std::vector<double>& MonteCarloResult::column(std::size_t output) const
{
    auto it = std::find(kept.begin(), kept.end(), output);
    if (it == kept.end()) throw UsageError(fmt::format("output {} of the Monte Carlo run was not kept", output));
    return columns[static_cast<std::size_t>(it - kept.begin())];
}

double monte_carlo_bytes(std::size_t samples, std::size_t outputs, std::size_t kept)
{
    const double chunk = static_cast<double>(std::min(samples, kChunkSamples));
    const double per_output = samples > StreamingSummary::kExact
                                  ? 16.0 * static_cast<double>(StreamingSummary::kBins + 2)
                                  : 8.0 * static_cast<double>(samples);
    // A kept column holds every sample (8 bytes); its first-order index sorts (x, y) pairs with
    // a buffer as large (32 bytes), one output at a time.
    const double n = static_cast<double>(samples);
    return 8.0 * chunk * static_cast<double>(outputs) + per_output * static_cast<double>(outputs) +
           8.0 * n * static_cast<double>(kept) + (kept > 0 ? 32.0 * n : 0.0);
}

std::size_t largest_samples(std::size_t outputs, std::size_t kept, double budget_bytes)
{
    if (monte_carlo_bytes(1, outputs, kept) > budget_bytes) return 0;
    if (monte_carlo_bytes(kMaxSamplesSearched, outputs, kept) <= budget_bytes) return kMaxSamplesSearched;
    // monte_carlo_bytes grows with the samples: bisect between one that fits and one that does not.
    std::size_t lo = 1, hi = kMaxSamplesSearched;
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        (monte_carlo_bytes(mid, outputs, kept) <= budget_bytes ? lo : hi) = mid;
    }
    return lo;
}

Sampler make_sampler(const ParamTable& table, const std::vector<ParamId>& used, ShareSets sets,
                     const MonteCarloOptions& options)
{
    return Sampler(table, used, std::move(sets), options.seed, options.given);
}

MonteCarloResult run_monte_carlo(const Sampler& sampler, std::size_t outputs, const std::vector<std::size_t>& keep,
                                 const WorkerFactory& make_worker, const MonteCarloOptions& options)
{
    if (auto problems = options.problems(); !problems.empty()) {
        std::string msg = "invalid Monte Carlo options: ";
        for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
        throw UsageError(msg);
    }
    const std::size_t n = options.given && options.samples == 0 ? options.given->rows.size() : options.samples;
    const double bytes = monte_carlo_bytes(n, outputs, keep.size());
    const bool half = !(options.memory_bytes > 0.0);
    const double budget = half ? 0.5 * physical_memory_bytes() : options.memory_bytes;
    if (bytes > budget) {
        constexpr double gib = 1024.0 * 1024.0 * 1024.0;
        throw UsageError(fmt::format("--samples {}: the run would need about {:.2f} GiB, more than {} ({:.2f} GiB); "
                                     "at most --samples {} fits",
                                     n, bytes / gib, half ? "half of this machine's memory" : "its memory budget",
                                     budget / gib, largest_samples(outputs, keep.size(), budget)));
    }
    MonteCarloResult r;
    r.samples = n;
    r.outputs = outputs;
    r.seed = options.seed;
    r.kept = keep;
    r.columns.assign(keep.size(), {});
    for (auto& c : r.columns) c.reserve(n);
    std::vector<std::size_t> keep_slot(outputs, npos);
    for (std::size_t k = 0; k < keep.size(); ++k) keep_slot.at(keep[k]) = k;
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
    r.threads = threads;

    const std::size_t chunk = std::min(n, kChunkSamples);
    const std::size_t chunks = (n + chunk - 1) / chunk;
    std::vector<double> buffer(chunk * outputs, std::numeric_limits<double>::quiet_NaN());
    std::vector<StreamingSummary> acc(outputs);
    for (auto& a : acc) a.reserve(n);
    r.summaries.assign(outputs, Summary{});
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::condition_variable finished;
    unsigned running = threads;
    std::size_t error_sample = std::numeric_limits<std::size_t>::max();
    std::exception_ptr error;
    std::vector<Adjustments> per_worker(threads);
    std::barrier sync(static_cast<std::ptrdiff_t>(threads));
    auto record = [&](std::size_t s) {
        std::lock_guard lock(mutex);
        if (s < error_sample) {
            error_sample = s;
            error = std::current_exception();
        }
        failed = true;
    };

    auto work = [&](unsigned w) {
        SampleFn fn;
        try {
            fn = make_worker();
        } catch (...) {
            record(0);
        }
        ParamValues values;
        Adjustments& adj = per_worker[w];
        const std::size_t from = w * outputs / threads, to = (w + 1) * outputs / threads;
        for (std::size_t c = 0; c < chunks; ++c) {
            const std::size_t base = c * chunk, size = std::min(chunk, n - base);
            std::size_t i;
            while (fn && !failed.load(std::memory_order_relaxed) &&
                   (i = next.fetch_add(1, std::memory_order_relaxed)) < size) {
                try {
                    sampler.sample(base + i, values, adj);
                    fn(values, std::span<double>(buffer.data() + i * outputs, outputs));
                } catch (...) {
                    record(base + i);
                }
                done.fetch_add(1, std::memory_order_relaxed);
            }
            sync.arrive_and_wait();
            if (failed.load()) break;  // every worker sees it after the barrier: all leave together
            // The summary step: this worker's outputs, in sample order.
            for (std::size_t o = from; o < to; ++o) {
                StreamingSummary& s = acc[o];
                const std::size_t slot = keep_slot[o];
                for (std::size_t k = 0; k < size; ++k) {
                    const double v = buffer[k * outputs + o];
                    s.add(v);
                    if (slot != npos) r.columns[slot].push_back(v);
                }
            }
            if (w == 0) next.store(0);
            sync.arrive_and_wait();
        }
        if (!failed.load())
            for (std::size_t o = from; o < to; ++o) r.summaries[o] = acc[o].summary();
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
                options.progress(std::min(done.load(), n), n);
                lock.lock();
            }
        }
    }
    for (auto& t : pool) t.join();
    // The workers may finish between two polls: the last report always says where it ended.
    if (options.progress) options.progress(std::min(done.load(), n), n);
    if (error) std::rethrow_exception(error);
    for (const auto& a : per_worker) {
        r.adjustments.clipped += a.clipped;
        r.adjustments.renormalised += a.renormalised;
    }
    return r;
}

}  // namespace reclaim
