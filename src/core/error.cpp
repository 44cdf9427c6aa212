#include "core/error.hpp"

namespace reclaim {

std::string Problem::str() const
{
    std::string out;
    out.append(where.file);
    if (where.line > 0) out.append(":").append(std::to_string(where.line));
    out.append(": ");
    if (!where.column.empty()) out.append("column '").append(where.column).append("': ");
    if (!text.empty()) out.append("'").append(text).append("' ");
    out.append(message);
    return out;
}

namespace {
std::string join(const std::vector<Problem>& problems)
{
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += "\n";
        out += p.str();
    }
    return out;
}
}  // namespace

InputError::InputError(Problem problem) : InputError(std::vector<Problem>{std::move(problem)}) {}

InputError::InputError(std::vector<Problem> problems)
    : Error(join(problems)), problems_(std::move(problems))
{
}

void Diagnostics::throw_if_any() const
{
    if (!problems_.empty()) throw InputError(problems_);
}

}  // namespace reclaim
