#pragma once
// The model: plain data with ids resolved to indices, built once by io/ and never changed.
// Every number is a ParamId into `params`, so a Monte Carlo sample is a ParamValues vector.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/elements.hpp"
#include "core/param.hpp"
#include "core/units.hpp"

namespace reclaim {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

//! One row of a material's composition: an element or another material, a mass fraction.
struct Component {
    enum class Kind { Element, Material } kind = Kind::Element;
    std::size_t index = npos;  //!< element or material index
    ParamId fraction;          //!< mass fraction [fraction]; invalid for the balance row
    bool balance = false;      //!< fills the material to 100%
};

struct Material {
    std::string id;
    std::string name;
    std::string formula;  //!< empty: composition.csv gives the composition
    std::vector<std::pair<std::size_t, double>> formula_fractions;  //!< (element, mass fraction)
    std::vector<Component> components;                              //!< from composition.csv
    std::string source;
    std::size_t line = 0;
    std::string treatment_class;  //!< the class it is treated as when fed to a route; empty: none
};

//! One line of a bill of materials, per functional unit of its product.
struct BomLine {
    std::string part;
    std::size_t treatment_class = npos;  //!< npos: a sub-assembly whose own lines' classes apply
    enum class Kind { Material, Product } kind = Kind::Material;
    std::size_t item = npos;
    ParamId quantity;  //!< material: [kg per FU]; sub-assembly: [its FU per FU]
    std::size_t line = 0;
    //! The cohort (year built) the row is for: rows of one part at several cohorts are
    //! interpolated (engine/evaluate/contents.hpp, cohort_weights); nullopt: every cohort.
    std::optional<int> cohort;
};

struct Product {
    std::string id;
    std::string name;
    std::string category;
    const UnitDef* unit = nullptr;  //!< functional unit: unit, kWh, MW, kg...
    std::vector<BomLine> bom;
    std::string source;
    std::size_t line = 0;
};

enum class LifetimeModel { Fixed, Normal, FoldedNormal, LogNormal, Weibull };

//! Product lifetime distribution [years].
struct Lifetime {
    std::size_t product = npos;
    LifetimeModel model = LifetimeModel::Fixed;
    ParamId mean, sd, shape, scale;  //!< as the model needs them
    std::string source;
    std::size_t line = 0;
};

//! Where a transfer goes: another process of the route or one of the route's sinks.
struct Destination {
    enum class Kind { Process, Sink } kind = Kind::Process;
    std::size_t index = npos;
};

struct Transfer {
    Destination to;
    ParamId share;  //!< [fraction] of the element entering the process
    std::size_t line = 0;
};

struct Process {
    std::string name;
    std::size_t line = 0;  //!< first row in routes/transfers.csv
    std::string file = "routes/transfers.csv";  //!< the file of that row: the data's, or an overlay's
    std::vector<Transfer> fallback;  //!< the '*' rows: every element without its own rows
    std::unordered_map<std::size_t, std::vector<Transfer>> by_element;  //!< element index ->
    //! The transfers that apply to `element`.
    [[nodiscard]] const std::vector<Transfer>& transfers(std::size_t element) const
    {
        auto it = by_element.find(element);
        return it == by_element.end() ? fallback : it->second;
    }
};

//! Where a route's flow ends: a recovered form or a named loss, parsed once from
//! "recovered:<form>" / "loss:<reason>" at load.
struct Sink {
    enum class Kind { Recovered, Loss } kind = Kind::Loss;
    std::string name;  //!< the form ("li2co3") or the reason ("slag")

