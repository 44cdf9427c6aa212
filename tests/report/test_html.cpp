// The HTML/Markdown report builder: self-contained, well-formed, escaped; the assumptions table.

#include <catch2/catch.hpp>

#include <sstream>

#include "engine/evaluate/route_network.hpp"
#include "io/load.hpp"
#include "report/html.hpp"
#include "report/route_report.hpp"
#include "report/svg.hpp"
#include "xml_check.hpp"

using namespace reclaim;
using reclaim::test::check_xml;

namespace {

ReportDocument sample_document()
{
    ReportDocument doc("Nd & Dy <2035>", "UK \"current\" plan");
    doc.heading("Headline");
    doc.callout("Nd: 12.5% of demand in 2035, target 20% not met", "bad");
    doc.paragraph("Losses < 5% are not shown & 'others' are grouped.");
    ReportTable t;
    t.caption = "Recovered | by element";
    t.headers = {"element", "recovered_kg"};
    t.numeric = {false, true};
    t.rows = {{"Nd", "1.234"}, {"Dy|Tb", "0.05"}};
    doc.table(t);
    BarChart bars;
    bars.bars = {{"a", 1, "loss"}};
    doc.figure(bar_chart_svg(bars), "Losses <by cause>");
    doc.page_break();
    doc.heading("Details", 3);
    return doc;
}

}  // namespace

TEST_CASE("The HTML report is well-formed XML with every text escaped", "[report][html]")
{
    auto html = render_html(sample_document());
    auto x = check_xml(html);
    INFO(x.error);
    REQUIRE(x.ok());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(x.elements["html"] == 1);
    CHECK(x.elements["svg"] == 1);
    CHECK(x.elements["table"] == 1);
    CHECK(x.has_text("h1", "Nd & Dy <2035>"));
    CHECK(x.has_text("title", "Nd & Dy <2035>"));
    CHECK(x.has_text("p", "Losses < 5% are not shown & 'others' are grouped."));
    CHECK(x.has_text("td", "Dy|Tb"));
    CHECK(x.has_text("figcaption", "Losses <by cause>"));
    CHECK(x.has_text("h3", "Details"));
}

TEST_CASE("The HTML report needs no script and no network", "[report][html]")
{
    auto html = render_html(sample_document());
    auto x = check_xml(html);
    REQUIRE(x.ok());
    CHECK(x.elements.count("script") == 0);
    CHECK(x.elements.count("link") == 0);
    CHECK(x.elements.count("img") == 0);
    // The only URLs are XML namespace names, which browsers never fetch.
    for (const auto& [name, value] : x.attributes) {
        if (name == "xmlns") continue;
        CHECK(value.find("http:") == std::string::npos);
        CHECK(value.find("https:") == std::string::npos);
        CHECK(value.find("url(") == std::string::npos);
    }
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("Content-Security-Policy") != std::string::npos);
    // Printing: A4 pages, figures kept whole.
    CHECK(html.find("@page { size: A4;") != std::string::npos);
    CHECK(html.find("break-inside: avoid") != std::string::npos);
}

TEST_CASE("The inline CSS reads the same as HTML and as XML", "[report][html]")
{
    // In <style>, HTML does not decode entities and XML needs them for < and &: the CSS must
    // contain none of < > & so both read it alike.
    auto html = render_html(ReportDocument("t"));
    auto begin = html.find("<style>") + 7;
    auto css = html.substr(begin, html.find("</style>") - begin);
    REQUIRE(css.size() > 100);
    CHECK(css.find_first_of("<>&") == std::string::npos);
}

TEST_CASE("Markdown carries the same headings, text and tables, pipes escaped", "[report][html]")
{
    std::ostringstream out;
    render_markdown(out, sample_document());
    CHECK(out.str() ==
          "# Nd & Dy <2035>\n\n"
          "*UK \"current\" plan*\n\n"
          "## Headline\n\n"
          "> **Nd: 12.5% of demand in 2035, target 20% not met**\n\n"
          "Losses < 5% are not shown & 'others' are grouped.\n\n"
          "Recovered | by element\n\n"
          "| element | recovered_kg |\n"
          "| --- | ---: |\n"
          "| Nd | 1.234 |\n"
          "| Dy\\|Tb | 0.05 |\n\n"
          "*Figure: Losses <by cause> (drawn in the HTML report).*\n\n"
          "### Details\n\n");
}

TEST_CASE("The assumptions table lists each parameter once with its range, source and file:line",
          "[report][html]")
{
    Model model = load_model(RECLAIM_TEST_DATA_DIR "/tiny");
    auto route = *model.find_route("magnet_hpms");
    auto ids = solve_route(model, route, model.params.nominal()).params;
    ids.insert(ids.end(), ids.begin(), ids.end());  // duplicates are listed once
    auto t = assumptions_table(used_params(model.params, ids));
    REQUIRE(t.rows.size() == 4);
    // The table itself lists each parameter once, whatever list it is given.
    auto used = used_params(model.params, ids);
    auto twice = used;
    twice.insert(twice.end(), used.rbegin(), used.rend());
    CHECK(assumptions_table(twice).rows == t.rows);
    // routes/transfers.csv lines 13-16: extract -> hpms 0.9 (0.85..0.95), -> not-liberated 0.1
    // (0.05..0.15), hpms -> alloy 0.95 and -> oxidised fines 0.05, both fixed.
    CHECK(t.rows[0] == std::vector<std::string>{"routes/transfers.csv:13", "value", "0.9", "0.85 \u2013 0.95",
                                                "triangular", "example only"});
    CHECK(t.rows[1][0] == "routes/transfers.csv:14");
    CHECK(t.rows[1][3] == "0.05 \u2013 0.15");
    CHECK(t.rows[2] == std::vector<std::string>{"routes/transfers.csv:15", "value", "0.95", "", "fixed", "example only"});
    CHECK(t.rows[3][0] == "routes/transfers.csv:16");
}
