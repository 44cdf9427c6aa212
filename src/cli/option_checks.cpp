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
    const UnitDef* u = find_unit(unit.empty() ? "kg" : unit);
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
