// Parameter cells of the model's files: groups, recorded unit factors, lifetime
// and payable ranges, per-product plan rows, sinks parsed at load. Each case
// edits a scratch copy of a fixture.

#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "io/load.hpp"
#include "support/temp_data.hpp"

using namespace reclaim;
using reclaim::test::all_problems;
using reclaim::test::has_problem;
using reclaim::test::TempData;

namespace {

// Adds a column to a CSV file of `d`: `header` on the header row (its first
// line), `cells[line]` on those lines, empty elsewhere; comment and blank lines
// are left alone.
void add_column(const TempData& d, const std::string& file, const std::string& header,
                const std::map<std::size_t, std::string>& cells)
{
    std::istringstream in(d.read(file));
    std::string out, line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (!line.empty() && line.front() != '#') {
            auto it = cells.find(n);
            line += "," + (n == 1 ? header : it == cells.end() ? std::string() : it->second);
        }
        out += line + "\n";
    }
    d.write(file, out);
}

Diagnostics load(const TempData& d)
{
    Diagnostics diag;
    load_model(d.dir(), diag);
    return diag;
}

ParamId param_at(const Model& m, const std::string& file, std::size_t line, const std::string& column = "value")
{
    auto id = m.params.find(file, line, column);
    REQUIRE(id.has_value());
    return *id;
}

}  // namespace

TEST_CASE("A group ties ranged rows of different files to one stream", "[io][params][group]")
{
    TempData d;
    add_column(d, "products/bom.csv", "group", {{7, "magnet-grade"}});
    add_column(d, "materials/composition.csv", "group", {{2, "magnet-grade"}});
    add_column(d, "routes/transfers.csv", "group", {{6, "hydro-yield"}, {8, "hydro-yield"}});
    Diagnostics diag;
    Model m = load_model(d.dir(), diag);
    INFO(all_problems(diag));
    REQUIRE(diag.empty());
    const ParamId magnets = param_at(m, "products/bom.csv", 7);
    const ParamId nd = param_at(m, "materials/composition.csv", 2);
    CHECK(m.params.stream_key(magnets) == group_stream("magnet-grade"));
    CHECK(m.params.stream_key(nd) == m.params.stream_key(magnets));
    CHECK(m.params.stream_key(param_at(m, "routes/transfers.csv", 6)) == group_stream("hydro-yield"));
    CHECK(m.params.stream_key(param_at(m, "routes/transfers.csv", 8)) == group_stream("hydro-yield"));
    // A ranged row without a group draws its own quantile.
    const ParamId pr = param_at(m, "materials/composition.csv", 3);
    CHECK(m.params.stream_key(pr) == pr.index);
}

TEST_CASE(
    "A group on a row without a range is an error naming the file, line "
    "and column",
    "[io][params][group]")
{
    TempData d;
    add_column(d, "products/bom.csv", "group", {{3, "anode"}});
    add_column(d, "routes/plans.csv", "group", {{3, "plan"}});
    add_column(d, "materials/composition.csv", "group", {{6, "balance"}});
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/bom.csv", 3,
                      "column 'group': 'anode' is set on a row without a range: "
                      "give low and high, or leave group empty"));
    CHECK(has_problem(diag, "routes/plans.csv", 3, "column 'group': 'plan' is set on a row without a range"));
    CHECK(has_problem(diag, "materials/composition.csv", 6, "column 'group': 'balance' is set on a balance row"));
}

TEST_CASE("A parameter records the factor from its file's unit to its base unit", "[io][params]")
{
    TempData d;
    Model m = load_model(d.dir());
    const ParamId nd = param_at(m, "materials/composition.csv", 2);  // 23 %
    CHECK(m.params.origin(nd).to_base == Approx(0.01));
    CHECK(m.params[nd].value == Approx(0.23));
    CHECK(m.params.origin(param_at(m, "products/bom.csv", 2)).to_base == Approx(1.0));  // kg
}

