// Monte Carlo throughput and memory:
//   1. the UK 2035 scenario (run_uncertainty, as `reclaim run --samples N`) at 1 and 2 threads,
//      and the assessment of every shipped product under the default plan, N samples each:
//      wall time, samples per second per core and the 1 -> 2 thread ratio (medians);
//   2. peak resident memory of the real binary, `reclaim run --no-files --samples S` for
//      S = 10,000 and 100,000: each run is a child process (fork/exec) and its peak RSS is the
//      ru_maxrss that wait4() returns for that child (the same figure `/usr/bin/time -v` prints
//      as "Maximum resident set size"); the run without --samples (no Monte Carlo) is the baseline,
//      and 10,001 samples shows the step where the summaries stop keeping every sample
//      (StreamingSummary::kExact) and bin them.
// Usage: bench_monte_carlo [SAMPLES] [REPETITIONS] [DATA_DIR] [RECLAIM_BINARY]
// Default binary: `reclaim` beside the bench/ folder this executable is in; memory is skipped
// if it is absent.

#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli/defaults.hpp"
#include "engine/uncertainty/assess_uncertainty.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

#include "timing.hpp"

using namespace reclaim;
using reclaim::bench::Clock;
using reclaim::bench::median;
using reclaim::bench::seconds_since;
namespace fs = std::filesystem;

