// Route networks against hand-computed yields, conservation on random networks, and the
// errors of broken networks (loader and solver).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "engine/evaluate/route_network.hpp"
#include "io/load.hpp"
#include "route_builder.hpp"

using namespace reclaim;
using reclaim::test::ModelBuilder;
using reclaim::test::sink_of;
using Catch::Matchers::Contains;

namespace {

double yield(const Model& m, const RouteSolution& s, const std::string& element, const std::string& sink)
{
    auto e = static_cast<Eigen::Index>(*m.elements.find(element));
    return s.sink_yield(e, static_cast<Eigen::Index>(sink_of(m, s.route, sink)));
}

// A copy of tests/data/tiny in a fresh temporary folder, with routes/transfers.csv replaced.
std::filesystem::path tiny_with_transfers(const std::string& name, const std::string& transfers)
{
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("reclaim_test_" + name);
    fs::remove_all(dir);
    fs::copy(fs::path(RECLAIM_TEST_DATA_DIR) / "tiny", dir, fs::copy_options::recursive);
    std::ofstream(dir / "routes/transfers.csv") << transfers;
    return dir;
}

std::string tiny_transfers()
{
    std::ifstream in(std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "tiny/routes/transfers.csv");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string load_problems(const std::filesystem::path& dir)
{
    try {
        load_model(dir);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("The yields of a three-stage chain multiply", "[engine][routes]")
{
    ModelBuilder b;
    b.route("chain", "a")
        .link("a", "*", "b", 0.9).link("a", "*", "loss:a", 0.1)
        .link("b", "*", "c", 0.8).link("b", "*", "loss:b", 0.2)
        .link("c", "*", "recovered:X", 0.7).link("c", "*", "loss:c", 0.3);
    const Model& m = b.model();
    RouteSolution s = solve_route(m, 0, m.params.nominal());
    // 0.9 * 0.8 * 0.7 = 0.504 recovered; losses 0.1, 0.9 * 0.2 = 0.18, 0.9 * 0.8 * 0.3 = 0.216.
    CHECK(yield(m, s, "Nd", "recovered:X") == Approx(0.504).epsilon(1e-12));
    CHECK(yield(m, s, "Nd", "loss:a") == Approx(0.1).epsilon(1e-12));
    CHECK(yield(m, s, "Nd", "loss:b") == Approx(0.18).epsilon(1e-12));
    CHECK(yield(m, s, "Fe", "loss:c") == Approx(0.216).epsilon(1e-12));
    CHECK(s.recovered[1] == Approx(0.504).epsilon(1e-12));
    // Throughput: a sees 1 kg, b 0.9, c 0.72.
    CHECK(s.throughput(1, 2) == Approx(0.72).epsilon(1e-12));
    CHECK(s.max_residual <= kBalanceTolerance);
}

TEST_CASE("A recycle loop gives the closed form of its geometric series", "[engine][routes]")
{
    // Leach recovers 0.8, loses 0.05 to residue and sends 0.15 to a wash that returns 0.9 of
    // it. Each pass returns 0.15 * 0.9 = 0.135 of what entered, so the leach sees
    // 1 + 0.135 + 0.135^2 + ... = 1 / (1 - 0.135) = 1 / 0.865 kg per kg fed:
    // recovered 0.8 / 0.865 = 0.924855491, residue 0.05 / 0.865 = 0.057803468,
    // wash water 0.15 * 0.1 / 0.865 = 0.017341040; they sum to 0.865 / 0.865 = 1.
    ModelBuilder b;
    b.route("loop", "leach")
        .link("leach", "*", "recovered:oxide", 0.8).link("leach", "*", "wash", 0.15)
        .link("leach", "*", "loss:residue", 0.05)
        .link("wash", "*", "leach", 0.9).link("wash", "*", "loss:wash-water", 0.1);
    const Model& m = b.model();
    RouteSolution s = solve_route(m, 0, m.params.nominal());
    CHECK(yield(m, s, "Nd", "recovered:oxide") == Approx(0.8 / 0.865).epsilon(1e-12));
    CHECK(yield(m, s, "Nd", "loss:residue") == Approx(0.05 / 0.865).epsilon(1e-12));
    CHECK(yield(m, s, "Nd", "loss:wash-water") == Approx(0.015 / 0.865).epsilon(1e-12));
    CHECK(s.throughput(1, 0) == Approx(1 / 0.865).epsilon(1e-12));
    // The links carry leach -> wash 0.15 / 0.865 and wash -> leach 0.135 / 0.865.
    REQUIRE(s.links.size() == 2);
    for (std::size_t l = 0; l < 2; ++l) {
        double expected = s.links[l].from == 0 ? 0.15 / 0.865 : 0.135 / 0.865;
        CHECK(s.link_yield(1, static_cast<Eigen::Index>(l)) == Approx(expected).epsilon(1e-12));
    }
}

TEST_CASE("A network can recover an element in two forms and the others by default rows", "[engine][routes]")
{
    ModelBuilder b({"Fe", "Nd", "Dy"});
    b.route("magnets", "extract")
        .link("extract", "*", "separate", 0.9).link("extract", "*", "loss:not-liberated", 0.1)
        .link("separate", "Nd", "recovered:NdPr-oxide", 0.6).link("separate", "Nd", "recovered:NdFeB-alloy", 0.3)
        .link("separate", "Nd", "loss:slag", 0.1)
        .link("separate", "*", "loss:slag", 1.0);
    const Model& m = b.model();
    RouteSolution s = solve_route(m, 0, m.params.nominal());
    // Nd: 0.9 * 0.6 = 0.54 oxide, 0.9 * 0.3 = 0.27 alloy, 0.9 * 0.1 = 0.09 slag, 0.1 not liberated.
    CHECK(yield(m, s, "Nd", "recovered:NdPr-oxide") == Approx(0.54).epsilon(1e-12));
    CHECK(yield(m, s, "Nd", "recovered:NdFeB-alloy") == Approx(0.27).epsilon(1e-12));
    CHECK(yield(m, s, "Nd", "loss:slag") == Approx(0.09).epsilon(1e-12));
    CHECK(s.recovered[1] == Approx(0.81).epsilon(1e-12));
    // Fe and Dy have no rows of their own: 0.9 to slag, nothing recovered.
    CHECK(yield(m, s, "Dy", "loss:slag") == Approx(0.9).epsilon(1e-12));
    CHECK(yield(m, s, "Fe", "recovered:NdPr-oxide") == 0.0);
    CHECK(s.recovered[2] == 0.0);
}

TEST_CASE("Random networks with loops conserve every element to 1e-9", "[engine][routes][property]")
{
    std::mt19937 rng(20250630);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    int solved = 0;
    for (int trial = 0; trial < 300; ++trial) {
        ModelBuilder b({"Fe", "Nd", "Dy", "Li", "Co"});
        const int n = 1 + static_cast<int>(rng() % 9);
        auto name = [](int p) {
            std::string s = "p";  // not "p" + ...: GCC 12 warns falsely (-Wrestrict) on that
            return s += std::to_string(p);
        };
        b.route("random", name(0));
        for (int p = 1; p < n; ++p) b.process(name(p));
        // Rows for '*' and for some elements: each has at least one sink, random links anywhere
        // (backwards links make loops), shares normalised to sum to 1.
        for (const std::string element : {"*", "Nd", "Li"}) {
            if (element != "*" && rng() % 2) continue;
            for (int p = 0; p < n; ++p) {
                std::vector<std::pair<std::string, double>> out;
                out.emplace_back(rng() % 2 ? "recovered:form" + std::to_string(rng() % 3) : "loss:l" + std::to_string(rng() % 3), u(rng) + 1e-3);
                for (int q = 0; q < n; ++q)
                    if (q != p && rng() % 3 == 0) out.emplace_back(name(q), u(rng));
                double sum = 0;
                for (auto& [to, s] : out) sum += s;
                for (auto& [to, s] : out) b.link(name(p), element, to, s / sum);
            }
        }
        const Model& m = b.model();
        RouteSolution s = solve_route(m, 0, m.params.nominal());
        ++solved;
        for (Eigen::Index e = 0; e < 5; ++e) {
            INFO("trial " << trial << ", element " << e);
            CHECK(std::abs(1.0 - s.sink_yield.row(e).sum()) <= 1e-9);
            // Every process balances: what enters (feed + links in) = what leaves (links + edges out).
            for (std::size_t p = 0; p < m.routes[0].processes.size(); ++p) {
                double in = p == m.routes[0].entry ? 1.0 : 0.0, out = 0.0;
                for (std::size_t l = 0; l < s.links.size(); ++l) {
                    if (s.links[l].to == p) in += s.link_yield(e, static_cast<Eigen::Index>(l));
                    if (s.links[l].from == p) out += s.link_yield(e, static_cast<Eigen::Index>(l));
                }
                for (std::size_t k = 0; k < s.edges.size(); ++k)
                    if (s.edges[k].process == p) out += s.edge_yield(e, static_cast<Eigen::Index>(k));
                CHECK(in == Approx(out).margin(1e-9));
                CHECK(s.throughput(e, static_cast<Eigen::Index>(p)) == Approx(in).margin(1e-9));
                CHECK(s.throughput(e, static_cast<Eigen::Index>(p)) >= -1e-12);
            }
        }
    }
    CHECK(solved == 300);
}

TEST_CASE("A loop without exit is a data error naming the route and its processes", "[engine][routes][errors]")
{
    ModelBuilder b;
    b.route("trap", "shred")
        .link("shred", "*", "sort", 1.0)
        .link("sort", "*", "loss:dust", 1.0)
        .link("sort", "Nd", "wash", 1.0)
        .link("wash", "*", "sort", 1.0);
    const Model& m = b.model();
    // The shares are data: exit 1 at the route's row, not a failed balance (exit 3, a bug).
    REQUIRE_THROWS_AS(solve_route(m, 0, m.params.nominal()), InputError);
    CHECK_THROWS_WITH(solve_route(m, 0, m.params.nominal()),
                      Contains("'trap'") && Contains("Nd") && Contains("shred, sort, wash"));
    Diagnostics diag;
    validate_routes(m, diag);
    REQUIRE(diag.size() == 1);
    CHECK_THAT(diag.problems()[0].str(), Contains("routes/routes.csv:2") && Contains("loop with no exit for Nd") &&
                                             Contains("shred, sort, wash"));
}

TEST_CASE("An unreachable process is reported and does not disturb the solve", "[engine][routes][errors]")
{
    // island <-> atoll send everything to each other: a closed loop no mass reaches. Solving the
    // whole network would meet a singular matrix; the reachable part solves exactly.
    ModelBuilder b;
    b.route("r", "shred").link("shred", "*", "recovered:steel", 1.0);
    b.link("island", "*", "atoll", 1.0).link("atoll", "*", "island", 1.0);
    const Model& m = b.model();
    RouteSolution s = solve_route(m, 0, m.params.nominal());
    CHECK(yield(m, s, "Fe", "recovered:steel") == 1.0);
    CHECK(s.throughput(0, 1) == 0.0);
    Diagnostics diag;
    validate_routes(m, diag);
    REQUIRE(diag.size() == 2);
    CHECK_THAT(diag.problems()[0].str(), Contains("routes/transfers.csv:") && Contains("'island' cannot be reached") &&
                                             Contains("route 'r'"));
    CHECK_THAT(diag.problems()[1].str(), Contains("'atoll' cannot be reached"));
}

TEST_CASE("Transfer coefficients that do not sum to one are a loader error with file and line", "[engine][routes][errors]")
{
    // Line 16 of tiny's transfers.csv is hpms/* -> loss:oxidised-fines 0.05; 0.95 + 0.15 = 1.1.
    std::string t = tiny_transfers();
    auto at = t.find("loss:oxidised-fines,0.05");
    REQUIRE(at != std::string::npos);
    t.replace(at, 24, "loss:oxidised-fines,0.15");
    auto problems = load_problems(tiny_with_transfers("sum", t));
    // The message points at the first row of magnet_hpms/hpms/* (line 15).
    CHECK_THAT(problems, Contains("routes/transfers.csv:15: column 'value': 'magnet_hpms/hpms/*' transfer "
                                  "coefficients sum to 1.1, expected 1 within 1e-6"));
}

TEST_CASE("A sink must start with recovered: or loss:", "[engine][routes][errors]")
{
    std::string t = tiny_transfers() + "shred_steel,shred,Nd,waste:slag,1,,,,test\n";  // line 23
    auto problems = load_problems(tiny_with_transfers("sink", t));
    CHECK_THAT(problems, Contains("routes/transfers.csv:23: column 'to': 'waste:slag' is not a process of route "
                                  "'shred_steel' nor a sink (a sink starts with recovered: or loss:)"));
}

TEST_CASE("The shipped tiny routes solve and conserve", "[engine][routes]")
{
    Model m = load_model(std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "tiny");
    REQUIRE(m.routes.size() == 3);
    std::vector<RouteSolution> all;
    for (std::size_t r = 0; r < m.routes.size(); ++r) all.push_back(solve_route(m, r, m.params.nominal()));
    // lib_hydro, Li: shred 0.95 to leach, leach 0.85 recovered: 0.95 * 0.85 = 0.8075.
    CHECK(yield(m, all[*m.find_route("lib_hydro")], "Li", "recovered:Li2CO3") == Approx(0.8075).epsilon(1e-12));
    for (const auto& s : all) {
        CHECK(s.max_residual <= kBalanceTolerance);
        CHECK(s.elements.size() == m.elements.size());  // one row per model element
    }
}
