#include "engine/questions/improve.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;

double score(const Assessment& a, const AssessValue& v, const AssessOptions& o, const ImproveMeasure& m)
{
    switch (m.kind) {
    case ImproveMeasure::Kind::Value: return v.total_usd;
    case ImproveMeasure::Kind::Element: return a.recovered_kg[static_cast<Ix>(m.element)];
    case ImproveMeasure::Kind::Critical: break;
    }
    double sum = 0.0;
    for (auto e : o.critical) sum += a.recovered_kg[static_cast<Ix>(e)];
    return sum;
}

// Gains by element symbol: `changed` (of model `cm`) minus the baseline (of `model`).
std::vector<std::pair<std::string, double>> gains(const Model& model, const Assessment& base, const Model& cm,
                                                  const Assessment& changed)
{
    std::vector<std::pair<std::string, double>> out;
    for (std::size_t e = 0; e < model.elements.size(); ++e) {
        const std::string& symbol = model.elements[e].symbol;
        auto ce = cm.elements.find(symbol);
        const double after = ce ? changed.recovered_kg[static_cast<Ix>(*ce)] : 0.0;
        const double d = after - base.recovered_kg[static_cast<Ix>(e)];
        if (d != 0.0) out.emplace_back(symbol, d);
    }
    return out;
}

// The critical elements and the measure's element of `model`, found by symbol in `other`.
std::vector<std::size_t> same_elements(const Model& model, const std::vector<std::size_t>& elements, const Model& other)
{
    std::vector<std::size_t> out;
    for (auto e : elements)
        if (auto f = other.elements.find(model.elements[e].symbol)) out.push_back(*f);
    return out;
}

}  // namespace

Improvement improve(const Model& model, const AssessOptions& options, const ImproveMeasure& measure,
                    const std::vector<DesignVariant>& variants)
{
    if (options.plan == npos) throw UsageError("improve needs a plan: the changes are tried against it");
    if (measure.kind == ImproveMeasure::Kind::Element && measure.element >= model.elements.size())
        throw UsageError("improve --by: an element of the model");
    const ParamValues nominal = model.params.nominal();
    Improvement out;
    out.baseline = assess(model, options, nominal);
    out.baseline_value = assess_value(model, out.baseline, nominal);
    out.baseline_score = score(out.baseline, out.baseline_value, options, measure);

    // Records a change assessed as `a` (valued `v`) in model `cm` with options `co`.
    auto add = [&](DesignChange c, const Model& cm, const AssessOptions& co, const Assessment& a) {
        const AssessValue v = assess_value(cm, a, cm.params.nominal());
        ImproveMeasure m = measure;
        if (m.kind == ImproveMeasure::Kind::Element) {
            auto e = cm.elements.find(model.elements[measure.element].symbol);
            m.element = e.value_or(npos);
        }
        const double s = m.kind == ImproveMeasure::Kind::Element && m.element == npos ? 0.0 : score(a, v, co, m);
        c.gain = s - out.baseline_score;
        c.gain_value_usd = v.total_usd - out.baseline_value.total_usd;
        c.gain_kg = gains(model, out.baseline, cm, a);
        out.changes.push_back(std::move(c));
    };

    // Each class of the product, liberated and sent whole to each route that accepts it.
    for (auto cls : out.baseline.classes) {
        for (std::size_t r = 0; r < model.routes.size(); ++r) {
            const Route& route = model.routes[r];
            if (!route.accepts_class(model.classes[cls])) continue;
            AssessOptions o = options;
            o.route = r;
            o.route_class = cls;
            DesignChange c;
            c.kind = DesignChange::Kind::Route;
            c.treatment_class = cls;
            c.route = r;
            c.text = "extract the " + model.classes[cls] + " before shredding: route " + route.id;
            add(std::move(c), model, o, assess(model, o, nominal));
        }
    }

    // Each part of the product's own bill of materials, left out.
    const Product& product = model.products[options.product];
    std::vector<std::string> parts;
    for (const auto& line : product.bom)
        if (std::find(parts.begin(), parts.end(), line.part) == parts.end()) parts.push_back(line.part);
    for (const auto& part : parts) {
        Model without = model;
        auto& bom = without.products[options.product].bom;
        std::erase_if(bom, [&](const BomLine& l) { return l.part == part; });
        if (bom.empty()) continue;  // nothing would be left to assess
        DesignChange c;
        c.kind = DesignChange::Kind::RemovePart;
        c.part = part;
        c.text = "leave out the part '" + part + "' (what its absence changes)";
        add(std::move(c), without, options, assess(without, options, without.params.nominal()));
    }

    // Each variant: the same product, plan, amount and collection in the variant's data.
    for (const auto& v : variants) {
        const Model& vm = *v.model;
        AssessOptions o = options;
        auto p = vm.find_product(product.id);
        auto plan = vm.find_plan(model.plans[options.plan].id);
        if (!p) throw LookupError("variant " + v.name + " (" + v.folder + ") has no product '" + product.id + "'");
        if (!plan) throw LookupError("variant " + v.name + " (" + v.folder + ") has no plan '" + model.plans[options.plan].id + "'");
        o.product = *p;
        o.plan = *plan;
        o.route = npos;
        o.route_class = npos;
        o.critical = same_elements(model, options.critical, vm);
        DesignChange c;
        c.kind = DesignChange::Kind::Variant;
        c.variant = v.name;
        c.text = "variant " + v.name + " (overlay " + v.folder + ")";
        add(std::move(c), vm, o, assess(vm, o, vm.params.nominal()));
    }

    std::stable_sort(out.changes.begin(), out.changes.end(),
                     [](const DesignChange& a, const DesignChange& b) { return a.gain > b.gain; });
    return out;
}

}  // namespace reclaim
