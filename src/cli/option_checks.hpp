#pragma once
// The checks of option values, one per kind of value, used by every command that takes one: a
// value that breaks one is a usage error (exit 2) naming the option, found before anything runs.
// Amounts obey the one magnitude rule of core/limits.hpp.

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "io/price_overrides.hpp"

namespace reclaim::cli {

//! A seed (--seed): a plain decimal integer from 0 to 2^64-1; no sign, exponent or fraction, so
//! "-5" does not wrap and 2^64 does not saturate.
[[nodiscard]] CLI::Validator seed_check();

//! A count of functional units (--units): a number > 0 within the magnitude range.
[[nodiscard]] CLI::Validator units_check();

//! A share (--collection): a number from 0 to 1 (nan is not one).
[[nodiscard]] CLI::Validator share_check();

//! A mass with a unit (--mass): what parse_mass_kg accepts.
[[nodiscard]] CLI::Validator mass_check();

//! A mass with its unit, "1t", "500 kg", "2.5e3kg" -> kg; CLI::ValidationError naming `option`
//! for a bare number ("give a unit: 20t or 20kg": the default is 1t, so 20 alone is ambiguous) and
//! when it is not a positive mass whose kg are within the magnitude range.
double parse_mass_kg(const std::string& text, const std::string& option);

//! `--price FORM=VALUE[:LOW:HIGH]` (USD per kg of the form); CLI::ValidationError naming --price
//! for no form, a number that is not a price >= 0 within the magnitude range, two numbers, or
//! LOW <= VALUE <= HIGH violated.
PriceOverride parse_price_override(const std::string& text);

}  // namespace reclaim::cli
