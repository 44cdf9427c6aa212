#include "core/error.hpp"

namespace reclaim {

namespace {

// The bad text as quoted in a message: at most kQuotedBytes, cut at a UTF-8 character boundary,
// with how much was left out, so that a 200,000-character cell does not become the message.
constexpr std::size_t kQuotedBytes = 80;

std::string quoted(const std::string& text)
{
    if (text.size() <= kQuotedBytes) return text;
    std::size_t cut = kQuotedBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "... (" + std::to_string(text.size() - cut) + " more bytes)";
}

}  // namespace

std::string Problem::str() const
{
    std::string out;
    out.append(where.file);
    if (where.line > 0) out.append(":").append(std::to_string(where.line));
    out.append(": ");
    if (!where.column.empty()) out.append("column '").append(where.column).append("': ");
    if (!text.empty()) out.append("'").append(quoted(text)).append("' ");
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
