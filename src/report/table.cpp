#include "report/table.hpp"

#include <algorithm>

#include "report/format.hpp"

namespace reclaim {

namespace {
// Display width of UTF-8 text: code points, not bytes.
std::size_t width(const std::string& s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}
}  // namespace

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align))
{
    align_.resize(headers_.size(), Align::Left);
}

void TextTable::add_row(std::vector<std::string> cells)
{
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

void TextTable::add_rule() { rows_.emplace_back(); }

void TextTable::print(std::ostream& out) const
{
    std::vector<std::size_t> w(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) w[c] = width(headers_[c]);
    for (const auto& r : rows_)
        for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], width(r[c]));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            std::string pad(w[c] - width(cells[c]), ' ');
            if (c) s += "  ";
            s += align_[c] == Align::Right ? pad + cells[c] : cells[c] + (c + 1 < cells.size() ? pad : "");
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out << s << '\n';
    };
    auto rule = [&] {
        std::size_t total = 0;
        for (auto x : w) total += x;
        total += 2 * (w.empty() ? 0 : w.size() - 1);
        std::string s;
        for (std::size_t i = 0; i < total; ++i) s += "─";
        out << s << '\n';
    };
    line(headers_);
    rule();
    for (const auto& r : rows_) {
        if (r.empty()) rule();
        else line(r);
    }
}

void TextTable::print_markdown(std::ostream& out) const
{
    auto escape = [](const std::string& s) {
        std::string o;
        for (char c : s) {
            if (c == '|') o += '\\';
            o += c;
        }
        return o;
    };
    out << '|';
    for (const auto& h : headers_) out << ' ' << escape(h) << " |";
    out << "\n|";
    for (auto a : align_) out << (a == Align::Right ? " ---: |" : " --- |");
    out << '\n';
    for (const auto& r : rows_) {
        if (r.empty()) continue;
        out << '|';
        for (const auto& c : r) out << ' ' << escape(c) << " |";
        out << '\n';
    }
}

void TextTable::print_csv(std::ostream& out) const
{
    for (std::size_t c = 0; c < headers_.size(); ++c) out << (c ? "," : "") << csv_cell(headers_[c]);
    out << '\n';
    for (const auto& r : rows_) {
        if (r.empty()) continue;
        for (std::size_t c = 0; c < r.size(); ++c) out << (c ? "," : "") << csv_cell(r[c]);
        out << '\n';
    }
}

void TextTable::print(std::ostream& out, Format format) const
{
    if (format == Format::Csv) print_csv(out);
    else if (format == Format::Md) print_markdown(out);
    else print(out);
}

}  // namespace reclaim
