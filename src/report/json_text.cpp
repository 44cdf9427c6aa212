#include "report/json_text.hpp"

#include <cmath>

#include <fmt/format.h>

namespace reclaim {

namespace {

// Depth first, in document order: the first bad number found is the one named.
void check(const nlohmann::json& j, std::string& path, std::string_view what)
{
    if (j.is_number_float()) {
        const double v = j.get<double>();
        if (!std::isfinite(v))
            throw NonFiniteError(fmt::format("internal error: {} field '{}' is {} (a bug in reclaim: please report it)",
                                             what, path.empty() ? "(the document)" : path, v));
    } else if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::size_t size = path.size();
            path += (path.empty() ? "" : ".") + it.key();
            check(it.value(), path, what);
            path.resize(size);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::size_t size = path.size();
            path += fmt::format("[{}]", i);
            check(j[i], path, what);
            path.resize(size);
        }
    }
}

}  // namespace

void check_finite(const nlohmann::json& j, std::string_view what)
{
    std::string path;
    check(j, path, what);
}

std::string json_text(const nlohmann::json& j, std::string_view what)
{
    check_finite(j, what);
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

}  // namespace reclaim
