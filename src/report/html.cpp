#include "report/html.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "report/format.hpp"
#include "report/svg.hpp"
#include "report/table.hpp"

namespace reclaim {

ReportDocument::ReportDocument(std::string title, std::string subtitle)
    : title_(std::move(title)), subtitle_(std::move(subtitle))
{
}

void ReportDocument::heading(std::string text, int level)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Heading;
    b.level = std::clamp(level, 2, 4);
    b.text = std::move(text);
    blocks_.push_back(std::move(b));
}

void ReportDocument::paragraph(std::string text)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Paragraph;
    b.text = std::move(text);
    blocks_.push_back(std::move(b));
}

void ReportDocument::callout(std::string text, std::string tone)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Callout;
    b.text = std::move(text);
    b.tone = std::move(tone);
    blocks_.push_back(std::move(b));
}

void ReportDocument::table(ReportTable table)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table = std::move(table);
    blocks_.push_back(std::move(b));
}

void ReportDocument::figure(std::string svg, std::string caption)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Figure;
    b.svg = std::move(svg);
    b.text = std::move(caption);
    blocks_.push_back(std::move(b));
}

void ReportDocument::page_break()
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::PageBreak;
    blocks_.push_back(std::move(b));
}

namespace {

// Inline CSS. It must not contain '<', '>' or '&': inside <style> HTML reads them raw while
// XML would need entities, and the page has to be both.
constexpr const char* kCss = R"(
@page { size: A4; margin: 14mm 12mm; }
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 1100px; margin: 24px auto;
  padding: 0 16px; line-height: 1.4; font-size: 14px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 2px; }