    [[nodiscard]] bool recovered() const { return kind == Kind::Recovered; }
    //! "recovered:li2co3" or "loss:slag", as the data file writes it.
    [[nodiscard]] std::string label() const { return (recovered() ? "recovered:" : "loss:") + name; }
    friend bool operator==(const Sink&, const Sink&) = default;
};

struct Route {
    std::string id;
    std::string name;
    std::size_t entry = npos;  //!< process index
    int trl = 0;               //!< technology readiness level 1-9
    std::vector<Process> processes;
    std::vector<Sink> sinks;
    //! The treatment classes the route is built for; empty: any class (`*` in routes.csv).
    std::vector<std::string> accepts;
    std::string source;
    std::size_t line = 0;
    std::string file = "routes/routes.csv";  //!< the file of its row: the data's, or an overlay's
    [[nodiscard]] std::optional<std::size_t> find_process(const std::string& name) const;
    //! Whether the route takes feed of treatment class `cls`.
    [[nodiscard]] bool accepts_class(const std::string& cls) const;
    //! Whether the route takes `material` as feed: any route taking any class does; otherwise the
    //! material needs a class (materials.csv) the route accepts.
    [[nodiscard]] bool accepts_material(const Material& material) const;
    //! "routes/routes.csv line 7" (or the overlay's file), for messages that point at the route
    //! from another file.
    [[nodiscard]] std::string row_text() const { return file + " line " + std::to_string(line); }
    //! "magnet" or "battery, black_mass" or "any class", for messages.
    [[nodiscard]] std::string accepts_text() const;
};

struct PlanShare {
    std::size_t product = npos;  //!< npos: every product's class; else this product's only
    std::size_t treatment_class = npos;
    std::size_t route = npos;
    ParamId share;  //!< [fraction] of the class sent to the route
    std::size_t line = 0;
};

struct Plan {
    std::string id;
    std::vector<PlanShare> shares;
};

struct Price {
    std::string commodity;
    std::size_t element = npos;
    std::string form;  //!< a material id or a chemical formula
    ParamId usd_per_kg;
    std::string date;
    std::string source;
    std::size_t line = 0;
    ParamId payable;  //!< [fraction] of the price a buyer pays for the form; invalid: all of it
    std::string payable_source;
    std::string file;  //!< the price list it was read from ("materials/prices.csv" or --prices)
};

//! The cost items a route's cost is made of (routes/costs.csv `item`), in the order shown.
inline constexpr std::array<std::string_view, 10> kCostItems{
    "processing", "reagents", "energy", "labour", "capital", "transport", "disposal",
    "treatment_charge", "refining_charge", "other"};

//! One cost item of a route per mass of feed, from routes/costs.csv (optional file); a route's
//! cost is the sum of its items.
struct RouteCost {
    std::size_t route = npos;
    std::string item;    //!< one of kCostItems
    ParamId usd_per_kg;  //!< [USD per kg of feed]
    std::string date;
    std::string source;
    std::size_t line = 0;
};

//! Id -> index lookup for one kind of thing.
class Index {
public:
    bool add(const std::string& id, std::size_t i) { return map_.emplace(id, i).second; }
    [[nodiscard]] std::optional<std::size_t> find(const std::string& id) const
    {
        auto it = map_.find(id);
        if (it == map_.end()) return std::nullopt;
        return it->second;
    }

private:
    std::unordered_map<std::string, std::size_t> map_;
};

struct Model {
    ElementTable elements;
    ParamTable params;
    std::vector<Material> materials;
    std::vector<Product> products;
    std::vector<std::string> classes;  //!< treatment classes, in order of first use
    std::vector<Lifetime> lifetimes;
    std::vector<Route> routes;
    std::vector<Plan> plans;
    std::vector<Price> prices;
    std::vector<RouteCost> route_costs;  //!< at most one per route and item
    Index material_index, product_index, class_index, route_index, plan_index;
    std::vector<std::string> overlays;  //!< overlay folders applied on top of the data folder, in order

    [[nodiscard]] std::optional<std::size_t> find_material(const std::string& id) const { return material_index.find(id); }
    [[nodiscard]] std::optional<std::size_t> find_product(const std::string& id) const { return product_index.find(id); }
    [[nodiscard]] std::optional<std::size_t> find_class(const std::string& id) const { return class_index.find(id); }
    [[nodiscard]] std::optional<std::size_t> find_route(const std::string& id) const { return route_index.find(id); }
    [[nodiscard]] std::optional<std::size_t> find_plan(const std::string& id) const { return plan_index.find(id); }
    //! The lifetime row of a product, if any.
    [[nodiscard]] const Lifetime* lifetime_of(std::size_t product) const;
    //! Per product, its row in `lifetimes` (npos: none); filled by index_lifetimes() at load.
    std::vector<std::size_t> lifetime_index;
    //! Builds lifetime_index (used while loading).
    void index_lifetimes();
    //! The class index for `name`, added if new (used while loading).
    std::size_t intern_class(const std::string& name);
    //! The identity of a form name, a material id or a chemical formula: the same key, the same
    //! substance ("li2co3" and "Li2CO3" match; "NiSO4.6H2O" is not "NiSO4·6H2O"). A name that is
    //! neither keys as itself. Matches recovered forms with price rows.
    [[nodiscard]] std::string form_key(const std::string& name) const;
};

//! Why `route` does not take class `cls`: "class 'battery' is sent to 'magnet_hpms', which
//! accepts only magnet".
[[nodiscard]] std::string refused_class(const Model& model, std::size_t route, const std::string& cls);
//! Whether `route` takes a BoM line as feed: by the line's class, or, for a material line, by its
//! material's class (a route that takes any class takes it).
[[nodiscard]] bool route_takes(const Model& model, const Route& route, const BomLine& line);
//! Why `route` does not take `material` as feed, in the same words.
[[nodiscard]] std::string refused_feed(const Model& model, std::size_t route, const Material& material);

}  // namespace reclaim
