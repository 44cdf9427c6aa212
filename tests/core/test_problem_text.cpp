// How a problem quotes the bad text: whole when short, cut at a character boundary when long.

#include <catch2/catch.hpp>

#include "core/error.hpp"

using reclaim::Location;
using reclaim::Problem;

TEST_CASE("A problem quotes a short cell whole", "[core][errors]")
{
    const Problem p{Location{"products/bom.csv", 3, "value"}, "lots", "is not a number"};
    CHECK(p.str() == "products/bom.csv:3: column 'value': 'lots' is not a number");
}

TEST_CASE("A problem cuts a long cell and says how much it left out", "[core][errors]")
{
    // A 200,000-character formula used to be echoed whole.
    const Problem p{Location{"materials/materials.csv", 2, "formula"}, std::string(200000, 'C'), "is too long"};
    CHECK(p.str() == "materials/materials.csv:2: column 'formula': '" + std::string(80, 'C') +
                         "... (199920 more bytes)' is too long");
    // Cut before a two-byte character that would straddle byte 80, never inside it.
    const std::string text = std::string(79, 'a') + "\u00b7" + std::string(10, 'b');
    const Problem q{Location{"f.csv", 1, ""}, text, "m"};
    CHECK(q.str() == "f.csv:1: '" + std::string(79, 'a') + "... (12 more bytes)' m");
}
