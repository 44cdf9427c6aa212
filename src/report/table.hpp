#pragma once
// Plain-text and Markdown tables for the terminal and for reports.

#include <ostream>
#include <string>
#include <vector>

#include "report/format.hpp"

namespace reclaim {

class TextTable {
public:
    enum class Align { Left, Right };

    explicit TextTable(std::vector<std::string> headers, std::vector<Align> align = {});
    void add_row(std::vector<std::string> cells);
    //! A separator line before the next row (e.g. before a total).
    void add_rule();
    [[nodiscard]] std::size_t rows() const { return rows_.size(); }

    //! Columns padded to width, a rule under the header.
    void print(std::ostream& out) const;
    //! A GitHub-flavoured Markdown table.
    void print_markdown(std::ostream& out) const;
    //! CSV with a header row.
    void print_csv(std::ostream& out) const;
    //! As `format` asks: CSV, Markdown, or padded text (table and anything else).
    void print(std::ostream& out, Format format) const;

private:
    std::vector<std::string> headers_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;  //!< an empty row is a rule
};

}  // namespace reclaim
