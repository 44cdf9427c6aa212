#pragma once
// Summaries of one Monte Carlo output: mean, P5, P50, P95, kept exactly while the samples fit a
// fixed budget and binned beyond it, so memory is bounded by the outputs, not the samples
// (docs/uncertainty.md, "Summaries").

#include <cstddef>
#include <vector>

namespace reclaim {

//! Mean and percentiles of one output.
struct Summary {
    double mean = 0.0;
    double p5 = 0.0;
    double p50 = 0.0;
    double p95 = 0.0;
    std::size_t count = 0;  //!< finite samples the summary is over (NaN samples are left out)
};

//! The p-quantile (0 <= p <= 1) of sorted values by linear interpolation between order
//! statistics: h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])
//! (Hyndman & Fan 1996, definition 7; numpy's default). NaN for no values.
double percentile_sorted(const std::vector<double>& sorted, double p);

//! Mean, P5, P50 and P95 of the finite entries of `values`; NaN fields when there are none.
Summary summarize(std::vector<double> values);
//! The same, reordering `values` (and dropping its non-finite entries) instead of copying it.
Summary summarize_in_place(std::vector<double>& values);

//! One output's summary, fed one sample at a time in sample order. The first kExact finite
//! values are kept and summarised exactly (summarize()); past them the kept values set kBins + 1
//! edges at their order statistics. Every later value is counted either at an edge it equals
//! (an atom: outputs with a point mass, a 0 in most samples, stay exact) or in the open interval
//! between two edges (or below the first, above the last), and a percentile is the atom that
//! holds its rank or is interpolated linearly inside the interval that does. The mean is always
//! the exact sum in sample order.
class StreamingSummary {
public:
    static constexpr std::size_t kExact = 10000;
    static constexpr std::size_t kBins = 2000;

    //! Room for the values kept exactly (at most kExact): saves regrowing while samples arrive.
    void reserve(std::size_t samples);
    void add(double v);
    //! The summary so far; may reorder the kept values (the next summary is the same).
    [[nodiscard]] Summary summary();
    [[nodiscard]] bool binned() const { return !edges_.empty(); }

private:
    void bin_kept();
    [[nodiscard]] double quantile(double p) const;

    std::vector<double> kept_;
    std::vector<double> edges_;         //!< kBins + 1 edges, ascending
    //! 2 (kBins + 1) + 1: [0] below edges_[0]; [2j + 1] equal to edges_[j]; [2j + 2] between
    //! edges_[j] and edges_[j + 1] (above the last edge for j = kBins)
    std::vector<std::size_t> counts_;
    void count(double v);
    double sum_ = 0.0;
    double min_ = 0.0, max_ = 0.0;
    std::size_t n_ = 0;
};

}  // namespace reclaim
