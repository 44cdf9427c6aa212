// How a whole `reclaim run` grows with products x years x samples, on a synthetic data folder
// written as CSV (docs/data-format.md) into a temporary folder and read with the project's own
// loaders: 30 elements, 9 materials (one nesting another), N products each with a bill of
// materials of 4-5 lines in 3-4 treatment classes and a lifetime (some ranged), 3 routes with
// per-element transfer rows for a few elements and `*` rows for the rest, one plan, and a
// scenario `synthetic` of Y years: put_on_market per product (4 points, every third product
// ranged), a ranged `*` collection, demand for 5 elements, two targets and the magnet lever.
//
// Per size, medians of a few repeats of:
//   load           load_model + load_scenario
//   deterministic  ScenarioQuestion(Full) + evaluate + analyse_targets + run_json().dump()
//                  + assumptions_table(result.params)   (what `reclaim run` does without files)
//   Monte Carlo    run_uncertainty, S samples, T threads (no tornado)
//
// Usage: bench_scale [--products 100,1000,3000] [--years 100] [--samples 1000] [--threads 2]
//                    [--repeats 3] [--keep]
// Lists multiply (every products x years x samples). --samples 0: no Monte Carlo. --keep leaves
// the data folders in place (under the system's temporary folder; the path is printed).

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/questions/scenario.hpp"
#include "engine/questions/targets.hpp"
#include "engine/uncertainty/run_uncertainty.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "report/html.hpp"
#include "report/run_report.hpp"

#include "timing.hpp"

using namespace reclaim;
using reclaim::bench::Clock;
using reclaim::bench::median;
using reclaim::bench::seconds_since;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSource = "synthetic: bench/bench_scale.cpp";

// ---------------------------------------------------------------------------------------------
// The synthetic data folder.

struct ElementRow {
    const char* symbol;
    const char* name;
    double weight;
};

// 30 elements, IUPAC 2021 standard atomic weights (as materials/elements.csv).
constexpr ElementRow kElements[] = {
    {"Li", "lithium", 6.94},         {"B", "boron", 10.81},          {"C", "carbon", 12.011},
    {"O", "oxygen", 15.999},         {"F", "fluorine", 18.998403162}, {"Na", "sodium", 22.98976928},
    {"Mg", "magnesium", 24.305},     {"Al", "aluminium", 26.9815384}, {"Si", "silicon", 28.085},
    {"P", "phosphorus", 30.973761998}, {"S", "sulfur", 32.06},       {"Cl", "chlorine", 35.45},
    {"K", "potassium", 39.0983},     {"Ca", "calcium", 40.078},      {"Ti", "titanium", 47.867},
    {"V", "vanadium", 50.9415},      {"Cr", "chromium", 51.9961},    {"Mn", "manganese", 54.938043},
    {"Fe", "iron", 55.845},          {"Co", "cobalt", 58.933194},    {"Ni", "nickel", 58.6934},
    {"Cu", "copper", 63.546},        {"Zn", "zinc", 65.38},          {"Ga", "gallium", 69.723},
    {"Ag", "silver", 107.8682},      {"Sn", "tin", 118.71},          {"Pr", "praseodymium", 140.90766},
    {"Nd", "neodymium", 144.242},    {"Dy", "dysprosium", 162.5},    {"Pb", "lead", 207.2},
};

std::ofstream open(const fs::path& path)
{
    fs::create_directories(path.parent_path());
    std::ofstream f(path);
    if (!f) throw std::runtime_error("cannot write " + path.string());
    return f;
}

// "value,low,high" with low/high empty unless ranged by +-`spread` (a fraction of value).
std::string ranged(double value, double spread)
{
    std::ostringstream s;
    s.precision(10);
    s << value << ',';
    if (spread > 0) s << value * (1 - spread) << ',' << value * (1 + spread);
    else s << ',';
    return s.str();
}

