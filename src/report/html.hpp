#pragma once
// A report as a list of blocks (headings, paragraphs, callouts, tables, figures), written
// once and rendered two ways: a self-contained HTML page (inline CSS and SVG, no script, no
// network, A4 print rules, XHTML-compatible so it parses as XML too) and Markdown (tables;
// figures become a line pointing to the HTML). Cells are strings the caller formats with
// sig()/percent() from report/format.hpp, so a number reads the same as in the JSON.

#include <ostream>
#include <string>
#include <vector>

#include "core/param.hpp"
#include "engine/results.hpp"
#include "model/model.hpp"

namespace reclaim {

//! A table: a header row, body rows of preformatted cells, numeric columns right-aligned.
struct ReportTable {
    std::vector<std::string> headers;
    std::vector<bool> numeric;  //!< per column; missing entries count as text
    std::vector<std::vector<std::string>> rows;
    std::string caption;
};

//! One block of a report.
struct ReportBlock {
    enum class Kind { Heading, Paragraph, Callout, Table, Figure, PageBreak } kind = Kind::Paragraph;
    int level = 2;          //!< Heading: 2 or 3 (the title is level 1)
    std::string text;       //!< Heading, Paragraph, Callout text; Figure caption
    std::string tone;       //!< Callout: "good", "bad" or "note"
    ReportTable table;      //!< Table
    std::string svg;        //!< Figure: markup from svg.hpp
};

//! A report under construction.
class ReportDocument {
public:
    explicit ReportDocument(std::string title, std::string subtitle = {});
    void heading(std::string text, int level = 2);
    void paragraph(std::string text);
    //! A highlighted sentence: tone "good" (target met), "bad" (missed) or "note".
    void callout(std::string text, std::string tone = "note");
    void table(ReportTable table);
    //! An inline SVG chart with a caption; `svg` must come from svg.hpp.
    void figure(std::string svg, std::string caption);
    //! Starts a new page when printed.
    void page_break();

    [[nodiscard]] const std::string& title() const { return title_; }
    [[nodiscard]] const std::string& subtitle() const { return subtitle_; }
    [[nodiscard]] const std::vector<ReportBlock>& blocks() const { return blocks_; }

private:
    std::string title_, subtitle_;
    std::vector<ReportBlock> blocks_;
};

//! The whole page: <!DOCTYPE html>, inline CSS, every block; valid XML as well as HTML.
std::string render_html(const ReportDocument& doc);

//! The same content as Markdown: headings, paragraphs, GitHub tables; a figure becomes its
//! caption in italics with a pointer to the HTML report.
void render_markdown(std::ostream& out, const ReportDocument& doc);

//! The assumptions table: one row per distinct parameter of `used`, sorted by file and line:
//! file:line, column, value, range (low..high), distribution, source. Values are in base
//! units (kg, fraction), as the engine uses them.
ReportTable assumptions_table(const std::vector<UsedParam>& used);

}  // namespace reclaim
