#include "cli/option_checks.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "core/limits.hpp"
#include "core/units.hpp"
#include "io/csv.hpp"

namespace reclaim::cli {

namespace {

std::string range_text() { return fmt::format("from {:g} to {:g}", kMinMagnitude, kMaxMagnitude); }

// A finite number, then the rule of the magnitude range; nullopt if either fails.
std::optional<double> amount(const std::string& text)
{
    auto v = parse_number(text);
    if (!v || !(*v > 0.0) || !in_magnitude_range(*v)) return std::nullopt;
    return v;
}

}  // namespace

CLI::Validator seed_check()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::uint64_t v = 0;
            const bool digits = !text.empty() && text.size() <= 20 &&
                                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (digits && ec == std::errc() && ptr == text.data() + text.size()) return {};
            return "'" + text + "' is not a seed: give a whole number from 0 to 18446744073709551615 (2^64 - 1)";
        },
        "SEED", "seed");
}

CLI::Validator units_check()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            if (amount(text)) return {};
            return "'" + text + "' is not a number of units: give a number " + range_text();
        },
        "N", "units");
}

CLI::Validator share_check()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            auto v = parse_number(text);
            if (v && *v >= 0.0 && *v <= 1.0) return {};
            return "'" + text + "' is not a share: give a number from 0 to 1";
        },
        "F", "share");
}

CLI::Validator mass_check()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            try {
                (void)parse_mass_kg(text, "--mass");
            } catch (const CLI::ValidationError& e) {
                // The option's name is added by CLI11.
                std::string m = e.what();
                const std::string prefix = "--mass: ";
                return m.rfind(prefix, 0) == 0 ? m.substr(prefix.size()) : m;
            }
            return {};
        },
        "MASS", "mass");
}

double parse_mass_kg(const std::string& text, const std::string& option)
{
    std::size_t split = 0;
    // An exponent's 'e' is taken as part of the number: no mass unit starts with e.
    while (split < text.size() && (std::isdigit(static_cast<unsigned char>(text[split])) || text[split] == '.' ||
                                   text[split] == 'e' || text[split] == 'E' || text[split] == '-' || text[split] == '+'))
        ++split;
    std::string unit = text.substr(split);
    while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
    auto v = parse_number(text.substr(0, split));
    // A bare number is ambiguous (the default is 1t, yet a bare 20 once meant 20 kg).
    if (v && unit.empty()) throw CLI::ValidationError(option, "'" + text + "' has no unit: give a unit: 20t or 20kg");
    const UnitDef* u = find_unit(unit);
    const bool mass = u && u->dim == Dimension::Mass;
    if (!v || *v <= 0 || !mass)
        throw CLI::ValidationError(option, "'" + text + "' is not a positive mass (e.g. 1t, 500kg; units: " +
                                               unit_list(Dimension::Mass) + ")");
    const double kg = *v * u->to_base;
    if (!in_magnitude_range(kg))
        throw CLI::ValidationError(option, fmt::format("'{}' is {}; give a mass {} kg", text,
                                                       std::isfinite(kg) ? fmt::format("{:g} kg", kg) : "too large",
                                                       range_text()));
    return kg;
}

}  // namespace reclaim::cli

namespace reclaim::cli {

PriceOverride parse_price_override(const std::string& text)
{
    const auto bad = [&](const std::string& why) {
        return CLI::ValidationError("--price", "'" + text + "' " + why +
                                                   " (expected FORM=VALUE or FORM=VALUE:LOW:HIGH, in USD per kg of "
                                                   "the form, e.g. li2co3=12 or li2co3=12:9:15)");
    };
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) throw bad("names no form");
    PriceOverride o;
    o.text = text;
    o.form = text.substr(0, eq);
    std::vector<double> numbers;
    std::size_t start = eq + 1;
    while (true) {
        const auto colon = text.find(':', start);
        const std::string part = text.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        auto v = parse_number(part);
        if (!v || !(*v >= 0) || (*v != 0 && !in_magnitude_range(*v)))
            throw bad("has '" + part + "', not a price (a number >= 0 within " + fmt::format("{:g}", kMaxMagnitude) + ")");
        numbers.push_back(*v);
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (numbers.size() != 1 && numbers.size() != 3) throw bad("gives " + std::to_string(numbers.size()) + " numbers");
    o.usd_per_kg = o.low = o.high = numbers[0];
    if (numbers.size() == 3) {
        o.low = numbers[1];
        o.high = numbers[2];
        if (!(o.low <= o.usd_per_kg && o.usd_per_kg <= o.high)) throw bad("is not LOW <= VALUE <= HIGH");
        o.ranged = o.low < o.high;
    }
    return o;
}

}  // namespace reclaim::cli