TEST_CASE(
    "Lifetime columns take <column>_low and <column>_high with the row's "
    "dist and group",
    "[io][params][lifetimes]")
{
    TempData d;
    d.write("products/lifetimes.csv",
            "product,model,mean,mean_low,mean_high,sd,sd_low,sd_high,shape,shape_"
            "low,shape_high,scale,dist,group,source\n"
            "bev,weibull,,,,,,,3.5,3,4,16,,,example only\n"
            "nmc811_pack,normal,15,12,18,4,,,,,,,pert,battery-life,example only\n"
            "traction_motor,normal,16,,,4,,,,,,,,,example only\n");
    Diagnostics diag;
    Model m = load_model(d.dir(), diag);
    INFO(all_problems(diag));
    REQUIRE(diag.empty());
    const Lifetime* bev = m.lifetime_of(*m.find_product("bev"));
    REQUIRE(bev);
    CHECK(m.params[bev->shape].dist == Dist::Triangular);
    CHECK(m.params[bev->shape].low == Approx(3));
    CHECK(m.params[bev->shape].high == Approx(4));
    CHECK_FALSE(m.params[bev->scale].ranged());
    const Lifetime* pack = m.lifetime_of(*m.find_product("nmc811_pack"));
    REQUIRE(pack);
    CHECK(m.params[pack->mean].dist == Dist::Pert);
    CHECK(m.params[pack->mean].bound == Bound::NonNegative);
    CHECK(m.params.stream_key(pack->mean) == group_stream("battery-life"));
    CHECK_FALSE(m.params[pack->sd].ranged());  // the row's dist applies to its ranged columns only
    CHECK(m.params.origin(pack->mean).column == "mean");
}

TEST_CASE("Bad lifetime ranges are errors naming the file, line and column", "[io][params][lifetimes]")
{
    TempData d;
    d.write("products/lifetimes.csv",
            "product,model,mean,mean_low,mean_high,sd,sd_low,sd_high,shape,scale,"
            "dist,group,source\n"
            "bev,weibull,,10,20,,,,3.5,16,,,example only\n"                    // line 2: mean unused
            "nmc811_pack,normal,15,16,18,4,,,,,,,example only\n"               // line 3: low >
                                                                               // value
            "traction_motor,normal,16,,,4,,,,,uniform,motor,example only\n");  // line
                                                                               // 4:
                                                                               // nothing
                                                                               // ranged
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/lifetimes.csv", 2,
                      "column 'mean_low': is given but model 'weibull' does not use mean"));
    CHECK(has_problem(diag, "products/lifetimes.csv", 3,
                      "column 'mean': 'low=16, value=15, high=18' violates low "
                      "<= value <= high"));
    CHECK(has_problem(diag, "products/lifetimes.csv", 4, "column 'dist': 'uniform' needs low and high"));
    CHECK(has_problem(diag, "products/lifetimes.csv", 4, "column 'group': 'motor' is set on a row without a range"));

    d.write("products/lifetimes.csv",
            "product,model,mean,sd,sd_low,sd_high,shape,scale,source\n"
            "bev,weibull,,,,,3.5,16,example only\n"
            "nmc811_pack,normal,15,4,-1,5,,,example only\n"
            "traction_motor,normal,16,4,3,,,,example only\n");
    diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "products/lifetimes.csv", 3, "column 'sd_low': '-1' must not be negative"));
    CHECK(has_problem(diag, "products/lifetimes.csv", 4, "column 'sd_high': is empty: give both low and high"));
}

TEST_CASE("A payable share takes payable_low and payable_high", "[io][params][prices]")
{
    TempData d("value");
    REQUIRE(d.replace("materials/prices.csv", "date,source,payable,payable_source",
                      "date,source,payable,payable_low,payable_high,dist,payable_source"));
    REQUIRE(d.replace("materials/prices.csv", "test fixture,,\n", "test fixture,,,,,\n"));
    REQUIRE(d.replace("materials/prices.csv", "test fixture,0.8,test fixture: 80% payable",
                      "test fixture,0.8,0.7,0.9,uniform,test fixture: 80% payable"));
    REQUIRE(d.replace("materials/prices.csv", "test fixture,,\n", "test fixture,,,,,\n"));
    REQUIRE(d.replace("materials/prices.csv", "test fixture,,\n", "test fixture,,,,,\n"));
    Diagnostics diag;
    Model m = load_model(d.dir(), diag);
    INFO(all_problems(diag));
    REQUIRE(diag.empty());
    const Price& co = m.prices[1];
    REQUIRE(co.payable.valid());
    CHECK(m.params[co.payable].low == Approx(0.7));
    CHECK(m.params[co.payable].high == Approx(0.9));
    CHECK(m.params[co.payable].bound == Bound::Fraction);
    // The row's dist applies to both ranged parameters: the price (5..8) and its
    // payable share.
    CHECK(m.params[co.payable].dist == Dist::Uniform);
    CHECK(m.params[co.usd_per_kg].dist == Dist::Uniform);
    CHECK(m.params.origin(co.payable).column == "payable");
}

