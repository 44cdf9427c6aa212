#pragma once
// A scenario: the time series and choices of scenarios/NAME/ (DESIGN.md "Scenarios"), resolved
// to model indices and converted to base units by io/load_scenario. Plain data, no I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace reclaim {

//! One listed point of a time series, with the CSV line it came from.
struct SeriesPoint {
    int year = 0;
    ParamId value;  //!< in base units (kg, functional units, fraction), in Scenario::params
    std::size_t line = 0;
};

//! A yearly series given at some years: linear between listed years, held flat outside them.
//! Its ranged points draw one quantile per sample (Param::stream), so a high trajectory is high
//! in every year.
struct Series {
    std::vector<SeriesPoint> points;  //!< sorted by year, one per year
    std::string file;                 //!< the CSV it came from, for messages and traceability

    //! Where `year` lies among the points: value = v[a] + w (v[b] - v[a]); held flat outside.
    struct Weights {
        std::size_t a = 0, b = 0;
        double w = 0.0;
    };

    [[nodiscard]] bool empty() const { return points.empty(); }
    //! The interpolation of `year` (points must not be empty).
    [[nodiscard]] Weights weights(int year) const;
    //! The value at interpolation `k` and `values`.
    [[nodiscard]] double value(const Weights& k, const ParamValues& values) const;
    //! The value in `year` at `values` (0 for an empty series).
    [[nodiscard]] double at(int year, const ParamValues& values) const;
};

//! Where on a year's age axis the survival curve is evaluated.
enum class SurvivalConvention {
    End,     //!< S(a) at whole-year ages a = 0, 1, 2... (ODYM's DynamicStockModel)
    Middle,  //!< S(a + 0.5), half a year later (flodym's default)
};

//! "end" or "middle".
const char* survival_name(SurvivalConvention s);

//! Where a scenario's demand comes from (`demand_basis` in scenario.toml).
enum class DemandBasis {
    DemandFile,   //!< the demand file alone
    PutOnMarket,  //!< the content of the products put on the market each year, plus the demand file's rows
};

//! "demand_file" or "put_on_market".
const char* demand_basis_name(DemandBasis b);

//! From `from` on, the scenario uses `plan`.
struct PlanSwitch {
    int from = 0;
    std::size_t plan = npos;
    std::size_t line = 0;  //!< scenario.toml line
};

//! A recycled-share target: recovered / demand of `element` at least `share` in `year`.
struct Target {
    std::size_t element = npos;
    double share = 0.0;  //!< [fraction]
    int year = 0;
    std::string source;
    std::size_t line = 0;  //!< scenario.toml line
};

//! Manufacturing scrap of one item (an element or a material) sent to one route.
struct ScrapFlow {
    enum class Kind { Element, Material } kind = Kind::Element;
    std::size_t item = npos;   //!< element or material index
    std::size_t route = npos;  //!< route index
    Series mass_kg;            //!< scrap mass per year [kg]
};

//! The magnet lever of the inverse question: the share of a class moved from one route to another.
struct MagnetLever {
    std::size_t treatment_class = npos;  //!< the magnet class
    std::size_t shred_route = npos;      //!< where the plan shreds magnets with the rest
    std::size_t extraction_route = npos; //!< where extracted magnets go
};

//! Second life (second_life.csv): a share of one treatment class of a product's end-of-life
//! mass goes to a second use, stays in it for its own lifetime, then reaches end of life again
//! (collection and treatment as that class).
struct SecondLife {
    std::size_t product = npos;
    std::size_t treatment_class = npos;
    Series share;       //!< by year of first end of life [fraction of the class's mass]
    Lifetime lifetime;  //!< of the second use (its product field: the product)
};

struct Scenario {
    //! The scenario's own parameters (series points, lifetime overrides), extending the model's
    //! table, which loading a scenario does not change.
    ParamTable params;
    std::string name;
    std::string description;
    std::string folder;  //!< the folder's name ("uk-2035"): names the report folder
    int first_year = 0;  //!< inclusive
    int last_year = 0;   //!< inclusive
    SurvivalConvention survival = SurvivalConvention::End;
    DemandBasis demand_basis = DemandBasis::DemandFile;
    std::size_t plan = npos;             //!< the plan of the first year
    std::vector<PlanSwitch> plan_switches;  //!< sorted by year
    std::vector<Series> put_on_market;   //!< per product [functional units per year]; empty: none
    //! Per product: the stock in use at the end of each year [functional units], for a
    //! stock-driven product (its inflow computed from it); empty: none.
    std::vector<Series> stock;
    std::vector<Series> collection;      //!< per product [fraction], the `*` default applied
    //! Per product: the share of end-of-life units exported before collection [fraction]; empty: none.
    std::vector<Series> exports;
    std::vector<SecondLife> second_life;  //!< sorted by (product, class), one per pair
    std::vector<Series> demand_kg;       //!< per element [kg per year] of the demand file; empty: none
    std::vector<ScrapFlow> scrap;
    std::vector<Lifetime> lifetimes;     //!< overrides of products/lifetimes.csv
    std::vector<Target> targets;
    std::optional<MagnetLever> magnet_lever;  //!< nullopt if the data has no such class/routes

    [[nodiscard]] int years() const { return last_year - first_year + 1; }
    //! True if the product is modelled: put on the market or given by its stock.
    [[nodiscard]] bool in_use(std::size_t product) const
    {
        return (product < put_on_market.size() && !put_on_market[product].empty()) ||
               (product < stock.size() && !stock[product].empty());
    }
    //! The plan in force in `year`.
    [[nodiscard]] std::size_t plan_in(int year) const;
    //! The lifetime of a product: the scenario's override, else the model's, else nullptr.
    [[nodiscard]] const Lifetime* lifetime_of(const Model& model, std::size_t product) const;
};

}  // namespace reclaim
