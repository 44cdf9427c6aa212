// Fuzz target: the chemical formula parser against the shipped element table. A FormulaError is
// the expected answer to a bad formula; a formula it accepts must have a finite, positive molar
// mass and finite mass fractions. Anything else is a finding.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "core/formula.hpp"
#include "io/load.hpp"

namespace {

reclaim::ElementTable shipped_elements()
{
    reclaim::Model model;
    reclaim::Diagnostics diag;
    reclaim::load_elements(reclaim::DataSource(RECLAIM_SOURCE_DATA_DIR), model, diag);
    diag.throw_if_any();
    return model.elements;
}

[[noreturn]] void finding(const char* what, double value)
{
    std::fprintf(stderr, "fuzz_formula: accepted formula, but %s (%g)\n", what, value);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const reclaim::ElementTable elements = shipped_elements();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto amounts = reclaim::parse_formula(text, elements);
        double mass = reclaim::molar_mass(amounts, elements);
        if (!std::isfinite(mass) || mass <= 0) finding("molar mass is not finite and positive", mass);
        for (const auto& [element, fraction] : reclaim::mass_fractions(amounts, elements))
            if (!std::isfinite(fraction)) finding("a mass fraction is not finite", fraction);
    } catch (const reclaim::Error& e) {
        (void)e.what();
    }
    return 0;
}
