#pragma once
// A minimal XML well-formedness checker for the report tests: one root element, every tag
// closed and matched, attributes quoted and unique, no '<' or bare '&' in text or attribute
// values, only the five predefined entities and character references. No DTD processing:
// a <!DOCTYPE name> line is skipped. Good enough to prove the HTML/SVG writers' output is
// XHTML-compatible; not a validating parser.

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reclaim::test {

struct XmlCheck {
    std::string error;                                        //!< empty: well-formed
    std::map<std::string, int> elements;                      //!< element name -> count
    std::vector<std::pair<std::string, std::string>> texts;   //!< (parent element, decoded text)
    std::vector<std::pair<std::string, std::string>> attributes;  //!< (name, decoded value)
    [[nodiscard]] bool ok() const { return error.empty(); }
    //! True if some text node directly inside an element `parent` equals `text`.
    [[nodiscard]] bool has_text(std::string_view parent, std::string_view text) const
    {
        for (const auto& [p, t] : texts)
            if (p == parent && t == text) return true;
        return false;
    }
};

namespace detail {

inline bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
inline bool name_char(char c)
{
    return name_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

// Decodes character data; returns false on a bare '&', an unknown entity or a '<'.
inline bool decode(std::string_view s, std::string& out, std::string& error)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '<') {
            error = "'<' in character data or attribute value";
            return false;
        }
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        auto semi = s.find(';', i);
        if (semi == std::string_view::npos) {
            error = "'&' without ';'";
            return false;
        }
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        static const std::map<std::string_view, char> named{{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
        if (auto it = named.find(ent); it != named.end()) {
            out += it->second;
        } else if (ent.size() > 1 && ent[0] == '#') {
            bool hex = ent[1] == 'x';
            std::string_view digits = ent.substr(hex ? 2 : 1);
            if (digits.empty()) {
                error = "empty character reference";
                return false;
            }
            for (char c : digits)
                if (!(hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c)))) {
                    error = "bad character reference &" + std::string(ent) + ";";
                    return false;
                }
            unsigned long cp = std::stoul(std::string(digits), nullptr, hex ? 16 : 10);
            if (cp < 0x80) {
                out += static_cast<char>(cp);
            } else if (cp < 0x800) {
                out += static_cast<char>(0xC0 | (cp >> 6));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                out += static_cast<char>(0xF0 | (cp >> 18));
                out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            }
        } else {
            error = "unknown entity &" + std::string(ent) + ";";
            return false;
        }
        i = semi;
    }
    return true;
}

}  // namespace detail

inline XmlCheck check_xml(std::string_view s)
{
    XmlCheck r;
    std::vector<std::string> stack;
    bool seen_root = false;
    std::size_t i = 0;
    auto fail = [&](const std::string& what) {
        r.error = what + " at offset " + std::to_string(i) + ": '" + std::string(s.substr(i, 40)) + "'";
        return r;
    };
    while (i < s.size()) {
        if (s[i] != '<') {
            auto lt = s.find('<', i);
            std::string_view raw = s.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
            if (stack.empty()) {
                for (char c : raw)
                    if (!std::isspace(static_cast<unsigned char>(c))) return fail("text outside the root element");
            } else {
                if (raw.find("]]>") != std::string_view::npos) return fail("']]>' in text");
                std::string text, err;
                if (!detail::decode(raw, text, err)) return fail(err);
                if (text.find_first_not_of(" \t\r\n") != std::string::npos) r.texts.emplace_back(stack.back(), text);
            }
            i = lt == std::string_view::npos ? s.size() : lt;
            continue;
        }
        if (s.substr(i, 4) == "<!--") {
            auto end = s.find("-->", i + 4);
            if (end == std::string_view::npos) return fail("unterminated comment");
            if (s.substr(i + 4, end - i - 4).find("--") != std::string_view::npos) return fail("'--' in a comment");
            i = end + 3;
            continue;
        }
        if (s.substr(i, 9) == "<![CDATA[") {
            if (stack.empty()) return fail("CDATA outside the root element");
            auto end = s.find("]]>", i);
            if (end == std::string_view::npos) return fail("unterminated CDATA");
            i = end + 3;
            continue;
        }
        if (s.substr(i, 2) == "<?") {
            auto end = s.find("?>", i);
            if (end == std::string_view::npos) return fail("unterminated processing instruction");
            i = end + 2;
            continue;
        }
        if (s.substr(i, 9) == "<!DOCTYPE") {
            if (seen_root) return fail("DOCTYPE after the root element");
            auto end = s.find('>', i);
            if (end == std::string_view::npos) return fail("unterminated DOCTYPE");
            i = end + 1;
            continue;
        }
        bool closing = s.substr(i, 2) == "</";
        std::size_t j = i + (closing ? 2 : 1);
        if (j >= s.size() || !detail::name_start(s[j])) return fail("bad tag name");
        std::size_t k = j;
        while (k < s.size() && detail::name_char(s[k])) ++k;
        std::string name(s.substr(j, k - j));
        if (closing) {
            while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
            if (k >= s.size() || s[k] != '>') return fail("bad end tag");
            if (stack.empty() || stack.back() != name)
                return fail("end tag </" + name + "> does not match <" + (stack.empty() ? "" : stack.back()) + ">");
            stack.pop_back();
            i = k + 1;
            continue;
        }
        if (stack.empty() && seen_root) return fail("a second root element");
        seen_root = true;
        std::set<std::string> attrs;
        bool self_closing = false;
        while (true) {
            std::size_t ws = k;
            while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
            if (k >= s.size()) return fail("unterminated tag <" + name + ">");
            if (s[k] == '>') {
                ++k;
                break;
            }
            if (s.substr(k, 2) == "/>") {
                k += 2;
                self_closing = true;
                break;
            }
            if (ws == k) return fail("no space before an attribute of <" + name + ">");
            if (!detail::name_start(s[k])) return fail("bad attribute name in <" + name + ">");
            std::size_t a = k;
            while (k < s.size() && detail::name_char(s[k])) ++k;
            std::string attr(s.substr(a, k - a));
            if (!attrs.insert(attr).second) return fail("duplicate attribute " + attr);
            if (k >= s.size() || s[k] != '=') return fail("attribute " + attr + " without '='");
            ++k;
            if (k >= s.size() || (s[k] != '"' && s[k] != '\'')) return fail("unquoted attribute " + attr);
            char q = s[k];
            auto end = s.find(q, k + 1);
            if (end == std::string_view::npos) return fail("unterminated attribute " + attr);
            std::string value, err;
            if (!detail::decode(s.substr(k + 1, end - k - 1), value, err)) return fail(err + " in attribute " + attr);
            r.attributes.emplace_back(attr, value);
            k = end + 1;
        }
        ++r.elements[name];
        if (!self_closing) stack.push_back(name);
        i = k;
    }
    if (!stack.empty()) {
        r.error = "<" + stack.back() + "> is never closed";
        return r;
    }
    if (!seen_root) r.error = "no root element";
    return r;
}

}  // namespace reclaim::test
