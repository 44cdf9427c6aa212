#include "report/format.hpp"

#include <cmath>

#include <fmt/format.h>

#include "report/json_text.hpp"

namespace reclaim {

std::optional<Format> parse_format(std::string_view text)
{
    if (text == "table") return Format::Table;
    if (text == "csv") return Format::Csv;
    if (text == "json") return Format::Json;
    if (text == "md") return Format::Md;
    if (text == "html") return Format::Html;
    if (text == "iamc") return Format::Iamc;
    return std::nullopt;
}

std::string_view format_name(Format f)
{
    switch (f) {
    case Format::Table: return "table";
    case Format::Csv: return "csv";
    case Format::Json: return "json";
    case Format::Md: return "md";
    case Format::Html: return "html";
    case Format::Iamc: return "iamc";
    }
    return "?";
}

std::string sig(double value, int sig_figs)
{
    // Every number a text output prints passes here: one that is not finite is a bug upstream
    // (an undefined share is written "n/a" by its writer, never as nan).
    if (!std::isfinite(value))
        throw NonFiniteError(fmt::format("internal error: a number to print is {} (a bug in reclaim: please report it)", value));
    if (value == 0.0) return "0";
    double mag = std::abs(value);
    if (mag >= 1e-4 && mag < 1e15) {
        int digits_before = static_cast<int>(std::floor(std::log10(mag))) + 1;
        int decimals = std::max(0, sig_figs - digits_before);
        std::string s = fmt::format("{:.{}f}", value, decimals);
        if (s.find('.') != std::string::npos) {
            while (s.back() == '0') s.pop_back();
            if (s.back() == '.') s.pop_back();
        }
        return s == "-0" ? "0" : s;
    }
    return fmt::format("{:.{}g}", value, sig_figs);
}

std::string overlays_text(const std::vector<std::string>& overlays)
{
    if (overlays.empty()) return "";
    std::string out = " Data overlays applied, in order: ";
    for (std::size_t k = 0; k < overlays.size(); ++k) out += (k ? ", " : "") + overlays[k];
    return out + ".";
}

std::string percent(double fraction, int sig_figs)
{
    return sig(fraction * 100.0, sig_figs) + "%";
}

std::string csv_cell(std::string_view text)
{
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace reclaim
