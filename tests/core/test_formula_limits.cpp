// Subscripts that overflow or fall outside the range of a quantity, and groups nested deeper
// than 32 (kMaxFormulaNesting), are FormulaErrors pointing at the character: never a bare library
// exception, never a stack overflow.

#include <catch2/catch.hpp>

#include <string>

#include "core/formula.hpp"

using namespace reclaim;

namespace {

ElementTable table()
{
    ElementTable t;
    t.add(Element{"Cu", "copper", 63.546});
    t.add(Element{"O", "oxygen", 15.999});
    return t;
}

// The FormulaError's message for `formula`, "" if it parses.
std::string error_of(const std::string& formula)
{
    try {
        parse_formula(formula, table());
    } catch (const FormulaError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("A subscript of 400 digits is a FormulaError at its character", "[core][formula][limits]")
{
    auto e = error_of("Cu" + std::string(400, '9'));
    CHECK(e.find("at character 3: ") == 0);
    CHECK(e.find("subscript") != std::string::npos);
}

TEST_CASE("A subscript outside the range of a quantity is a FormulaError", "[core][formula][limits]")
{
    CHECK(error_of("Cu1" + std::string(31, '0')).find("at character 3: subscript") == 0);           // 1e31
    CHECK(error_of("CuO0." + std::string(31, '0') + "1").find("at character 4: subscript") == 0);   // 1e-32
    CHECK(error_of("Cu1" + std::string(29, '0')).empty());                                           // 1e29
}

TEST_CASE("Subscripts whose product leaves the range are a FormulaError", "[core][formula][limits]")
{
    // (Cu 1e20) x 1e15 = 1e35 mol of Cu per formula unit.
    auto e = error_of("(Cu1" + std::string(20, '0') + ")1" + std::string(15, '0'));
    CHECK(e.find("at character 1: ") == 0);
    CHECK(e.find("outside the range") != std::string::npos);
}

TEST_CASE("Groups nest at most 32 deep", "[core][formula][limits][depth]")
{
    const std::size_t n = 32;  // kMaxFormulaNesting, as documented in docs/data-format.md
    CHECK(error_of(std::string(n, '(') + "Cu" + std::string(n, ')')).empty());
    auto e = error_of(std::string(n + 1, '(') + "Cu" + std::string(n + 1, ')'));
    CHECK(e == "at character " + std::to_string(n + 1) + ": groups are nested more than 32 deep");
    auto deep = error_of(std::string(100000, '(') + "Cu" + std::string(100000, ')'));
    CHECK(deep.find("nested more than 32 deep") != std::string::npos);
}
