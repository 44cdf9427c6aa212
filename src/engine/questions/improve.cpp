#include "engine/questions/improve.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"

namespace reclaim {

namespace {

using Ix = Eigen::Index;

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

// A part of the product's tree that goes to its class(es): the classed lines of one part name in
// one product (a material line, or a sub-assembly line with a class of its own). `path` names it
// through its sub-assemblies ("motor/rotor magnets"); a sub-assembly used twice is one part.
struct ClassedPart {
    std::size_t product = npos;
    std::vector<std::size_t> lines;
    std::string path;
};

void classed_parts(const Model& model, std::size_t product, const std::string& prefix, std::vector<ClassedPart>& out)
{
    const auto& bom = model.products[product].bom;
    for (std::size_t l = 0; l < bom.size(); ++l) {
        const BomLine& line = bom[l];
        if (line.treatment_class == npos) {
            classed_parts(model, line.item, prefix + line.part + "/", out);  // depth bounded by the loader (64)
            continue;
        }
        auto it = std::find_if(out.begin(), out.end(), [&](const ClassedPart& p) {
            return p.product == product && model.products[product].bom[p.lines.front()].part == line.part;
        });
        if (it == out.end()) out.push_back({product, {l}, prefix + line.part});
        else if (std::find(it->lines.begin(), it->lines.end(), l) == it->lines.end()) it->lines.push_back(l);
    }
}

}  // namespace

double improve_score(const Assessment& a, const std::vector<std::size_t>& critical, const ImproveMeasure& measure)
{
    switch (measure.kind) {
    case ImproveMeasure::Kind::Value: return a.value_usd;
    case ImproveMeasure::Kind::Element:
        return measure.element == npos ? 0.0 : a.recovered_kg[static_cast<Ix>(measure.element)];
    case ImproveMeasure::Kind::Critical: break;
    }
    double sum = 0.0;
    for (auto e : critical) sum += a.recovered_kg[static_cast<Ix>(e)];
    return sum;
}

const char* kind_name(DesignChange::Kind kind)
{
    switch (kind) {
    case DesignChange::Kind::Route: return "route";
    case DesignChange::Kind::SeparatePart: return "separate_part";
    case DesignChange::Kind::RemovePart: return "remove_part";
    case DesignChange::Kind::Variant: return "variant";
    }
    return "";
}

Improvement improve(const Model& model, const AssessOptions& options, const ImproveMeasure& measure,
                    const std::vector<DesignVariant>& variants)
{
    if (options.plan == npos) throw UsageError("improve needs a plan: the changes are tried against it");
    if (measure.kind == ImproveMeasure::Kind::Element && measure.element >= model.elements.size())
        throw UsageError("improve --by: an element of the model");
    const ParamValues nominal = model.params.nominal();
    Improvement out;
    out.measure = measure;
    out.baseline = assess(model, options, nominal);
    // Every change is tried on as many products as the baseline: with --mass, a copy without a
    // part (or a lighter variant) would otherwise count more products in the same mass.
    AssessOptions fixed = options;
    fixed.amount = Amount::functional_units(out.baseline.functional_units, *model.products[options.product].unit);
    out.options = fixed;
    out.baseline_score = improve_score(out.baseline, options.critical, measure);

    // Records a change assessed as `a` in the trial's model with the trial's options.
    auto add = [&](DesignChange c, DesignTrial trial, const Assessment& a) {
        const Model& cm = *trial.model;
        ImproveMeasure m = measure;
        if (m.kind == ImproveMeasure::Kind::Element)
            m.element = cm.elements.find(model.elements[measure.element].symbol).value_or(npos);
        c.gain = improve_score(a, trial.options.critical, m) - out.baseline_score;
        c.gain_value_usd = a.value_usd - out.baseline.value_usd;
        c.gain_kg = gains(model, out.baseline, cm, a);
        out.changes.push_back(std::move(c));
        out.trials.push_back(std::move(trial));
    };

    // Each class of the product, liberated and sent whole to each route that accepts it.
    for (auto cls : out.baseline.classes) {
        for (std::size_t r = 0; r < model.routes.size(); ++r) {
            const Route& route = model.routes[r];
            if (!route.accepts_class(model.classes[cls])) continue;
            AssessOptions o = fixed;
            o.route = r;
            o.route_class = cls;
            DesignChange c;
            c.kind = DesignChange::Kind::Route;
            c.treatment_class = cls;
            c.route = r;
            c.text = "extract the " + model.classes[cls] + " before shredding: route " + route.id;
            add(std::move(c), DesignTrial{nullptr, &model, o, true}, assess(model, o, nominal));
        }
    }

    // Each part that shares its class with other parts, separated into a class of its own and sent
    // alone to the best route that takes it (its class or its material's); the rest follows the
    // plan. A part alone in its class is the class change above.
    std::vector<ClassedPart> leaves;
    classed_parts(model, options.product, "", leaves);
    auto line_of = [&](const ClassedPart& p, std::size_t k) -> const BomLine& {
        return model.products[p.product].bom[p.lines[k]];
    };
    for (const auto& leaf : leaves) {
        const std::size_t cls = line_of(leaf, 0).treatment_class;
        const auto shared = std::count_if(leaves.begin(), leaves.end(), [&](const ClassedPart& p) {
            for (std::size_t k = 0; k < p.lines.size(); ++k)
                if (line_of(p, k).treatment_class == cls) return true;
            return false;
        });
        if (shared < 2) continue;
        auto sep = std::make_shared<Model>(model);
        const std::size_t own = sep->intern_class("part:" + leaf.path);
        for (auto l : leaf.lines) sep->products[leaf.product].bom[l].treatment_class = own;
        std::vector<std::size_t> routes;
        for (std::size_t r = 0; r < model.routes.size(); ++r) {
            bool all = true;
            for (std::size_t k = 0; k < leaf.lines.size(); ++k) all = all && route_takes(model, model.routes[r], line_of(leaf, k));
            if (!all) continue;
            if (!sep->routes[r].accepts.empty()) sep->routes[r].accepts.push_back(sep->classes[own]);
            routes.push_back(r);
        }
        const std::size_t before = out.changes.size();
        std::size_t best = npos;
        for (auto r : routes) {
            AssessOptions o = fixed;
            o.route = r;
            o.route_class = own;
            DesignChange c;
            c.kind = DesignChange::Kind::SeparatePart;
            c.treatment_class = cls;
            c.route = r;
            c.part = leaf.path;
            c.text = "separate the part '" + leaf.path + "' from the rest of the " + model.classes[cls] +
                     ": route " + model.routes[r].id;
            add(std::move(c), DesignTrial{sep, sep.get(), o, true}, assess(*sep, o, nominal));
            if (best == npos || out.changes.back().gain > out.changes[best].gain) best = out.changes.size() - 1;
        }
        // Only the best route for the part is kept: the others are the class changes' story.
        if (best != npos) {
            DesignChange kept = std::move(out.changes[best]);
            DesignTrial kept_trial = std::move(out.trials[best]);
            out.changes.resize(before);
            out.trials.resize(before);
            out.changes.push_back(std::move(kept));
            out.trials.push_back(std::move(kept_trial));
        }
    }

    // Each part of the product's own bill of materials, left out.
    const Product& product = model.products[options.product];
    std::vector<std::string> parts;
    for (const auto& line : product.bom)
        if (std::find(parts.begin(), parts.end(), line.part) == parts.end()) parts.push_back(line.part);
    for (const auto& part : parts) {
        auto without = std::make_shared<Model>(model);
        auto& bom = without->products[options.product].bom;
        std::erase_if(bom, [&](const BomLine& l) { return l.part == part; });
        if (bom.empty()) continue;  // nothing would be left to assess
        DesignChange c;
        c.kind = DesignChange::Kind::RemovePart;
        c.part = part;
        c.text = "leave out the part '" + part + "' (what its absence changes)";
        add(std::move(c), DesignTrial{without, without.get(), fixed, true}, assess(*without, fixed, nominal));
    }

    // Each variant: the same product, plan, amount and collection in the variant's data.
    for (const auto& v : variants) {
        const Model& vm = *v.model;
        AssessOptions o = fixed;
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
        add(std::move(c), DesignTrial{nullptr, &vm, o, false}, assess(vm, o, vm.params.nominal()));
    }

    // Largest gain first, the trials in the same order; ties keep the order tried.
    std::vector<std::size_t> order(out.changes.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return out.changes[a].gain > out.changes[b].gain; });
    std::vector<DesignChange> changes;
    std::vector<DesignTrial> trials;
    for (auto k : order) {
        changes.push_back(std::move(out.changes[k]));
        trials.push_back(std::move(out.trials[k]));
    }
    out.changes = std::move(changes);
    out.trials = std::move(trials);
    return out;
}

}  // namespace reclaim
