// The SVG writer: escaping, well-formed output of every chart, ticks and units.

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "report/svg.hpp"
#include "xml_check.hpp"

using namespace reclaim;
using reclaim::test::check_xml;
using Catch::Matchers::Contains;

TEST_CASE("Markup characters in text and attributes are escaped", "[report][svg]")
{
    CHECK(xml_escape("a < b & c > \"d\" 'e'") == "a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;");
    CHECK(xml_escape("CoSO4·7H2O") == "CoSO4·7H2O");  // UTF-8 passes through
    // XML 1.0 forbids most control characters even as references: replaced by U+FFFD.
    CHECK(xml_escape(std::string("a\x01") + "b\tc") == "a\xEF\xBF\xBD" "b\tc");
    XmlWriter w;
    w.open("svg", {{"aria-label", "fines <1 mm & \"dust\""}}).leaf("text", {}, "</svg><script>").close();
    auto doc = w.str();
    auto x = check_xml(doc);
    REQUIRE(x.ok());
    CHECK(x.has_text("text", "</svg><script>"));
    CHECK(x.elements.count("script") == 0);
    CHECK(x.attributes[0].second == "fines <1 mm & \"dust\"");
}

TEST_CASE("The XML writer refuses to hand out a document with an open element", "[report][svg]")
{
    XmlWriter w;
    w.open("svg").open("g");
    CHECK_THROWS_WITH(w.str(), Contains("<g> is still open"));
    w.close().close();
    CHECK_THROWS_AS(w.close(), Error);
    CHECK(w.str() == "<svg><g></g></svg>");
}

TEST_CASE("The test's XML checker rejects what a parser would reject", "[report][svg]")
{
    // The checker is what the well-formedness tests rely on: it must be able to fail.
    CHECK(check_xml("<a><b></b></a>").ok());
    CHECK(check_xml("<!DOCTYPE html>\n<a x=\"1\" y='2'>t &amp; &#39; &#x27;<b/></a>").ok());
    CHECK_FALSE(check_xml("<a><b></a></b>").ok());
    CHECK_FALSE(check_xml("<a>").ok());
    CHECK_FALSE(check_xml("<a>x & y</a>").ok());
    CHECK_FALSE(check_xml("<a>x < y</a>").ok());
    CHECK_FALSE(check_xml("<a x=1></a>").ok());
    CHECK_FALSE(check_xml("<a x=\"1\" x=\"2\"></a>").ok());
    CHECK_FALSE(check_xml("<a x=\"<\"></a>").ok());
    CHECK_FALSE(check_xml("<a></a><b></b>").ok());
    CHECK_FALSE(check_xml("<a>&nbsp;</a>").ok());
    CHECK_FALSE(check_xml("text<a></a>").ok());
}

TEST_CASE("Coordinates have at most two decimals and no trailing zeros", "[report][svg]")
{
    CHECK(px(12.5) == "12.5");
    CHECK(px(3.0) == "3");
    CHECK(px(-0.001) == "0");
    CHECK(px(1.23456) == "1.23");
    CHECK(px(std::nan("")) == "0");
}

TEST_CASE("Axis ticks are round numbers that cover the data", "[report][svg]")
{
    // 0..87 in about 5 steps: raw step 17.4 -> 20; ticks 0, 20, ..., 100.
    CHECK(nice_ticks(0, 87, 5) == std::vector<double>{0, 20, 40, 60, 80, 100});
    // 2000..2050 in about 8 steps: raw 6.25 -> 10.
    CHECK(nice_ticks(2000, 2050, 8) == std::vector<double>{2000, 2010, 2020, 2030, 2040, 2050});
    // 0..0.3: raw 0.06 -> 0.1; multiples of the step, not a running sum.
    auto t = nice_ticks(0, 0.3, 5);
    REQUIRE(t.size() == 4);
    CHECK(t[3] == Approx(0.3));
    // An empty range becomes 0..1: step 0.2.
    auto unit = nice_ticks(0, 0, 5);
    REQUIRE(unit.size() == 6);
    CHECK(unit[3] == Approx(0.6));
    CHECK(unit[5] == Approx(1.0));
}