.subtitle { color: #666; margin-top: 0; }
h2 { font-size: 18px; border-bottom: 1px solid #ddd; padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 15px; margin-top: 20px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 12.5px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
th, td { border-bottom: 1px solid #e2e2e2; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f2; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { caption-side: top; text-align: left; color: #555; padding-bottom: 4px; }
figure { margin: 12px 0 20px; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 12.5px; }
.callout { padding: 8px 12px; border-left: 4px solid #8fa9c9; background: #f3f6fa; margin: 10px 0; }
.callout.good { border-color: #1a9850; background: #eef8f1; }
.callout.bad { border-color: #c0392b; background: #fbefed; }
.page-break { break-before: page; page-break-before: always; }
footer { color: #777; font-size: 11.5px; margin-top: 30px; border-top: 1px solid #eee; padding-top: 6px; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  figure, .callout, tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
}
)";

void html_table(XmlWriter& w, const ReportTable& t)
{
    auto cls = [&](std::size_t c) -> XmlWriter::Attrs {
        if (c < t.numeric.size() && t.numeric[c]) return {{"class", "num"}};
        return {};
    };
    w.open("div", {{"class", "table-wrap"}}).open("table");
    if (!t.caption.empty()) w.leaf("caption", {}, t.caption);
    w.open("thead").open("tr");
    for (std::size_t c = 0; c < t.headers.size(); ++c) w.leaf("th", cls(c), t.headers[c]);
    w.close().close();
    w.open("tbody");
    for (const auto& r : t.rows) {
        w.open("tr");
        for (std::size_t c = 0; c < r.size(); ++c) w.leaf("td", cls(c), r[c]);
        w.close();
    }
    w.close().close().close();
}

}  // namespace

std::string render_html(const ReportDocument& doc)
{
    XmlWriter w;
    w.raw("<!DOCTYPE html>\n");
    w.open("html", {{"xmlns", "http://www.w3.org/1999/xhtml"}, {"lang", "en"}});
    w.open("head");
    w.leaf("meta", {{"charset", "utf-8"}});
    w.leaf("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    // Belt and braces for "no network access": the browser may not fetch anything.
    w.leaf("meta", {{"http-equiv", "Content-Security-Policy"},
                    {"content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:"}});
    w.leaf("meta", {{"name", "generator"}, {"content", std::string("reclaim ") + RECLAIM_VERSION}});
    w.leaf("title", {}, doc.title());
    w.open("style").text(kCss).close();
    w.close();  // head
    w.open("body");
    w.leaf("h1", {}, doc.title());
    if (!doc.subtitle().empty()) w.leaf("p", {{"class", "subtitle"}}, doc.subtitle());
    for (const auto& b : doc.blocks()) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading: w.leaf(fmt::format("h{}", b.level), {}, b.text); break;
        case ReportBlock::Kind::Paragraph: w.leaf("p", {}, b.text); break;
        case ReportBlock::Kind::Callout: w.leaf("p", {{"class", "callout " + b.tone}}, b.text); break;
        case ReportBlock::Kind::Table: html_table(w, b.table); break;
        case ReportBlock::Kind::Figure:
            w.open("figure").raw(b.svg);
            if (!b.text.empty()) w.leaf("figcaption", {}, b.text);
            w.close();
            break;
        case ReportBlock::Kind::PageBreak: w.leaf("div", {{"class", "page-break"}}); break;
        }
    }
    w.leaf("footer", {}, std::string("Generated by reclaim ") + RECLAIM_VERSION +
                             ". Numbers are those of the JSON output of the same command, with 4 significant figures.");
    w.close();  // body
    w.close();  // html
    return w.str() + "\n";
}

void render_markdown(std::ostream& out, const ReportDocument& doc)
{
    out << "# " << doc.title() << "\n\n";
    if (!doc.subtitle().empty()) out << '*' << doc.subtitle() << "*\n\n";
    for (const auto& b : doc.blocks()) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading: out << std::string(static_cast<std::size_t>(b.level), '#') << ' ' << b.text << "\n\n"; break;
        case ReportBlock::Kind::Paragraph: out << b.text << "\n\n"; break;
        case ReportBlock::Kind::Callout: out << "> **" << b.text << "**\n\n"; break;
        case ReportBlock::Kind::Table: {
            if (!b.table.caption.empty()) out << b.table.caption << "\n\n";
            std::vector<TextTable::Align> align;
            for (std::size_t c = 0; c < b.table.headers.size(); ++c)
                align.push_back(c < b.table.numeric.size() && b.table.numeric[c] ? TextTable::Align::Right
                                                                                  : TextTable::Align::Left);
            TextTable t(b.table.headers, align);
            for (const auto& r : b.table.rows) t.add_row(r);
            t.print_markdown(out);
            out << '\n';
            break;
        }
        case ReportBlock::Kind::Figure: {
            std::string caption = b.text;
            if (!caption.empty() && caption.back() == '.') caption.pop_back();
            out << "*Figure: " << caption << " (drawn in the HTML report).*\n\n";
            break;
        }
        case ReportBlock::Kind::PageBreak: break;
        }
    }
}

ReportTable assumptions_table(const std::vector<UsedParam>& used)
{
    ReportTable t;
    t.headers = {"file:line", "column", "value", "range", "distribution", "source"};
    t.numeric = {false, false, true, true, false, false};
    std::vector<const UsedParam*> rows;
    for (const auto& u : used) rows.push_back(&u);
    std::stable_sort(rows.begin(), rows.end(), [](const UsedParam* a, const UsedParam* b) {
        return std::tie(a->origin.file, a->origin.line, a->origin.column, a->id.index) <
               std::tie(b->origin.file, b->origin.line, b->origin.column, b->id.index);
    });
    rows.erase(std::unique(rows.begin(), rows.end(), [](const UsedParam* a, const UsedParam* b) { return a->id == b->id; }),
               rows.end());
    for (const UsedParam* u : rows) {
        const Param& p = u->spec;
        const Origin& o = u->origin;
        t.rows.push_back({o.file + ":" + std::to_string(o.line), o.column, sig(p.value),
                          p.ranged() ? sig(p.low) + " \u2013 " + sig(p.high) : "",
                          p.ranged() ? std::string(dist_name(p.dist)) : "fixed", o.source});
    }
    return t;
}

}  // namespace reclaim
