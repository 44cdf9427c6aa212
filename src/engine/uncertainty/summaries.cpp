#include "engine/uncertainty/summaries.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace reclaim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double percentile_sorted(const std::vector<double>& sorted, double p)
{
    if (sorted.empty()) return kNaN;
    const double h = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

Summary summarize(std::vector<double> values) { return summarize_in_place(values); }

Summary summarize_in_place(std::vector<double>& values)
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
    // instead of a full sort.
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

void StreamingSummary::reserve(std::size_t samples) { kept_.reserve(std::min(samples, kExact + 1)); }

void StreamingSummary::add(double v)
{
    if (!std::isfinite(v)) return;
    sum_ += v;
    min_ = n_ == 0 ? v : std::min(min_, v);
    max_ = n_ == 0 ? v : std::max(max_, v);
    ++n_;
    if (edges_.empty()) {
        kept_.push_back(v);
        if (kept_.size() > kExact) bin_kept();
        return;
    }
    count(v);
}

void StreamingSummary::count(double v)
{
    const auto it = std::lower_bound(edges_.begin(), edges_.end(), v);
    const auto j = static_cast<std::size_t>(it - edges_.begin());
    ++counts_[it != edges_.end() && *it == v ? 2 * j + 1 : 2 * j];
}

void StreamingSummary::bin_kept()
{
    std::vector<double> sorted = kept_;
    std::sort(sorted.begin(), sorted.end());
    edges_.resize(kBins + 1);
    for (std::size_t k = 0; k <= kBins; ++k) edges_[k] = sorted[k * (sorted.size() - 1) / kBins];
    counts_.assign(2 * (kBins + 1) + 1, 0);
    std::vector<double> keep = std::move(kept_);
    kept_.clear();
    kept_.shrink_to_fit();
    // Counted again as binned values; sum, min, max and n are already theirs.
    for (double v : keep) count(v);
}

double StreamingSummary::quantile(double p) const
{
    // Rank h (0-based, as percentile_sorted) located in the cumulative counts; inside a bin the
    // values are taken as spread evenly between its edges (the open bins end at min and max).
    const double h = static_cast<double>(n_ - 1) * p;
    double below = 0.0;
    for (std::size_t k = 0; k < counts_.size(); ++k) {
        const auto c = static_cast<double>(counts_[k]);
        if (c > 0 && h < below + c) {
            if (k % 2 == 1) return edges_[k / 2];  // an atom: every value there equals the edge
            const std::size_t j = k / 2;  // between edges_[j - 1] and edges_[j]
            const double lo = j == 0 ? min_ : edges_[j - 1];
            const double hi = j < edges_.size() ? edges_[j] : max_;
            const double f = c > 1 ? (h - below) / (c - 1) : 0.5;
            return lo + std::clamp(f, 0.0, 1.0) * (hi - lo);
        }
        below += c;
    }
    return max_;
}

Summary StreamingSummary::summary()
{
    if (edges_.empty()) {
        Summary s = summarize_in_place(kept_);
        if (n_ > 0) s.mean = sum_ / static_cast<double>(n_);  // the sum in sample order, whatever kept_'s order now
        return s;
    }
    Summary s;
    s.count = n_;
    s.mean = sum_ / static_cast<double>(n_);
    s.p5 = quantile(0.05);
    s.p50 = quantile(0.50);
    s.p95 = quantile(0.95);
    return s;
}

}  // namespace reclaim