TEST_CASE("Masses are shown in tonnes from 1000 kg", "[report][svg]")
{
    CHECK(mass_unit(999).first == "kg");
    CHECK(mass_unit(1000).first == "t");
    CHECK(mass_unit(1000).second == 1e-3);
}

TEST_CASE("A Sankey diagram is well-formed SVG with one ribbon per link and labels with amounts", "[report][svg]")
{
    SankeyGraph g;
    auto feed = g.add_node("feed", "source");
    auto shred = g.add_node("shred & sort", "process");
    auto alloy = g.add_node("NdFeB-alloy", "recovered");
    auto fines = g.add_node("fines <1 mm", "loss");
    g.add_link(feed, shred, 1.2, "flow");
    g.add_link(shred, alloy, 0.9, "recovered");
    g.add_link(shred, fines, 0.3, "loss");
    g.add_link(alloy, shred, 0.0, "flow");  // zero flows are not drawn
    SankeyChart chart;
    chart.title = "Nd in \"BEV\" <test>";
    auto svg = sankey_svg(g, chart);
    auto x = check_xml(svg);
    INFO(x.error);
    REQUIRE(x.ok());
    CHECK(x.elements["svg"] == 1);
    CHECK(x.elements["path"] == 3);
    CHECK(x.elements["rect"] == 4);
    // 0.9 of 1.2 kg fed = 75%; 0.3 / 1.2 = 25%.
    CHECK(x.has_text("text", "NdFeB-alloy  0.9 kg (75%)"));
    CHECK(x.has_text("text", "fines <1 mm  0.3 kg (25%)"));
    CHECK(x.has_text("text", "Nd in \"BEV\" <test>"));
    CHECK(svg.find(std::string(category_colour("recovered"))) != std::string::npos);
    CHECK(svg.find(std::string(category_colour("loss"))) != std::string::npos);
}

TEST_CASE("A time series chart draws stacked areas, lines, the band and the target year", "[report][svg]")
{
    TimeSeriesChart c;
    c.title = "Nd recovered, t";
    c.unit = "t";
    c.years = {2025, 2030, 2035, 2040};
    c.stacked = {{"from end-of-life", {1, 2, 4, 6}, "eol"}, {"from scrap", {0.5, 0.5, 1, 1}, "scrap"}};
    c.lines = {{"20% of demand", {3, 4, 5, 6}, "target"}};
    c.band_low = ChartSeries{"P5", {1, 2, 3, 4}, "band"};
    c.band_high = ChartSeries{"P95", {2, 3, 6, 8}, "band"};
    c.marker_year = 2035;
    c.marker_label = "target year 2035";
    auto svg = time_series_svg(c);
    auto x = check_xml(svg);
    INFO(x.error);
    REQUIRE(x.ok());
    CHECK(x.elements["path"] == 6);  // two areas, the band and its two dashed edges, one line
    CHECK(x.has_text("text", "target year 2035"));
    // y axis: the highest value is the P95 of 8 (stacks reach 7): ticks 0, 2, ..., 8.
    CHECK(x.has_text("text", "8"));
    CHECK_FALSE(x.has_text("text", "10"));
    CHECK(x.has_text("text", "2030"));
    CHECK(x.has_text("text", "from scrap"));  // legend
}

TEST_CASE("A time series with a series of the wrong length is rejected by name", "[report][svg]")
{
    TimeSeriesChart c;
    c.years = {2025, 2030};
    c.lines = {{"demand", {1, 2, 3}, "demand"}};
    CHECK_THROWS_WITH(time_series_svg(c), Contains("'demand' has 3 values for 2 years"));
}

TEST_CASE("A bar chart sorts largest first and prints each value with its unit", "[report][svg]")
{
    BarChart c;
    c.title = "Losses of Nd";
    c.unit = "kg";
    c.sort = true;
    c.bars = {{"dust", 0.05, "loss"}, {"not liberated <sieve>", 0.1156, "loss"}, {"residue", 0.0, "loss"}};
    auto svg = bar_chart_svg(c);
    auto x = check_xml(svg);
    INFO(x.error);
    REQUIRE(x.ok());
    CHECK(x.elements["rect"] == 3);
    CHECK(x.has_text("text", "0.1156 kg"));
    CHECK(svg.find("not liberated &lt;sieve&gt;") < svg.find(">dust<"));
}