TEST_CASE("Bad payable ranges are errors naming the file, line and column", "[io][params][prices]")
{
    TempData d("value");
    d.write("p.csv",
            "commodity,element,form,value,unit,date,source,payable,"
            "payable_low,payable_high,payable_source\n"
            "a,Li,li2co3,10,USD/kg,2025,x,0.8,0.7,1.2,y\n"
            "b,Li,li2co3,10,USD/kg,2025,x,0.8,0.85,0.9,y\n"
            "c,Li,li2co3,10,USD/kg,2025,x,,0.7,0.9,y\n");
    Diagnostics diag;
    load_model(d.dir(), diag, d.dir() / "p.csv");
    const std::string p = (d.dir() / "p.csv").string();
    INFO(all_problems(diag));
    CHECK(has_problem(diag, p, 2, "column 'payable_high': '1.2' is a fraction outside [0, 1]"));
    CHECK(has_problem(diag, p, 3,
                      "column 'payable': 'low=0.85, value=0.8, high=0.9' "
                      "violates low <= value <= high"));
    CHECK(has_problem(diag, p, 4, "column 'payable': is empty but payable_low or payable_high is given"));
}

TEST_CASE(
    "A plan row with a product applies to that product's class and loads "
    "with it",
    "[io][params][plans]")
{
    TempData d;
    add_column(d, "routes/plans.csv", "product", {});
    d.append("routes/plans.csv",
             "today,magnet,magnet_hpms,0.5,,,example only,traction_motor\n"    // line 10
             "today,magnet,shred_steel,0.5,,,example only,traction_motor\n");  // line
                                                                               // 11
    Diagnostics diag;
    Model m = load_model(d.dir(), diag);
    INFO(all_problems(diag));
    REQUIRE(diag.empty());  // per (plan, product, class): 1 class-wide, 0.5 + 0.5
                            // for the motor
    const Plan& today = m.plans[*m.find_plan("today")];
    const std::size_t motor = *m.find_product("traction_motor");
    const std::size_t magnet = *m.find_class("magnet");
    std::size_t class_wide = 0, of_motor = 0;
    for (const auto& s : today.shares) {
        if (s.treatment_class != magnet) continue;
        if (s.product == npos)
            ++class_wide;
        else {
            CHECK(s.product == motor);
            ++of_motor;
        }
    }
    CHECK(class_wide == 1);
    CHECK(of_motor == 2);
    CHECK(today.shares.back().line == 11);
    CHECK(m.routes[today.shares.back().route].id == "shred_steel");
}

TEST_CASE("Bad product rows of a plan are errors naming the file, line and column", "[io][params][plans]")
{
    TempData d;
    add_column(d, "routes/plans.csv", "product", {});
    d.append("routes/plans.csv",
             "today,magnet,magnet_hpms,1,,,example only,scooter\n"             // line 10
             "today,magnet,magnet_hpms,0.6,,,example only,traction_motor\n"    // line 11
             "today,magnet,shred_steel,0.6,,,example only,traction_motor\n"    // line 12
             "today,magnet,shred_steel,0.1,,,example only,traction_motor\n");  // line
                                                                               // 13
    auto diag = load(d);
    INFO(all_problems(diag));
    CHECK(has_problem(diag, "routes/plans.csv", 10,
                      "column 'product': 'scooter' is not a product of products/products.csv"));
    CHECK(has_problem(diag, "routes/plans.csv", 11, "'today/traction_motor/magnet' shares of the class sum to 1.2"));
    CHECK(has_problem(diag, "routes/plans.csv", 13,
                      "'shred_steel' is listed twice for class 'magnet' of "
                      "product 'traction_motor' in plan 'today'"));
    CHECK_FALSE(has_problem(diag, "routes/plans.csv", 2,
                            "sum to"));  // the class-wide rows are their own sum
}

TEST_CASE("Route sinks are parsed once at load into recovered forms and losses", "[io][routes]")
{
    TempData d;
    Model m = load_model(d.dir());
    const Route& hydro = m.routes[*m.find_route("lib_hydro")];
    bool li = false, residue = false;
    for (const auto& s : hydro.sinks) {
        li = li || (s.recovered() && s.name == "Li2CO3" && s.label() == "recovered:Li2CO3");
        residue = residue || (!s.recovered() && s.name == "residue" && s.label() == "loss:residue");
    }
    CHECK(li);
    CHECK(residue);
    CHECK(parse_sink("loss:slag") == Sink{Sink::Kind::Loss, "slag"});
    CHECK_FALSE(parse_sink("leach").has_value());
}

TEST_CASE("A sink without a form or reason is an error naming the line", "[io][routes]")
{
    TempData d;
    REQUIRE(d.replace("routes/transfers.csv", "lib_hydro,leach,*,loss:residue,1", "lib_hydro,leach,*,loss:,1"));
    auto diag = load(d);
    CHECK(has_problem(diag, "routes/transfers.csv", 12, "column 'to': 'loss:' names no form or reason after the ':'"));
}
