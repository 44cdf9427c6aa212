#include "core/formula.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "core/limits.hpp"

namespace reclaim {

namespace {

// Recursive-descent parser over the UTF-8 bytes; positions reported in characters.
class Parser {
public:
    Parser(std::string_view s, const ElementTable& el) : s_(s), elements_(el) {}

    FormulaAmounts run()
    {
        if (s_.empty()) fail("empty formula");
        std::map<std::size_t, double> total;
        std::vector<std::size_t> order;
        bool first = true;
        while (true) {
            double coefficient = 1.0;
            if (!first) {
                // A hydrate part may start with a count of molecules: ·7H2O
                if (at_digit()) coefficient = number();
            }
            auto part = sequence(0);
            if (part.empty()) fail("expected an element symbol or '('");
            for (auto& [e, n] : part) add(total, order, e, n * coefficient);
            first = false;
            if (pos_ == s_.size()) break;
            if (!hydrate_dot()) fail("unexpected '" + current_char() + "'");
        }
        FormulaAmounts out;
        for (auto e : order) {
            // Subscripts in range can still multiply out of it through nested groups.
            if (!in_magnitude_range(total[e])) {
                pos_ = 0;
                fail("the amount of " + elements_[e].symbol + " (the product of its subscripts) is outside the range "
                     "a quantity can have");
            }
            out.amounts.emplace_back(e, total[e]);
        }
        return out;
    }

private:
    using Counts = std::vector<std::pair<std::size_t, double>>;

    static void add(std::map<std::size_t, double>& total, std::vector<std::size_t>& order,
                    std::size_t e, double n)
    {
        if (!total.count(e)) order.push_back(e);
        total[e] += n;
    }

    // A run of elements and groups until ')' / ']' / '·' / '*' / end.
    Counts sequence(int depth)
    {
        std::map<std::size_t, double> total;
        std::vector<std::size_t> order;
        while (pos_ < s_.size()) {
            char c = s_[pos_];
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                std::size_t open_at = pos_;
                // The recursion below is bounded here, before it can exhaust the stack.
                if (depth + 1 > static_cast<int>(kMaxFormulaNesting))
                    fail("groups are nested more than " + std::to_string(kMaxFormulaNesting) + " deep");
                ++pos_;
                auto inner = sequence(depth + 1);
                if (inner.empty()) fail("empty group");
                if (pos_ >= s_.size() || s_[pos_] != close) {
                    pos_ = open_at;
                    fail(std::string("'") + c + "' is not closed");
                }
                ++pos_;
                double n = at_digit() ? number() : 1.0;
                for (auto& [e, k] : inner) add(total, order, e, k * n);
            } else if (std::isupper(static_cast<unsigned char>(c))) {
                std::size_t e = symbol();
                double n = at_digit() ? number() : 1.0;
                add(total, order, e, n);
            } else if (c == ')' || c == ']') {
                if (depth == 0) fail(std::string("'") + c + "' without an opening bracket");
                break;
            } else if (c == '*' || is_middle_dot()) {
                break;
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                fail("a number must follow an element or a group");
            } else {
                fail("unexpected '" + current_char() + "'");
            }
        }
        Counts out;
        for (auto e : order) out.emplace_back(e, total[e]);
        return out;
    }

    std::size_t symbol()
    {
        std::size_t start = pos_;
        std::string sym(1, s_[pos_++]);
        if (pos_ < s_.size() && std::islower(static_cast<unsigned char>(s_[pos_]))) sym += s_[pos_++];
        auto e = elements_.find(sym);
        if (!e) {
            pos_ = start;
            fail("unknown element symbol '" + sym + "'");
        }
        return *e;
    }

    double number()
    {
        std::size_t start = pos_;
        while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.'))
            ++pos_;
        std::string text(s_.substr(start, pos_ - start));
        if (std::count(text.begin(), text.end(), '.') > 1 || text.back() == '.') {
            pos_ = start;
            fail("malformed number '" + text + "'");
        }
        double v = 0.0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        pos_ = start;
        if (ec == std::errc::result_out_of_range || (ec == std::errc() && v != 0 && !in_magnitude_range(v)))
            fail("subscript '" + (text.size() > 20 ? text.substr(0, 20) + "..." : text) +
                 "' is outside the range a quantity can have (between 1e-30 and 1e30)");
        if (ec != std::errc() || ptr != text.data() + text.size()) fail("malformed number '" + text + "'");
        if (v <= 0) fail("a subscript must be positive");
        pos_ = start + text.size();
        return v;
    }

    bool at_digit() const
    {
        return pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]));
    }

    bool is_middle_dot() const
    {
        return pos_ + 1 < s_.size() && static_cast<unsigned char>(s_[pos_]) == 0xC2 &&
               static_cast<unsigned char>(s_[pos_ + 1]) == 0xB7;
    }

    bool hydrate_dot()
    {
        if (s_[pos_] == '*') {
            ++pos_;
            return true;
        }
        if (is_middle_dot()) {
            pos_ += 2;
            return true;
        }
        return false;
    }

    std::string current_char() const
    {
        std::size_t len = 1;
        auto b = static_cast<unsigned char>(s_[pos_]);
        if (b >= 0xF0) len = 4;
        else if (b >= 0xE0) len = 3;
        else if (b >= 0xC0) len = 2;
        return std::string(s_.substr(pos_, len));
    }

    // 1-based character position of pos_ (UTF-8 continuation bytes are not counted).
    std::size_t char_position() const
    {
        std::size_t n = 0;
        for (std::size_t i = 0; i < pos_ && i < s_.size(); ++i)
            if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++n;
        return n + 1;
    }

    [[noreturn]] void fail(const std::string& msg) const { throw FormulaError(char_position(), msg); }

    std::string_view s_;
    const ElementTable& elements_;
    std::size_t pos_ = 0;
};

}  // namespace

FormulaAmounts parse_formula(std::string_view formula, const ElementTable& elements)
{
    return Parser(formula, elements).run();
}

double molar_mass(const FormulaAmounts& f, const ElementTable& elements)
{
    double m = 0.0;
    for (auto& [e, n] : f.amounts) m += n * elements[e].atomic_weight;
    return m;
}

std::vector<std::pair<std::size_t, double>> mass_fractions(const FormulaAmounts& f,
                                                           const ElementTable& elements)
{
    double total = molar_mass(f, elements);
    std::vector<std::pair<std::size_t, double>> out;
    for (auto& [e, n] : f.amounts) out.emplace_back(e, n * elements[e].atomic_weight / total);
    return out;
}

}  // namespace reclaim