std::string num(double v)
{
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

void write_materials(const fs::path& dir)
{
    {
        auto f = open(dir / "materials/elements.csv");
        f << "symbol,name,atomic_weight,source\n";
        for (const auto& e : kElements) f << e.symbol << ',' << e.name << ',' << e.weight << ",IUPAC 2021 standard atomic weights\n";
    }
    {
        auto f = open(dir / "materials/materials.csv");
        f << "id,name,formula,source\n";
        for (const char* id : {"steel_alloy", "al_alloy", "ndfeb_a", "ndfeb_b", "cathode_a", "cathode_b", "cell_a", "pcb", "cable"})
            f << id << ',' << id << ",," << kSource << '\n';
    }
    {
        // material, component, value, low, high (in %); "balance" fills to 100%.
        struct Row {
            const char* material;
            const char* component;
            const char* value;
            const char* low;
            const char* high;
        };
        const Row rows[] = {
            {"steel_alloy", "C", "0.2", "", ""},     {"steel_alloy", "Mn", "0.8", "0.5", "1.2"},
            {"steel_alloy", "Cr", "1", "", ""},      {"steel_alloy", "Ni", "0.5", "0.3", "0.8"},
            {"steel_alloy", "Si", "0.3", "", ""},    {"steel_alloy", "V", "0.1", "", ""},
            {"steel_alloy", "Fe", "balance", "", ""},
            {"al_alloy", "Mg", "1", "0.8", "1.2"},   {"al_alloy", "Si", "0.6", "", ""},
            {"al_alloy", "Cu", "0.3", "", ""},       {"al_alloy", "Zn", "0.2", "", ""},
            {"al_alloy", "Ti", "0.1", "", ""},       {"al_alloy", "Al", "balance", "", ""},
            {"ndfeb_a", "Nd", "24", "20", "28"},     {"ndfeb_a", "Pr", "6", "5", "7"},
            {"ndfeb_a", "Dy", "1", "0.5", "1.5"},    {"ndfeb_a", "B", "1", "", ""},
            {"ndfeb_a", "Co", "1.5", "", ""},        {"ndfeb_a", "Fe", "balance", "", ""},
            {"ndfeb_b", "Nd", "28", "", ""},         {"ndfeb_b", "Pr", "5", "", ""},
            {"ndfeb_b", "Dy", "4", "3", "5"},        {"ndfeb_b", "B", "1", "", ""},
            {"ndfeb_b", "Ga", "0.2", "", ""},        {"ndfeb_b", "Fe", "balance", "", ""},
            {"cathode_a", "Li", "7", "", ""},        {"cathode_a", "Ni", "48", "45", "50"},
            {"cathode_a", "Co", "6", "5", "7"},      {"cathode_a", "Mn", "5.5", "", ""},
            {"cathode_a", "O", "balance", "", ""},
            {"cathode_b", "Li", "4.4", "", ""},      {"cathode_b", "Fe", "35.4", "", ""},
            {"cathode_b", "P", "19.6", "", ""},      {"cathode_b", "O", "balance", "", ""},
            {"cell_a", "cathode_a", "45", "40", "50"}, {"cell_a", "C", "20", "", ""},
            {"cell_a", "Cu", "12", "", ""},          {"cell_a", "Al", "8", "", ""},
            {"cell_a", "F", "2", "", ""},            {"cell_a", "P", "1", "", ""},
            {"cell_a", "O", "balance", "", ""},
            {"pcb", "Cu", "20", "15", "25"},         {"pcb", "Sn", "3", "", ""},
            {"pcb", "Pb", "1", "", ""},              {"pcb", "Ag", "0.1", "0.05", "0.15"},
            {"pcb", "Si", "15", "", ""},             {"pcb", "Ca", "5", "", ""},
            {"pcb", "Al", "5", "", ""},              {"pcb", "Ni", "1", "", ""},
            {"pcb", "Na", "0.5", "", ""},            {"pcb", "S", "0.5", "", ""},
            {"pcb", "K", "0.3", "", ""},             {"pcb", "Cl", "2", "", ""},
            {"pcb", "C", "balance", "", ""},
            {"cable", "Cu", "60", "55", "65"},       {"cable", "Cl", "15", "", ""},
            {"cable", "C", "balance", "", ""},
        };
        auto f = open(dir / "materials/composition.csv");
        f << "material,component,value,low,high,unit,source\n";
        for (const auto& r : rows)
            f << r.material << ',' << r.component << ',' << r.value << ',' << r.low << ',' << r.high << ",%," << kSource << '\n';
    }
    {
        auto f = open(dir / "materials/prices.csv");
        f << "commodity,element,form,value,low,high,unit,date,source\n";
        struct Row {
            const char* element;
            const char* form;
            double usd;
            double spread;
        };
        for (const Row& r : {Row{"Fe", "Fe", 0.3, 0.2}, Row{"Al", "Al", 2.3, 0.1}, Row{"Cu", "Cu", 9, 0.1},
                             Row{"Co", "Co", 30, 0.2}, Row{"Ni", "Ni", 17, 0.1}, Row{"Li", "Li2CO3", 12, 0.25},
                             Row{"Nd", "Nd", 90, 0.2}, Row{"Pr", "Pr", 90, 0.2}, Row{"Dy", "Dy", 300, 0.2}})
            f << r.form << ',' << r.element << ',' << r.form << ',' << ranged(r.usd, r.spread) << ",USD/kg,2025-01,"
              << kSource << '\n';
    }
}

void write_products(const fs::path& dir, int n)
{
    auto products = open(dir / "products/products.csv");
    auto bom = open(dir / "products/bom.csv");
    auto life = open(dir / "products/lifetimes.csv");
    products << "id,name,category,unit,source\n";
    bom << "product,part,class,item,value,low,high,unit,source\n";
    life << "product,model,mean,mean_low,mean_high,sd,sd_low,sd_high,shape,scale,scale_low,scale_high,source\n";
    for (int k = 0; k < n; ++k) {
        char id[16];
        std::snprintf(id, sizeof id, "p%05d", k);
        products << id << ",synthetic product " << k << ",synthetic,unit," << kSource << '\n';
        const double spread = k % 2 == 0 ? 0.2 : 0.0;
        bom << id << ",frame,steel,steel_alloy," << ranged(10 + k % 50, spread) << ",kg," << kSource << '\n';
        bom << id << ",housing,steel,al_alloy," << ranged(2 + k % 7, 0.0) << ",kg," << kSource << '\n';
        bom << id << ",motor,magnet," << (k % 2 ? "ndfeb_b" : "ndfeb_a") << ',' << ranged(0.5 + 0.1 * (k % 10), spread)
            << ",kg," << kSource << '\n';
        bom << id << ",battery,battery," << (k % 3 ? "cell_a" : "cathode_b") << ',' << ranged(1 + k % 20, 0.1) << ",kg,"
            << kSource << '\n';
        if (k % 4 != 0) bom << id << ",board,electronics,pcb," << ranged(0.2 + 0.05 * (k % 5), 0.0) << ",kg," << kSource << '\n';
        // Lifetimes: normal, weibull or lognormal; some ranged.
        if (k % 3 == 0) {
            const double mean = 8 + k % 10;
            life << id << ",normal," << mean << ',' << (k % 5 == 0 ? num(mean - 2) + ',' + num(mean + 2) : std::string(","))
                 << ",3,,,,,,," << kSource << '\n';
        } else if (k % 3 == 1) {
            const double scale = 12 + k % 8;
            life << id << ",weibull,,,,,,,2.5," << scale << ','
                 << (k % 4 == 1 ? num(scale - 2) + ',' + num(scale + 2) : std::string(",")) << ',' << kSource << '\n';
        } else {
            life << id << ",lognormal,10,,,4,,,,,,," << kSource << '\n';
        }
    }
}

void write_routes(const fs::path& dir)
{
    {
        auto f = open(dir / "routes/routes.csv");
        f << "id,name,entry,trl,source\n";
        f << "shred,shredding and sorting,shred,9," << kSource << '\n';
        f << "hydro,hydrometallurgy,leach,8," << kSource << '\n';
        f << "magnet_ext,magnets extracted first,demag,6," << kSource << '\n';
    }
    struct Row {
        const char* route;
        const char* process;
        const char* element;
        const char* to;
        double value;
        double spread;
    };
    const Row rows[] = {
        {"shred", "shred", "Fe", "sort", 0.97, 0.02},       {"shred", "shred", "Fe", "loss:dust", 0.03, 0},
        {"shred", "shred", "Al", "sort", 0.9, 0.05},        {"shred", "shred", "Al", "loss:dust", 0.1, 0},
        {"shred", "shred", "Cu", "sort", 0.9, 0},           {"shred", "shred", "Cu", "loss:dust", 0.1, 0},
        {"shred", "shred", "*", "sort", 0.6, 0.15},         {"shred", "shred", "*", "loss:dust", 0.4, 0},
        {"shred", "sort", "Fe", "recovered:Fe", 0.95, 0.03}, {"shred", "sort", "Fe", "loss:slag", 0.05, 0},
        {"shred", "sort", "Al", "recovered:Al", 0.85, 0.05}, {"shred", "sort", "Al", "loss:slag", 0.15, 0},
        {"shred", "sort", "Cu", "recovered:Cu", 0.8, 0.1},  {"shred", "sort", "Cu", "loss:slag", 0.2, 0},
        {"shred", "sort", "*", "loss:slag", 1, 0},
        {"hydro", "leach", "Co", "recovered:Co", 0.95, 0.03}, {"hydro", "leach", "Co", "loss:residue", 0.05, 0},
        {"hydro", "leach", "Ni", "recovered:Ni", 0.95, 0.03}, {"hydro", "leach", "Ni", "loss:residue", 0.05, 0},
        {"hydro", "leach", "Li", "recovered:Li2CO3", 0.8, 0.1}, {"hydro", "leach", "Li", "loss:residue", 0.2, 0},
        {"hydro", "leach", "Cu", "recovered:Cu", 0.9, 0},   {"hydro", "leach", "Cu", "loss:residue", 0.1, 0},
        {"hydro", "leach", "*", "loss:residue", 1, 0},
        {"magnet_ext", "demag", "*", "hpms", 0.98, 0.01},   {"magnet_ext", "demag", "*", "loss:fines", 0.02, 0},
        {"magnet_ext", "hpms", "Nd", "recovered:Nd", 0.9, 0.05}, {"magnet_ext", "hpms", "Nd", "loss:fines", 0.1, 0},
        {"magnet_ext", "hpms", "Pr", "recovered:Pr", 0.9, 0.05}, {"magnet_ext", "hpms", "Pr", "loss:fines", 0.1, 0},
        {"magnet_ext", "hpms", "Dy", "recovered:Dy", 0.85, 0.1}, {"magnet_ext", "hpms", "Dy", "loss:fines", 0.15, 0},
        {"magnet_ext", "hpms", "Fe", "recovered:Fe", 0.9, 0}, {"magnet_ext", "hpms", "Fe", "loss:fines", 0.1, 0},
        {"magnet_ext", "hpms", "*", "loss:fines", 1, 0},
    };
    {
        auto f = open(dir / "routes/transfers.csv");
        f << "route,process,element,to,value,low,high,source\n";
        for (const auto& r : rows)
            f << r.route << ',' << r.process << ',' << r.element << ',' << r.to << ',' << ranged(r.value, r.spread) << ','
              << kSource << '\n';
    }
    {
        auto f = open(dir / "routes/plans.csv");
        f << "plan,class,route,value,low,high,source\n";
        f << "base,magnet,shred,0.8,,," << kSource << '\n';
        f << "base,magnet,magnet_ext,0.1,0.05,0.15," << kSource << '\n';
        f << "base,steel,shred,0.95,,," << kSource << '\n';
        f << "base,battery,hydro,0.6,0.5,0.7," << kSource << '\n';
        f << "base,battery,shred,0.2,,," << kSource << '\n';
        f << "base,electronics,shred,0.7,,," << kSource << '\n';
    }
}

void write_scenario(const fs::path& dir, int n, int years)
{
    const int last = 2050, first = last - years + 1;
    // Four points spread over the horizon; the targets in 2035 if inside it, else the last year.
    const int pts[4] = {first + years / 10, first + (4 * years) / 10, first + (7 * years) / 10, last};
    const int target_year = first <= 2035 ? 2035 : last;
    const fs::path sc = dir / "scenarios/synthetic";
    {
        auto f = open(sc / "scenario.toml");
        f << "name = \"synthetic\"\n"
          << "description = \"bench_scale: " << n << " products, " << years << " years\"\n"
          << "years = [" << first << ", " << last << "]\n"
          << "plan = \"base\"\nsurvival = \"end\"\n\n"
          << "[files]\nput_on_market = \"put_on_market.csv\"\ncollection = \"collection.csv\"\ndemand = \"demand.csv\"\n\n"
          << "[levers]\nmagnet_class = \"magnet\"\nmagnet_shred_route = \"shred\"\nmagnet_extraction_route = \"magnet_ext\"\n\n";
        for (const char* e : {"Nd", "Co"})
            f << "[[targets]]\nelement = \"" << e << "\"\nshare = 0.20\nyear = " << target_year << "\nsource = \"" << kSource
              << "\"\n\n";
    }
    {
        auto f = open(sc / "put_on_market.csv");
        f << "product,year,value,low,high,unit,source\n";
        for (int k = 0; k < n; ++k) {
            const double base = 1000.0 * (1 + k % 17);
            const double shape[4] = {0.2, 0.6, 1.0, 1.3};
            for (int i = 0; i < 4; ++i) {
                char id[16];
                std::snprintf(id, sizeof id, "p%05d", k);
                f << id << ',' << pts[i] << ',' << ranged(base * shape[i], k % 3 == 0 && i > 0 ? 0.2 : 0.0) << ",unit,"
                  << kSource << '\n';
            }
        }
    }
    {
        auto f = open(sc / "collection.csv");
        f << "product,year,value,low,high,source\n";
        f << "*," << pts[0] << ",0.2,0.1,0.3," << kSource << '\n';
        f << "*," << pts[1] << ",0.4,0.3,0.5," << kSource << '\n';
        f << "*," << last << ",0.7,0.6,0.8," << kSource << '\n';
    }
    {
        auto f = open(sc / "demand.csv");
        f << "element,year,value,low,high,unit,source\n";
        // Roughly proportional to what N products contain, so that shares stay comparable.
        struct Row {
            const char* element;
            double t_per_product;
        };
        for (const Row& r : {Row{"Nd", 2.0}, Row{"Dy", 0.2}, Row{"Co", 1.0}, Row{"Li", 1.0}, Row{"Cu", 20.0}}) {
            const double v = r.t_per_product * n;
            f << r.element << ',' << pts[0] << ',' << ranged(0.3 * v, 0.0) << ",t," << kSource << '\n';
            f << r.element << ',' << target_year << ',' << ranged(v, 0.15) << ",t," << kSource << '\n';
            if (target_year != last) f << r.element << ',' << last << ',' << ranged(1.5 * v, 0.25) << ",t," << kSource << '\n';
        }
    }
}

void write_data(const fs::path& dir, int products, int years)
{
    fs::remove_all(dir);
    write_materials(dir);
    write_products(dir, products);
    write_routes(dir);
    write_scenario(dir, products, years);
}

// ---------------------------------------------------------------------------------------------
// Timing.

struct Row {
    int products = 0, years = 0;
    std::size_t samples = 0, sampled = 0;
    double load_ms = 0, det_ms = 0, mc_s = 0;
    double compile_ms = 0, evaluate_ms = 0, targets_ms = 0, json_ms = 0, assumptions_ms = 0;
    int det_reps = 0, mc_reps = 0;
};

// "100,1000,3000"; each at least `min`.
std::vector<int> parse_list(const std::string& s, int min)
{
    std::vector<int> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty()) out.push_back(std::max(min, std::atoi(item.c_str())));
    return out;
}