namespace {

MonteCarloOptions options(std::size_t n, unsigned threads)
{
    MonteCarloOptions o;
    o.samples = n;
    o.seed = 1;
    o.threads = threads;
    return o;
}

void report(const char* what, std::size_t n, const std::vector<double>& t1, const std::vector<double>& t2, int reps)
{
    const double m1 = median(t1), m2 = median(t2);
    std::printf("%s, %zu samples (median of %d):\n", what, n, reps);
    std::printf("  1 thread:  %.3f s  %8.0f samples/s per core\n", m1, static_cast<double>(n) / m1);
    std::printf("  2 threads: %.3f s  %8.0f samples/s per core\n", m2, static_cast<double>(n) / m2 / 2.0);
    std::printf("  ratio 1 thread / 2 threads: %.2fx (efficiency %.0f%%)\n", m1 / m2, 50.0 * m1 / m2);
}

// The plan `reclaim assess` uses without --plan (src/cli/assess_options.hpp, default_plan).
std::size_t default_plan(const Model& model)
{
    if (auto p = model.find_plan(std::string(cli::kDefaultPlan))) return *p;
    return 0;
}

struct ChildRun {
    bool ok = false;
    double wall_s = 0.0;
    double max_rss_mib = 0.0;  //!< ru_maxrss of the child [MiB]
    double user_s = 0.0, sys_s = 0.0;
};

// Runs `argv` as a child, output to /dev/null; its own rusage via wait4().
ChildRun run_child(const std::vector<std::string>& args)
{
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ChildRun out;
    auto t0 = Clock::now();
    pid_t pid = fork();
    if (pid < 0) return out;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage ru{};
    if (wait4(pid, &status, 0, &ru) != pid) return out;
    out.wall_s = seconds_since(t0);
    out.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    out.max_rss_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: kilobytes
    out.user_s = static_cast<double>(ru.ru_utime.tv_sec) + 1e-6 * static_cast<double>(ru.ru_utime.tv_usec);
    out.sys_s = static_cast<double>(ru.ru_stime.tv_sec) + 1e-6 * static_cast<double>(ru.ru_stime.tv_usec);
    return out;
}

fs::path default_binary()
{
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return self.parent_path().parent_path() / "reclaim";
}

void memory(const fs::path& binary, const fs::path& data, int reps)
{
    std::printf("\npeak memory of `%s run --no-files` (a child process each, ru_maxrss from wait4, median of %d):\n",
                binary.c_str(), reps);
    std::printf("  %-10s %10s %10s %10s %10s %22s\n", "samples", "max RSS", "wall", "user", "sys",
                "CPU per sample (-none)");
    double base_cpu = 0.0;
    for (std::size_t s : {std::size_t{0}, std::size_t{10000}, std::size_t{10001}, std::size_t{100000}}) {
        std::vector<std::string> args{binary.string(), "--data", data.string(), "-q", "run", "--no-files"};
        if (s > 0) {
            args.push_back("--samples");
            args.push_back(std::to_string(s));
        }
        std::vector<double> rss, wall, user, sys;
        for (int r = 0; r < reps; ++r) {
            ChildRun c = run_child(args);
            if (!c.ok) {
                std::printf("  %-10zu failed (run it by hand: %s ...)\n", s, binary.c_str());
                return;
            }
            rss.push_back(c.max_rss_mib);
            wall.push_back(c.wall_s);
            user.push_back(c.user_s);
            sys.push_back(c.sys_s);
        }
        const double cpu = median(user) + median(sys);
        if (s == 0) base_cpu = cpu;
        std::printf("  %-10s %7.1f MiB %8.3f s %8.3f s %8.3f s", s ? std::to_string(s).c_str() : "none", median(rss),
                    median(wall), median(user), median(sys));
        if (s > 0) std::printf(" %17.1f us", 1e6 * (cpu - base_cpu) / static_cast<double>(s));
        std::printf("\n");
    }
}

}  // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::stoul(argv[1])) : 10000;
    const int reps = argc > 2 ? std::max(1, std::stoi(argv[2])) : 5;
    const fs::path data = argc > 3 ? fs::path(argv[3]) : fs::path(RECLAIM_REPO_DIR);
    const fs::path binary = argc > 4 ? fs::path(argv[4]) : default_binary();
    std::printf("machine: %u hardware threads\n", std::thread::hardware_concurrency());

    try {
        const Model model = load_model(data);
        const Scenario sc = load_scenario(find_scenario(data, std::string(cli::kDefaultScenario)), model);
        auto t0 = Clock::now();
        ScenarioQuestion headline(model, sc, Detail::Headline);
        const double compile_ms = 1e3 * seconds_since(t0);
        const Sampler sampler(sc.params, headline.params(), headline.share_sets(), 1);
        std::printf("ScenarioQuestion (headline) compiled in %.2f ms; %zu products, %d years, %zu ranged parameters sampled\n",
                    compile_ms, headline.products().size(), sc.years(), sampler.sampled().size());

        double checksum = 0.0;
        std::vector<double> t1, t2;
        for (int r = 0; r < reps; ++r) {
            for (unsigned threads : {1u, 2u}) {
                auto t = Clock::now();
                RunUncertainty u = run_uncertainty(model, sc, options(n, threads));
                (threads == 1 ? t1 : t2).push_back(seconds_since(t));
                for (const auto& target : u.targets) checksum += target.probability_met + target.recycled_share.p50;
            }
        }
        report("UK 2035 scenario (run_uncertainty, as reclaim run --samples without the tornado)", n, t1, t2, reps);

        // Every product under the default plan, N samples each.
        const std::size_t plan = default_plan(model);
        const std::vector<std::size_t> critical = cli::critical_elements(model);
        std::vector<double> a1, a2;
        for (int r = 0; r < reps; ++r) {
            for (unsigned threads : {1u, 2u}) {
                auto t = Clock::now();
                for (std::size_t p = 0; p < model.products.size(); ++p) {
                    AssessOptions o;
                    o.product = p;
                    o.plan = plan;
                    o.amount = Amount::functional_units(1.0, *model.products[p].unit);
                    o.critical = critical;
                    checksum += assess_uncertainty(model, o, options(n, threads)).recyclability_rate.p50;
                }
                (threads == 1 ? a1 : a2).push_back(seconds_since(t));
            }
        }
        std::printf("\n");
        report(("assess of all " + std::to_string(model.products.size()) + " products under plan " +
                model.plans[plan].id + " (samples per product)").c_str(),
               n, a1, a2, reps);
        std::printf("checksum: %.6g\n", checksum);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_monte_carlo: %s\n", e.what());
        return 1;
    }

    if (!binary.empty() && fs::is_regular_file(binary)) memory(binary, data, std::min(reps, 3));
    else std::printf("\npeak memory: skipped, no binary at '%s' (give it as the 4th argument)\n", binary.c_str());
    return 0;
}
