#pragma once
// Output formats and the one number formatter every writer uses, so a number printed in a
// table, a CSV, Markdown or HTML report is the number in the JSON.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reclaim {

enum class Format { Table, Csv, Json, Md, Html, Iamc };

std::optional<Format> parse_format(std::string_view text);
std::string_view format_name(Format f);

//! A number with `sig` significant figures, no exponent for ordinary magnitudes
//! (0.0716, 1234.5 -> "1235", 1.2e-07 -> "1.2e-07"); "0" for zero; NonFiniteError
//! (report/json_text.hpp) for nan or inf.
std::string sig(double value, int sig_figs = 4);

//! A fraction as a percentage with `sig_figs` significant figures: 0.9312 -> "93.12%".
std::string percent(double fraction, int sig_figs = 4);

//! " Data overlays applied: a, b." for the overlays a model was loaded with, "" if none.
std::string overlays_text(const std::vector<std::string>& overlays);

//! RFC 4180 quoting of one CSV cell, only when needed.
std::string csv_cell(std::string_view text);

}  // namespace reclaim
