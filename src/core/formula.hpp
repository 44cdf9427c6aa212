#pragma once
// Chemical formulas to element amounts and mass fractions: symbols, decimal subscripts
// (LiNi0.8Mn0.1Co0.1O2), nested () and [] groups ((Nd0.75Pr0.25)2Fe14B), hydrates with
// '·' or '*' (CoSO4·7H2O, LiOH*H2O).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/elements.hpp"
#include "core/error.hpp"

namespace reclaim {

//! The deepest nesting of () and [] groups a formula may have ("((Cu))" is 2): far above any
//! real formula, low enough that parsing cannot exhaust the stack (docs/data-format.md).
inline constexpr std::size_t kMaxFormulaNesting = 32;

//! A malformed formula or an unknown symbol; position is the 1-based character (not byte).
class FormulaError : public Error {
public:
    FormulaError(std::size_t position, std::string what_is_wrong)
        : Error("at character " + std::to_string(position) + ": " + what_is_wrong),
          position_(position), detail_(std::move(what_is_wrong))
    {
    }
    [[nodiscard]] std::size_t position() const { return position_; }
    [[nodiscard]] const std::string& detail() const { return detail_; }

private:
    std::size_t position_;
    std::string detail_;
};

//! Amount of each element in one formula unit [mol/mol], elements in first-seen order.
struct FormulaAmounts {
    std::vector<std::pair<std::size_t, double>> amounts;  //!< (element index, moles)
};

//! Parses a formula against the element table; throws FormulaError.
FormulaAmounts parse_formula(std::string_view formula, const ElementTable& elements);

//! Molar mass of a parsed formula [g/mol].
double molar_mass(const FormulaAmounts& f, const ElementTable& elements);

//! Mass fraction of each element (summing to 1), as (element index, fraction).
std::vector<std::pair<std::size_t, double>> mass_fractions(const FormulaAmounts& f,
                                                           const ElementTable& elements);

}  // namespace reclaim
