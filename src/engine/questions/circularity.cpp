#include "engine/questions/circularity.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"

namespace reclaim {

Circularity material_circularity(const Assessment& a, const CircularityOptions& o)
{
    Circularity c;
    const double contained = a.contained_kg.sum();
    const double to_routes = contained - a.uncollected_kg.sum() - a.untreated_kg.sum();
    c.mass_kg = a.product_mass_kg;
    c.collected_for_recycling = contained > 0.0 ? std::clamp(to_routes / contained, 0.0, 1.0) : 0.0;
    c.recycling_efficiency = to_routes > 0.0 ? std::clamp(a.recovered_kg.sum() / to_routes, 0.0, 1.0) : 0.0;
    c.feedstock_efficiency = o.feedstock_efficiency.value_or(c.recycling_efficiency);
    if (o.recycled_content + o.reused_content > 1.0)
        throw UsageError(fmt::format("--recycled-content {} + --reused-content {} is above 1 (shares of the product's mass)",
                                     o.recycled_content, o.reused_content));
    if (c.collected_for_recycling + o.collected_for_reuse > 1.0 + 1e-12)
        throw UsageError(fmt::format("--collected-for-reuse {} + the share sent to recycling {} is above 1",
                                     o.collected_for_reuse, c.collected_for_recycling));
    if (!(o.lifetime_ratio > 0.0))
        throw UsageError(fmt::format("--lifetime-ratio {} is not positive (the product's lifetime over the industry average)",
                                     o.lifetime_ratio));
    if (o.recycled_content > 0.0 && !(c.feedstock_efficiency > 0.0))
        throw UsageError("the recycled feedstock's efficiency is 0 (nothing is recovered), so recycled content cannot be "
                         "made: give --feedstock-efficiency");
    const double m = c.mass_kg;
    c.virgin_kg = m * (1.0 - o.recycled_content - o.reused_content);
    c.unrecoverable_kg = m * std::max(0.0, 1.0 - c.collected_for_recycling - o.collected_for_reuse);
    c.recycling_waste_kg = m * (1.0 - c.recycling_efficiency) * c.collected_for_recycling;
    c.feedstock_waste_kg =
        o.recycled_content > 0.0 ? m * (1.0 - c.feedstock_efficiency) * o.recycled_content / c.feedstock_efficiency : 0.0;
    c.waste_kg = c.unrecoverable_kg + (c.feedstock_waste_kg + c.recycling_waste_kg) / 2.0;
    const double denominator = 2.0 * m + (c.feedstock_waste_kg - c.recycling_waste_kg) / 2.0;
    c.lfi = denominator > 0.0 ? (c.virgin_kg + c.waste_kg) / denominator : 0.0;
    c.utility = 0.9 / o.lifetime_ratio;
    c.mci = std::max(0.0, 1.0 - c.lfi * c.utility);
    return c;
}

}  // namespace reclaim
