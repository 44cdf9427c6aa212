#include "report/uncertainty_html.hpp"

#include "report/format.hpp"
#include "report/svg.hpp"

namespace reclaim {

std::string range_text(const std::string& p5, const std::string& p95) { return p5 + " \u2013 " + p95; }

ReportTable tornado_table(const Model& /*model*/, const Sensitivity& s, bool fractions)
{
    auto out = [&](double v) { return fractions ? percent(v) : sig(v); };
    ReportTable t;
    t.headers = {"#", "parameter", "column", "low", "value", "high", "output_low", "output_high", "swing", "S1", "source"};
    t.numeric = {true, false, false, true, true, true, true, true, true, true, false};
    for (std::size_t k = 0; k < s.bars.size(); ++k) {
        const auto& b = s.bars[k];
        const Origin& o = b.origin;
        t.rows.push_back({std::to_string(k + 1), o.file + ":" + std::to_string(o.line), o.column, sig(b.low),
                          sig(b.spec.value), sig(b.high), out(b.output_low), out(b.output_high),
                          out(b.swing()), b.first_order ? sig(*b.first_order) : "-", o.source});
    }
    return t;
}

void add_tornado(ReportDocument& doc, const Model& model, const Sensitivity& s, bool fractions, const std::string& unit)
{
    auto out = [&](double v) { return fractions ? percent(v) : sig(v) + (unit.empty() ? "" : " " + unit); };
    doc.heading("Sensitivity of " + s.output, 3);
    if (s.bars.empty()) {
        doc.paragraph("No ranged parameter affects " + s.output + " (" + out(s.nominal) + ").");
        return;
    }
    doc.paragraph("One at a time: each ranged parameter at its low and at its high end, every other at its nominal "
                  "value (nominal " + out(s.nominal) + "); the largest swing first. S1 is the first-order index "
                  "estimated from the Monte Carlo samples (docs/uncertainty.md).");
    TornadoChart c;
    c.title = s.output + ": output with each parameter at its low and high end";
    c.fractions = fractions;
    c.unit = fractions ? "%" : unit;
    c.nominal = s.nominal;
    for (const auto& b : s.bars) {
        const Origin& o = b.origin;
        c.rows.push_back({o.file + ":" + std::to_string(o.line), b.output_low, b.output_high});
    }
    doc.figure(tornado_svg(c), "Tornado of " + s.output + "; the table names each parameter's row and source.");
    doc.table(tornado_table(model, s, fractions));
}

}  // namespace reclaim
