// Share sets (src/engine/evaluate/share_sets.cpp): which sets of shares a question has, which
// row absorbs a sampled difference, and the one balancing rule, by hand.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/evaluate/share_sets.hpp"
#include "io/load.hpp"

using namespace reclaim;

namespace {

const Model& tiny()
{
    static const Model m = load_model(std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "tiny");
    return m;
}

ParamId at(const char* file, std::size_t line)
{
    auto id = tiny().params.find(file, line, "value");
    REQUIRE(id);
    return *id;
}

ParamId transfer(std::size_t line) { return at("routes/transfers.csv", line); }

}  // namespace

TEST_CASE("The absorbing row of a set takes 1 minus the others", "[engine][share_sets]")
{
    ShareSets sets;
    sets.must_sum_to_one.push_back({ParamId{0}, ParamId{1}, ParamId{2}});
    // others 0.5 + 0.4 = 0.9: the absorbing row becomes 0.1, the others keep their values.
    ParamValues v{0.3, 0.5, 0.4};
    CHECK(sets.balance(v) == 1);
    CHECK(v[0] == Approx(0.1).epsilon(1e-12));
    CHECK(v[1] == 0.5);
    CHECK(v[2] == 0.4);
    // Already summing to 1: nothing moves, nothing is counted.
    CHECK(sets.balance(v) == 0);
    // A negative row counts as 0: others 0 + 0.3, absorbing row 0.7.
    ParamValues neg{0.5, -0.1, 0.3};
    CHECK(sets.balance(neg) == 1);
    CHECK(neg[0] == Approx(0.7).epsilon(1e-12));
    // The others alone exceed 1 (0.7 + 0.6): the set is left to the evaluator, but counted.
    ParamValues over{0.2, 0.7, 0.6};
    CHECK(sets.balance(over) == 1);
    CHECK(over == ParamValues{0.2, 0.7, 0.6});
}

TEST_CASE("A set that must stay at most 1 is counted above 1 and left to the evaluator", "[engine][share_sets]")
{
    ShareSets sets;
    sets.at_most_one.push_back({ParamId{0}, ParamId{1}});
    ParamValues above{0.6, 0.5};
    CHECK(sets.balance(above) == 1);
    CHECK(above == ParamValues{0.6, 0.5});
    ParamValues below{0.3, 0.4};
    CHECK(sets.balance(below) == 0);
}

TEST_CASE("The share sets of tiny are the ranged transfer rows, composition rows and plan rows",
          "[engine][share_sets]")
{
    const Model& m = tiny();
    std::vector<std::size_t> routes{*m.find_route("lib_hydro"), *m.find_route("magnet_hpms"), *m.find_route("shred_steel")};
    ShareSets sets = share_sets(m, m.params, routes, {*m.find_material("ndfeb_low_dy"), *m.find_material("steel")},
                                {*m.find_plan("today")});
    // Transfers (every row ranged, so the largest nominal share absorbs): lib_hydro/shred/*
    // (leach 0.95, dust 0.05), lib_hydro/leach/Li (Li2CO3 0.85, residue 0.15), lib_hydro/leach/Co
    // (0.95, 0.05), magnet_hpms/extract/* (hpms 0.9, not liberated 0.1). The fixed sets (Al, Cu,
    // Ni, leach/*, hpms, shred_steel) are not listed.
    REQUIRE(sets.must_sum_to_one.size() == 4);
    CHECK(sets.must_sum_to_one[0] == std::vector<ParamId>{transfer(2), transfer(3)});
    CHECK(sets.must_sum_to_one[1] == std::vector<ParamId>{transfer(6), transfer(7)});
    CHECK(sets.must_sum_to_one[2] == std::vector<ParamId>{transfer(8), transfer(9)});
    CHECK(sets.must_sum_to_one[3] == std::vector<ParamId>{transfer(13), transfer(14)});
    // At most 1: the magnet's rows beside its Fe balance row (Nd, Pr, Dy ranged, B fixed), and
    // the plan's battery row (0.6, 0.4..0.8). Steel and the plan's fixed classes are not listed.
    REQUIRE(sets.at_most_one.size() == 2);
    const char* comp = "materials/composition.csv";
    CHECK(sets.at_most_one[0] == std::vector<ParamId>{at(comp, 2), at(comp, 3), at(comp, 4), at(comp, 5)});
    CHECK(sets.at_most_one[1] == std::vector<ParamId>{at("routes/plans.csv", 2)});
    // At nominal values every set keeps its sum.
    ParamValues v = m.params.nominal();
    CHECK(sets.balance(v) == 0);
    // Li2CO3 sampled at 0.88 with the residue at 0.1: the absorbing Li2CO3 row becomes 0.9.
    v[transfer(6).index] = 0.88;
    v[transfer(7).index] = 0.1;
    CHECK(sets.balance(v) == 1);
    CHECK(v[transfer(6).index] == Approx(0.9).epsilon(1e-12));
}

TEST_CASE("A fixed row absorbs before a ranged one, whatever its share", "[engine][share_sets]")
{
    // tests/data/mc: r1/extract/Nd is y1 0.9 (0.6..1.0) and a fixed loss row 0.1; the loss absorbs.
    const Model m = load_model(std::filesystem::path(RECLAIM_TEST_DATA_DIR) / "mc");
    ShareSets sets = share_sets(m, m.params, {*m.find_route("r1")}, {*m.find_material("magnet")}, {*m.find_plan("p")});
    REQUIRE(sets.must_sum_to_one.size() == 2);  // extract/Nd and refine/Nd; the '*' rows are fixed
    auto line = [&](ParamId id) { return m.params.origin(id).line; };
    CHECK(line(sets.must_sum_to_one[0][0]) == 3);  // loss:not-liberated 0.1
    CHECK(line(sets.must_sum_to_one[0][1]) == 2);  // y1
    CHECK(line(sets.must_sum_to_one[1][0]) == 6);  // loss:residue 0.5, fixed
    CHECK(line(sets.must_sum_to_one[1][1]) == 5);  // y2
    CHECK(sets.at_most_one.empty());               // the composition and the plan are fixed
    // y1 sampled at 0.95 stays 0.95; its loss becomes 0.05.
    ParamValues v = m.params.nominal();
    v[sets.must_sum_to_one[0][1].index] = 0.95;
    CHECK(sets.balance(v) == 1);
    CHECK(v[sets.must_sum_to_one[0][1].index] == 0.95);
    CHECK(v[sets.must_sum_to_one[0][0].index] == Approx(0.05).epsilon(1e-12));
}
