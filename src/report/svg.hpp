#pragma once
// A small XML writer (shared with the HTML builder) and the report's charts as SVG strings:
// Sankey diagrams, time series and horizontal bars. Charts are static: no script, no fonts
// or styles fetched from anywhere, tooltips through <title> elements.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/sankey_layout.hpp"

namespace reclaim {

//! `text` made safe for XML/HTML character data and attribute values: & < > " ' become
//! entities; control characters that XML 1.0 forbids become U+FFFD.
std::string xml_escape(std::string_view text);

//! A coordinate for SVG: at most two decimals, no trailing zeros ("12.5", "3", "-0.25").
std::string px(double value);

//! Builds well-formed XML: every element opened is closed (str() throws otherwise), every
//! text and attribute value is escaped. Empty elements are written <a></a> except the HTML
//! void elements (meta, br, hr, img, col), so the output reads the same as HTML and XML.
class XmlWriter {
public:
    using Attrs = std::vector<std::pair<std::string, std::string>>;

    XmlWriter& open(std::string_view tag, const Attrs& attrs = {});
    //! Closes the innermost open element.
    XmlWriter& close();
    //! <tag attrs>text</tag>
    XmlWriter& leaf(std::string_view tag, const Attrs& attrs, std::string_view text = {});
    //! Escaped character data.
    XmlWriter& text(std::string_view text);
    //! Markup built by another XmlWriter (an SVG inside the HTML), inserted as is.
    XmlWriter& raw(std::string_view markup);
    [[nodiscard]] std::size_t depth() const { return open_.size(); }
    //! The document; throws Error if an element is still open.
    [[nodiscard]] std::string str() const;

private:
    void start_tag(std::string_view tag, const Attrs& attrs);
    std::string out_;
    std::vector<std::string> open_;
};

//! Colour of a node, band, area or bar category: "recovered" (strong green), "loss" (muted
//! grey), "uncollected", "untreated", "flow", "source", "process", "eol", "scrap", "demand",
//! "target", "band"; anything else gets the neutral flow colour.
std::string_view category_colour(std::string_view category);

//! Round tick values covering [lo, hi] with a step of 1, 2 or 5 x 10^k and about `count`
//! intervals; the first tick is <= lo and the last >= hi.
std::vector<double> nice_ticks(double lo, double hi, int count = 5);

//! A mass unit for display chosen from the largest value [kg]: "t" from 1000 kg, else "kg";
//! the second member converts kg to it.
std::pair<std::string, double> mass_unit(double max_kg);

//! A Sankey diagram: layout options plus what the labels say.
struct SankeyChart {
    std::string title;
    std::string unit = "kg";  //!< unit of the link values, printed after each number
    double total = 0.0;       //!< the 100% of the labels; 0: sum of the sources' outflows
    SankeyOptions layout;     //!< canvas of the bands and nodes; labels get margins beside it
};

//! The diagram of `graph`: bands as filled cubic-Bezier ribbons coloured by link category,
//! back links as stroked return lanes, nodes as bars, labels "name  12.3 kg (45.6%)" beside
//! each node (left of the first column, right of the others).
std::string sankey_svg(const SankeyGraph& graph, const SankeyChart& chart);

//! One named series of a chart, one value per year.
struct ChartSeries {
    std::string name;
    std::vector<double> values;
    std::string category;  //!< colour class
};

//! A time series: stacked areas, lines, an optional P5-P95 band and a target-year marker.
struct TimeSeriesChart {
    std::string title;
    std::string unit;              //!< of the y axis, e.g. "t"
    std::vector<int> years;
    std::vector<ChartSeries> stacked;   //!< stacked areas, bottom first
    std::vector<ChartSeries> lines;     //!< drawn over the areas
    std::optional<ChartSeries> band_low, band_high;  //!< a shaded range between the two (e.g. P5..P95)
    std::optional<int> marker_year;
    std::string marker_label;
    double width = 760.0, height = 320.0;  //!< [px]
};

//! The chart as SVG; throws Error when a series has not one value per year.
std::string time_series_svg(const TimeSeriesChart& chart);

//! One bar of a horizontal bar chart.
struct Bar {
    std::string label;
    double value = 0.0;
    std::string category;
};

//! Horizontal bars with the value printed at the end of each, largest first if `sort`.
struct BarChart {
    std::string title;
    std::string unit;
    std::vector<Bar> bars;
    bool sort = false;
    double width = 760.0;  //!< [px]; the height follows from the number of bars
};

std::string bar_chart_svg(const BarChart& chart);

//! One parameter of a tornado: the output with the parameter at its low and at its high end.
struct TornadoRow {
    std::string label;
    double output_low = 0.0, output_high = 0.0;
};

//! A tornado: per row, a bar from the nominal output to the output at the parameter's low end
//! (one colour) and to its high end (another), rows in the order given (largest swing first).
struct TornadoChart {
    std::string title;
    std::string unit;        //!< printed after values; "%" with `fractions`
    bool fractions = false;  //!< values are fractions, printed with percent()
    double nominal = 0.0;    //!< the output at nominal values
    std::vector<TornadoRow> rows;
    double width = 760.0;  //!< [px]; the height follows from the number of rows
};

std::string tornado_svg(const TornadoChart& chart);

}  // namespace reclaim
