#pragma once
// What `assess` and `compare` share: the product, the amount and the collection rate.

#include <optional>
#include <string>

#include "cli/context.hpp"
#include "cli/defaults.hpp"
#include "cli/option_checks.hpp"
#include "engine/questions/assess.hpp"

namespace reclaim::cli {

//! Options common to `assess` and `compare`, filled by CLI11.
struct AmountArgs {
    std::string product;
    std::optional<double> units;  //!< --units N, in the product's functional unit
    std::optional<std::string> mass;  //!< --mass M: total BoM mass with a unit (500kg, 2t)
    double collection = 1.0;      //!< --collection F

    //! Registers PRODUCT, --units, --mass (mutually exclusive) and --collection on `cmd`.
    //! `product_required` false: PRODUCT may be left out (`compare --products` names them).
    CLI::Option* add_to(CLI::App* cmd, bool product_required = true)
    {
        auto* positional = cmd->add_option("product", product, "product id (see `reclaim list products`)")
                               ->required(product_required);
        auto* u = cmd->add_option("--units", units, "how many functional units of the product (default 1)")
                      ->check(units_check());
        auto* m = cmd->add_option("--mass", mass, "total product mass with a unit (e.g. 2t, 500kg; kg if none); the product is scaled to it")
                      ->check(mass_check());
        u->excludes(m);
        cmd->add_option("--collection", collection, "share of end-of-life units reaching treatment (default 1)")
            ->check(share_check());
        return positional;
    }

    //! The options for `model`, product resolved; LookupError for an unknown product.
    [[nodiscard]] AssessOptions options(const Model& model) const { return options(model, product); }
    //! The same for product `id` instead of PRODUCT.
    [[nodiscard]] AssessOptions options(const Model& model, const std::string& id) const
    {
        AssessOptions o;
        auto p = model.find_product(id);
        if (!p) throw LookupError("no product '" + id + "' (see `reclaim list products`)");
        o.product = *p;
        if (mass) o.amount = Amount::total_mass(kilograms(parse_mass_kg(*mass, "--mass")));
        else o.amount = Amount::functional_units(units.value_or(1.0), *model.products[*p].unit);
        o.collection = collection;
        o.critical = critical_elements(model);
        return o;
    }
};

//! The plan used without --plan/--route: kDefaultPlan if the data has it, else the first plan;
//! LookupError if the data has no plan.
inline std::size_t default_plan(const Model& model)
{
    if (auto p = model.find_plan(std::string(kDefaultPlan))) return *p;
    if (model.plans.empty()) throw LookupError("the data has no plan (routes/plans.csv); assess and compare can take --route R instead");
    return 0;
}

//! Sets o.route from `route_id` (may be empty) and o.plan from `plan_id`, else the default plan
//! (for a route: only if the data has plans, so the classes the route does not accept follow it).
//! Returns whether the plan was defaulted. LookupError for an unknown id.
inline bool set_treatment(const Model& model, const std::string& plan_id, const std::string& route_id, AssessOptions& o)
{
    if (!route_id.empty()) {
        auto r = model.find_route(route_id);
        if (!r) throw LookupError("no route '" + route_id + "' (see `reclaim list routes`)");
        o.route = *r;
    }
    if (!plan_id.empty()) {
        auto p = model.find_plan(plan_id);
        if (!p) throw LookupError("no plan '" + plan_id + "' (see `reclaim list plans`)");
        o.plan = *p;
        return false;
    }
    if (o.route != npos && model.plans.empty()) return false;
    o.plan = default_plan(model);
    return true;
}

}  // namespace reclaim::cli
