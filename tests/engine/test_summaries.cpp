// Summaries of one Monte Carlo output (src/engine/uncertainty/summaries.cpp): percentiles by
// Hyndman & Fan's definition 7, and the streaming summary: exact up to kExact samples, within
// one bin of the exact percentiles beyond.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <tuple>
#include <vector>

#include "core/random.hpp"
#include "engine/uncertainty/summaries.hpp"

using namespace reclaim;

namespace {

// n uniforms on (0, 1), or their squares (a skewed output), from a counter-based stream.
std::vector<double> uniforms(std::size_t n, bool squared = false)
{
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        CounterRng rng(7, i, 1);
        const double u = rng.uniform();
        v[i] = squared ? u * u : u;
    }
    return v;
}

StreamingSummary streamed(const std::vector<double>& v)
{
    StreamingSummary s;
    for (double x : v) s.add(x);
    return s;
}

// The share of `v` at or below x [fraction].
double rank_of(std::vector<double> v, double x)
{
    return static_cast<double>(std::count_if(v.begin(), v.end(), [x](double y) { return y <= x; })) /
           static_cast<double>(v.size());
}

}  // namespace

TEST_CASE("Percentiles interpolate linearly between order statistics", "[engine][summaries]")
{
    // 0, 1, ..., 100: h = 100 p, so P5 = 5, P50 = 50, P95 = 95 exactly.
    std::vector<double> v(101);
    std::iota(v.begin(), v.end(), 0.0);
    CHECK(percentile_sorted(v, 0.05) == Approx(5.0).margin(1e-12));
    CHECK(percentile_sorted(v, 0.50) == Approx(50.0).margin(1e-12));
    CHECK(percentile_sorted(v, 0.95) == Approx(95.0).margin(1e-12));
    // {10, 20}: h = 0.05 -> 10 + 0.05 x 10 = 10.5; h = 0.95 -> 19.5.
    CHECK(percentile_sorted({10.0, 20.0}, 0.05) == Approx(10.5));
    CHECK(percentile_sorted({10.0, 20.0}, 0.95) == Approx(19.5));
    CHECK(percentile_sorted({3.0}, 0.5) == 3.0);
    CHECK(std::isnan(percentile_sorted({}, 0.5)));
    Summary s = summarize({4.0, NAN, 1.0, 3.0, 2.0});
    CHECK(s.count == 4);                       // the NaN sample is left out
    CHECK(s.mean == Approx(2.5));              // (1 + 2 + 3 + 4) / 4
    CHECK(s.p50 == Approx(2.5));               // h = 1.5 between 2 and 3
    CHECK(s.p5 == Approx(1.15));               // h = 0.15: 1 + 0.15 x 1
    CHECK(s.p95 == Approx(3.85));              // h = 2.85: 3 + 0.85 x 1
    CHECK(std::isnan(summarize({}).mean));
    CHECK(summarize({}).count == 0);
    CHECK(summarize({INFINITY, NAN}).count == 0);  // only finite samples count
}

TEST_CASE("The streaming summary equals summarize() up to kExact samples", "[engine][summaries]")
{
    for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{101}, std::size_t{5000}, StreamingSummary::kExact}) {
        INFO(n);
        std::vector<double> v = uniforms(n, true);
        v.push_back(NAN);  // left out by both
        StreamingSummary s = streamed(v);
        CHECK_FALSE(s.binned());
        Summary a = s.summary(), b = summarize(v);
        CHECK(a.count == n);
        CHECK(a.count == b.count);
        CHECK(a.mean == b.mean);
        CHECK(a.p5 == b.p5);
        CHECK(a.p50 == b.p50);
        CHECK(a.p95 == b.p95);
    }
    // The hand example: 1..4 and a NaN.
    StreamingSummary s = streamed({4.0, NAN, 1.0, 3.0, 2.0});
    CHECK(s.summary().mean == Approx(2.5));
    CHECK(s.summary().p5 == Approx(1.15));
    CHECK(std::isnan(StreamingSummary{}.summary().mean));
}

TEST_CASE("Past kExact samples the streaming summary is binned, within one bin of the exact percentiles",
          "[engine][summaries]")
{
    StreamingSummary edge = streamed(uniforms(StreamingSummary::kExact + 1));
    CHECK(edge.binned());
    for (bool squared : {false, true}) {
        INFO((squared ? "u^2" : "u"));
        const std::size_t n = 60000;
        std::vector<double> v = uniforms(n, squared);
        StreamingSummary s = streamed(v);
        REQUIRE(s.binned());
        Summary a = s.summary(), b = summarize(v);
        CHECK(a.count == n);
        // The mean is the exact sum in sample order.
        CHECK(a.mean == std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(n));
        // Each bin holds about 1/kBins of the samples: the binned percentile's rank is within one
        // bin (plus the bins' sampling spread) of p, and its value within a bin of the exact one.
        const double bin = 1.0 / static_cast<double>(StreamingSummary::kBins);
        for (auto [p, x, exact] : {std::tuple{0.05, a.p5, b.p5}, std::tuple{0.5, a.p50, b.p50}, std::tuple{0.95, a.p95, b.p95}}) {
            INFO("p = " << p);
            CHECK(std::abs(rank_of(v, x) - p) <= 2 * bin);
            // Values: uniform, a bin is 1/kBins wide; u^2 at quantile p, 2 sqrt(p) / kBins.
            const double width = squared ? 2 * std::sqrt(p) * bin : bin;
            CHECK(std::abs(x - exact) <= 2 * width);
        }
    }
}

TEST_CASE("Past kExact samples an output with a point mass keeps exact percentiles at the point", "[engine][summaries]")
{
    // 80% of the samples are 0 and the rest 1 (a met flag, or nothing recovered in most samples):
    // P5 and P50 are 0 and P95 is 1 exactly; spreading the zeros over the gap to 1 would give
    // P50 = 0.63.
    StreamingSummary s;
    std::vector<double> v;
    for (std::size_t k = 0; k < 20000; ++k) v.push_back(k % 5 == 4 ? 1.0 : 0.0);
    for (double x : v) s.add(x);
    REQUIRE(s.binned());
    const Summary a = s.summary();
    CHECK(a.p5 == 0.0);
    CHECK(a.p50 == 0.0);
    CHECK(a.p95 == 1.0);
    CHECK(a.mean == Approx(0.2).epsilon(1e-12));
}
