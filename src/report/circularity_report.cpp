#include "report/circularity_report.hpp"

#include "report/format.hpp"

namespace reclaim {

nlohmann::json circularity_json(const Circularity& c, const CircularityOptions& o)
{
    return {{"mci", c.mci},
            {"lfi", c.lfi},
            {"utility", c.utility},
            {"mass_kg", c.mass_kg},
            {"virgin_kg", c.virgin_kg},
            {"unrecoverable_kg", c.unrecoverable_kg},
            {"recycling_waste_kg", c.recycling_waste_kg},
            {"feedstock_waste_kg", c.feedstock_waste_kg},
            {"waste_kg", c.waste_kg},
            {"collected_for_recycling", c.collected_for_recycling},
            {"recycling_efficiency", c.recycling_efficiency},
            {"inputs",
             {{"recycled_content", o.recycled_content},
              {"reused_content", o.reused_content},
              {"collected_for_reuse", o.collected_for_reuse},
              {"feedstock_efficiency", c.feedstock_efficiency},
              {"feedstock_efficiency_given", o.feedstock_efficiency.has_value()},
              {"lifetime_ratio", o.lifetime_ratio}}},
            {"method", "Ellen MacArthur Foundation (2019), Circularity Indicators methodology"}};
}

void write_circularity(std::ostream& out, const Circularity& c, const CircularityOptions& o)
{
    out << "Material Circularity Indicator: " << sig(c.mci, 3) << " (LFI " << sig(c.lfi, 3) << ", F(X) "
        << sig(c.utility, 3) << "; recycled content " << percent(o.recycled_content) << ", reused content "
        << percent(o.reused_content) << ", lifetime ratio " << sig(o.lifetime_ratio, 3) << ", feedstock efficiency "
        << percent(c.feedstock_efficiency) << (o.feedstock_efficiency ? "" : " (the routes')") << ")\n";
}

}  // namespace reclaim
