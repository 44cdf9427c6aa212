#include <catch2/catch.hpp>

#include <map>

#include "core/formula.hpp"

using namespace reclaim;
using Catch::Matchers::Contains;

namespace {

ElementTable table()
{
    // IUPAC 2021 standard atomic weights (conventional values), as in materials/elements.csv.
    ElementTable t;
    for (auto [s, w] : std::vector<std::pair<std::string, double>>{
             {"H", 1.008}, {"Li", 6.94}, {"B", 10.81}, {"C", 12.011}, {"O", 15.999}, {"S", 32.06},
             {"Mn", 54.938043}, {"Fe", 55.845}, {"Co", 58.933194}, {"Ni", 58.6934}, {"Pr", 140.90766},
             {"Nd", 144.242}, {"P", 30.973761998}, {"F", 18.998403162}})
        t.add(Element{s, s, w});
    return t;
}

std::map<std::string, double> fractions(const std::string& formula)
{
    auto t = table();
    std::map<std::string, double> out;
    for (auto [e, f] : mass_fractions(parse_formula(formula, t), t)) out[t[e].symbol] = f;
    return out;
}

}  // namespace

TEST_CASE("Decimal subscripts give the NMC811 mass fractions", "[core][formula]")
{
    // M = 6.94 + 0.8*58.6934 + 0.1*54.938043 + 0.1*58.933194 + 2*15.999
    //   = 6.94 + 46.95472 + 5.4938043 + 5.8933194 + 31.998 = 97.2798437 g/mol
    auto f = fractions("LiNi0.8Mn0.1Co0.1O2");
    const double m = 97.2798437;
    CHECK(f["Li"] == Approx(6.94 / m).epsilon(1e-9));           // 0.071340
    CHECK(f["Ni"] == Approx(46.95472 / m).epsilon(1e-9));       // 0.482677
    CHECK(f["Co"] == Approx(5.8933194 / m).epsilon(1e-9));      // 0.060581
    CHECK(f["O"] == Approx(31.998 / m).epsilon(1e-9));
    double sum = 0;
    for (auto& [e, x] : f) sum += x;
    CHECK(sum == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("Nested parentheses multiply through: (Nd0.75Pr0.25)2Fe14B", "[core][formula]")
{
    // Nd 1.5 mol, Pr 0.5 mol, Fe 14, B 1:
    // M = 1.5*144.242 + 0.5*140.90766 + 14*55.845 + 10.81 = 216.363 + 70.45383 + 781.83 + 10.81 = 1079.45683
    auto f = fractions("(Nd0.75Pr0.25)2Fe14B");
    const double m = 1079.45683;
    CHECK(f["Nd"] == Approx(216.363 / m).epsilon(1e-9));  // 0.200437
    CHECK(f["Pr"] == Approx(70.45383 / m).epsilon(1e-9));
    CHECK(f["Fe"] == Approx(781.83 / m).epsilon(1e-9));
    CHECK(f["B"] == Approx(10.81 / m).epsilon(1e-9));
}

TEST_CASE("Square brackets group like parentheses: Li[Ni0.6Mn0.2Co0.2]O2", "[core][formula]")
{
    // M = 6.94 + 0.6*58.6934 + 0.2*54.938043 + 0.2*58.933194 + 31.998
    //   = 6.94 + 35.21604 + 10.9876086 + 11.7866388 + 31.998 = 96.9282874
    auto f = fractions("Li[Ni0.6Mn0.2Co0.2]O2");
    CHECK(f["Ni"] == Approx(35.21604 / 96.9282874).epsilon(1e-9));
}

TEST_CASE("Hydrates with a middle dot or an asterisk add the water", "[core][formula]")
{
    // CoSO4·7H2O: M = 58.933194 + 32.06 + 4*15.999 + 7*(2*1.008 + 15.999)
    //             = 58.933194 + 32.06 + 63.996 + 7*18.015 = 281.094194
    auto a = fractions("CoSO4·7H2O");
    CHECK(a["Co"] == Approx(58.933194 / 281.094194).epsilon(1e-9));  // 0.209657
    CHECK(a["H"] == Approx(14 * 1.008 / 281.094194).epsilon(1e-9));
    // LiOH*H2O: M = 6.94 + 15.999 + 1.008 + 18.015 = 41.962; Li = 0.165388
    auto b = fractions("LiOH*H2O");
    CHECK(b["Li"] == Approx(6.94 / 41.962).epsilon(1e-9));
    CHECK(b["O"] == Approx(2 * 15.999 / 41.962).epsilon(1e-9));
}

TEST_CASE("Li2CO3 is 18.79% lithium", "[core][formula]")
{
    // M = 2*6.94 + 12.011 + 3*15.999 = 73.888; Li = 13.88/73.888 = 0.187852
    CHECK(fractions("Li2CO3")["Li"] == Approx(13.88 / 73.888).epsilon(1e-9));
}

TEST_CASE("An unknown symbol is reported at its character", "[core][formula]")
{
    auto t = table();
    try {
        parse_formula("LiXx2O", t);
        FAIL("no error");
    } catch (const FormulaError& e) {
        CHECK(e.position() == 3);
        CHECK_THAT(e.what(), Contains("unknown element symbol 'Xx'"));
    }
}

TEST_CASE("Malformed formulas are errors that point at the character", "[core][formula]")
{
    auto t = table();
    auto position_of = [&](const std::string& f) -> std::size_t {
        try {
            parse_formula(f, t);
        } catch (const FormulaError& e) {
            return e.position();
        }
        return 0;
    };
    CHECK(position_of("") == 1);
    CHECK(position_of("(Nd2Fe14B") == 1);   // '(' not closed
    CHECK(position_of("Nd2)Fe") == 4);      // ')' without '('
    CHECK(position_of("2Li") == 1);         // a number before any element
    CHECK(position_of("Li2CO3·") == 8);     // nothing after the dot: the 8th character is missing
    CHECK(position_of("Li2-O") == 4);
    CHECK(position_of("Li0O") == 3);        // a zero subscript
    CHECK(position_of("Li1.2.3O") == 3);
    CHECK(position_of("li2O") == 1);
}
