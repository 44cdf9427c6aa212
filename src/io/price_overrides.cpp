#include "io/price_overrides.hpp"

#include "core/error.hpp"

namespace reclaim {

AppliedOverride apply_price_override(Model& model, const PriceOverride& given, std::size_t n)
{
    Param p;
    p.value = given.usd_per_kg;
    p.low = given.ranged ? given.low : given.usd_per_kg;
    p.high = given.ranged ? given.high : given.usd_per_kg;
    p.dist = given.ranged ? Dist::Triangular : Dist::Fixed;  // as a row with low/high and no dist
    p.bound = Bound::NonNegative;
    AppliedOverride out{given, {}, model.params.add(p, Origin{"--price", n, "value", "--price " + given.text, 1.0})};
    const std::string key = model.form_key(given.form);
    for (auto& price : model.prices) {
        if (model.form_key(price.form) != key) continue;
        out.replaced.push_back(price.file + ":" + std::to_string(price.line));
        price.usd_per_kg = out.param;
    }
    if (out.replaced.empty())
        throw LookupError("--price " + given.text + ": no row of the price list prices '" + given.form +
                          "' (a form is spelt as in the list: a material id or a formula; to price a new form, "
                          "add a row with --prices FILE --merge)");
    return out;
}

}  // namespace reclaim
