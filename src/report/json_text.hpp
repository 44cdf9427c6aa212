#pragma once
// The one way JSON becomes text: every number checked finite first (a nan or inf in an output
// is a bug in reclaim, never printed), invalid UTF-8 from the data replaced by U+FFFD instead
// of failing the whole output.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace reclaim {

//! A number that is not finite reached an output: an internal error (exit code 4).
class NonFiniteError : public Error {
public:
    using Error::Error;
};

//! Throws NonFiniteError naming `what` (e.g. "results.json") and the path of the first number
//! of `j` that is not finite ("elements.Nd.recovered_t[25]"). null is a value, not a number.
void check_finite(const nlohmann::json& j, std::string_view what);

//! `j` checked by check_finite, indented by two spaces, with a final newline; invalid UTF-8 in
//! its strings is written as U+FFFD.
[[nodiscard]] std::string json_text(const nlohmann::json& j, std::string_view what);

}  // namespace reclaim
