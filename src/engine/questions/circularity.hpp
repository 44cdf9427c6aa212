#pragma once
// The Material Circularity Indicator of an assessed product (Ellen MacArthur Foundation and
// Granta Design, "Circularity Indicators: An Approach to Measuring Circularity", methodology,
// 2019): MCI = max(0, 1 - LFI F(X)), F(X) = 0.9 / X, LFI = (V + W) / (2M + (W_F - W_C) / 2),
// with the (W_F - W_C) / 2 term of the methodology (docs/indicators.md).

#include <optional>

#include "engine/results.hpp"

namespace reclaim {

//! The inputs of the MCI that an assessment does not give, with their defaults: no recycled or
//! reused content, nothing collected for reuse, the feedstock made at the assessed routes'
//! recycling efficiency, the industry-average lifetime and intensity of use.
struct CircularityOptions {
    double recycled_content = 0.0;  //!< F_R: share of the product's mass from recycled sources [fraction]
    double reused_content = 0.0;    //!< F_U: share from reused components [fraction]
    double collected_for_reuse = 0.0;  //!< C_U: share of the mass collected for reuse [fraction]
    std::optional<double> feedstock_efficiency;  //!< E_F [fraction]; nullopt: E_C of the assessment
    double lifetime_ratio = 1.0;    //!< X = (L / L_av) (U / U_av) [-], > 0
};

//! The MCI and every term of it [kg, fraction].
struct Circularity {
    double mass_kg = 0.0;               //!< M: the product mass assessed
    double collected_for_recycling = 0.0;  //!< C_R: share of M sent to recycling routes
    double recycling_efficiency = 0.0;  //!< E_C: recovered / sent to recycling
    double feedstock_efficiency = 0.0;  //!< E_F
    double virgin_kg = 0.0;             //!< V = M (1 - F_R - F_U)
    double unrecoverable_kg = 0.0;      //!< W_0 = M (1 - C_R - C_U)
    double recycling_waste_kg = 0.0;    //!< W_C = M (1 - E_C) C_R
    double feedstock_waste_kg = 0.0;    //!< W_F = M (1 - E_F) F_R / E_F
    double waste_kg = 0.0;              //!< W = W_0 + (W_F + W_C) / 2
    double lfi = 0.0;                   //!< linear flow index
    double utility = 0.0;               //!< F(X) = 0.9 / X
    double mci = 0.0;
};

//! The MCI of assessment `a` (its product mass, and what is uncollected, untreated and
//! recovered of it). UsageError if F_R + F_U or C_R + C_U exceeds 1, X is not positive, or E_F
//! is 0 with recycled content.
Circularity material_circularity(const Assessment& a, const CircularityOptions& options);

}  // namespace reclaim