// Load and deterministic run once per data folder, then the Monte Carlo per entry of `samples`
// (0: none); one row per entry.
std::vector<Row> measure(const fs::path& dir, int products, int years, const std::vector<int>& samples,
                         unsigned threads, int reps)
{
    Row row;
    row.products = products;
    row.years = years;
    const fs::path sc_dir = dir / "scenarios/synthetic";

    std::vector<double> load;
    for (int r = 0; r < reps; ++r) {
        auto t0 = Clock::now();
        Model m = load_model(dir);
        Scenario s = load_scenario(sc_dir, m);
        load.push_back(1e3 * seconds_since(t0));
    }
    row.load_ms = median(load);

    const Model model = load_model(dir);
    const Scenario sc = load_scenario(sc_dir, model);
    const ParamValues values = sc.params.nominal();
    std::vector<double> total, compile, evaluate, targets, json, assumptions;
    std::size_t checksum = 0;
    for (int r = 0; r < std::max(reps, 3); ++r) {
        auto t0 = Clock::now();
        ScenarioQuestion question(model, sc, Detail::Full);
        const double c = 1e3 * seconds_since(t0);
        auto t1 = Clock::now();
        ScenarioResult result = question.evaluate(values);
        const double e = 1e3 * seconds_since(t1);
        t1 = Clock::now();
        auto analysed = analyse_targets(question, values, result);
        const double t = 1e3 * seconds_since(t1);
        t1 = Clock::now();
        checksum += run_json(model, sc, result, analysed).dump().size();
        const double j = 1e3 * seconds_since(t1);
        t1 = Clock::now();
        checksum += assumptions_table(result.params).rows.size();
        const double a = 1e3 * seconds_since(t1);
        total.push_back(1e3 * seconds_since(t0));
        compile.push_back(c);
        evaluate.push_back(e);
        targets.push_back(t);
        json.push_back(j);
        assumptions.push_back(a);
    }
    row.det_reps = static_cast<int>(total.size());
    row.det_ms = median(total);
    row.compile_ms = median(compile);
    row.evaluate_ms = median(evaluate);
    row.targets_ms = median(targets);
    row.json_ms = median(json);
    row.assumptions_ms = median(assumptions);

    std::vector<Row> out;
    for (int n : samples) {
        Row r = row;
        r.samples = static_cast<std::size_t>(n);
        MonteCarloOptions mc;
        mc.samples = r.samples;
        mc.seed = 1;
        mc.threads = threads;
        std::vector<double> mc_s;
        auto start = Clock::now();
        for (int k = 0; k < (n > 0 ? reps : 0); ++k) {
            auto t0 = Clock::now();
            RunUncertainty u = run_uncertainty(model, sc, mc);
            mc_s.push_back(seconds_since(t0));
            r.sampled = u.ranged_params;
            for (const auto& t : u.targets) checksum += static_cast<std::size_t>(1e3 * t.recycled_share.p50);
            // Keep the whole bench within a few minutes: stop repeating a long Monte Carlo.
            if (seconds_since(start) > 30.0) break;
        }
        r.mc_reps = static_cast<int>(mc_s.size());
        r.mc_s = mc_s.empty() ? 0.0 : median(mc_s);
        out.push_back(r);
    }
    if (checksum == 0) std::printf("(checksum 0)\n");
    return out;
}

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

}  // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::vector<int> products{100, 1000, 3000}, years{100}, samples{1000};
    unsigned threads = 2;
    int reps = 3;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "bench_scale: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--products") products = parse_list(next(), 1);
        else if (a == "--years") years = parse_list(next(), 2);
        else if (a == "--samples") samples = parse_list(next(), 0);
        else if (a == "--threads") threads = static_cast<unsigned>(std::max(1, std::atoi(next().c_str())));
        else if (a == "--repeats") reps = std::max(1, std::atoi(next().c_str()));
        else if (a == "--keep") keep = true;
        else {
            std::fprintf(stderr,
                         "usage: bench_scale [--products 100,1000,3000] [--years 100] [--samples 1000] [--threads 2] "
                         "[--repeats 3] [--keep]\n");
            return 2;
        }
    }

    const fs::path root = fs::temp_directory_path() / ("reclaim_bench_scale_" + std::to_string(getpid()));
    std::vector<Row> rows;
    try {
        for (int y : years) {
            for (int n : products) {
                const fs::path dir = root / ("p" + std::to_string(n) + "_y" + std::to_string(y));
                auto t0 = Clock::now();
                write_data(dir, n, y);
                const double write_ms = 1e3 * seconds_since(t0);
                for (const Row& r : measure(dir, n, y, samples, threads, reps)) rows.push_back(r);
                std::fprintf(stderr, "bench_scale: %d products x %d years done (data written in %.0f ms)\n", n, y,
                             write_ms);
                if (!keep) fs::remove_all(dir);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_scale: %s (data under %s)\n", e.what(), root.c_str());
        return 1;
    }
    if (!keep) fs::remove_all(root);
    else std::printf("data kept under %s\n", root.c_str());

    std::printf("synthetic run, 30 elements, 3 routes, 1 plan; Monte Carlo at %u threads; medians\n", threads);
    std::printf("%8s %6s %7s %7s %9s %10s %9s %12s %12s %14s\n", "products", "years", "samples", "sampled", "load ms",
                "determ ms", "MC s", "determ us/p", "MC ms/p", "MC ns/(p*y*s)");
    for (const Row& r : rows) {
        const double p = r.products;
        std::printf("%8d %6d %7zu %7zu %9.1f %10.1f ", r.products, r.years, r.samples, r.sampled, r.load_ms, r.det_ms);
        if (r.mc_s > 0)
            std::printf("%9.2f %12.1f %12.2f %14.1f\n", r.mc_s, 1e3 * r.det_ms / p, 1e3 * r.mc_s / p,
                        1e9 * r.mc_s * static_cast<double>(threads) / (p * r.years * static_cast<double>(r.samples)));
        else
            std::printf("%9s %12.1f %12s %14s\n", "-", 1e3 * r.det_ms / p, "-", "-");
    }
    std::printf("(MC ns/(p*y*s): core-seconds per product-year-sample; repeats: deterministic %d, Monte Carlo up to %d,"
                " fewer once one size has run 30 s)\n",
                std::max(reps, 3), reps);

    std::printf("\ndeterministic run by stage [ms]:\n");
    std::printf("%8s %6s %9s %9s %16s %15s %18s\n", "products", "years", "compile", "evaluate", "analyse_targets",
                "run_json+dump", "assumptions_table");
    for (const Row& r : rows)
        if (r.samples == static_cast<std::size_t>(samples.front()))
            std::printf("%8d %6d %9.2f %9.2f %16.2f %15.2f %18.2f\n", r.products, r.years, r.compile_ms,
                        r.evaluate_ms, r.targets_ms, r.json_ms, r.assumptions_ms);

    // Growth between consecutive sizes that differ in one dimension only: the cost ratio, and
    // that ratio over the size ratio (1.00 = linear in that dimension).
    std::printf("\ngrowth between sizes (cost ratio, and in brackets cost ratio / size ratio: 1.00 = linear):\n");
    auto dims = [](const Row& r) { return std::array<double, 3>{double(r.products), double(r.years), double(r.samples)}; };
    const char* names[3] = {"products", "years", "samples"};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = i + 1; j < rows.size(); ++j) {
            const auto da = dims(rows[i]), db = dims(rows[j]);
            int d = -1, differing = 0;
            for (int k = 0; k < 3; ++k)
                if (da[k] != db[k]) {
                    d = k;
                    ++differing;
                }
            if (differing != 1 || !(da[d] < db[d]) || da[d] == 0) continue;
            bool consecutive = true;  // no row in between along the same line
            for (std::size_t k = 0; k < rows.size(); ++k) {
                const auto dk = dims(rows[k]);
                bool same_line = true;
                for (int m = 0; m < 3; ++m)
                    if (m != d && dk[m] != da[m]) same_line = false;
                if (same_line && dk[d] > da[d] && dk[d] < db[d]) consecutive = false;
            }
            if (!consecutive) continue;
            const Row &a = rows[i], &b = rows[j];
            const double sr = db[d] / da[d];
            auto g = [&](double x, double y) {
                char buf[48];
                std::snprintf(buf, sizeof buf, "x%.2f (%.2f)", ratio(y, x), ratio(y, x) / sr);
                return std::string(buf);
            };
            if (d == 2) {  // the same data: only the Monte Carlo differs
                std::printf("  samples %g -> %g (x%.3g): Monte Carlo %s\n", da[d], db[d], sr, g(a.mc_s, b.mc_s).c_str());
                continue;
            }
            if (a.samples != static_cast<std::size_t>(samples.front())) {  // deterministic already printed
                if (a.mc_s > 0 && b.mc_s > 0)
                    std::printf("  %s %g -> %g (x%.3g) at %zu samples: Monte Carlo %s\n", names[d], da[d], db[d], sr,
                                a.samples, g(a.mc_s, b.mc_s).c_str());
                continue;
            }
            std::printf("  %s %g -> %g (x%.3g): load %s, deterministic %s", names[d], da[d], db[d], sr,
                        g(a.load_ms, b.load_ms).c_str(), g(a.det_ms, b.det_ms).c_str());
            if (a.mc_s > 0 && b.mc_s > 0) std::printf(", Monte Carlo %s at %zu samples", g(a.mc_s, b.mc_s).c_str(), a.samples);
            std::printf("\n      compile %s, evaluate %s, analyse_targets %s, run_json %s, assumptions_table %s\n",
                        g(a.compile_ms, b.compile_ms).c_str(), g(a.evaluate_ms, b.evaluate_ms).c_str(),
                        g(a.targets_ms, b.targets_ms).c_str(), g(a.json_ms, b.json_ms).c_str(),
                        g(a.assumptions_ms, b.assumptions_ms).c_str());
        }
    }
    return 0;
}
