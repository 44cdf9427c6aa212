#pragma once
// Parameters: every number the engine uses is a Param with a nominal value, an optional
// distribution for Monte Carlo, and the origin (file, line, column, source) it came from.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reclaim {

//! Distribution of a ranged parameter (DESIGN.md: value with optional low, high, dist).
enum class Dist { Fixed, Triangular, Uniform, Normal, Lognormal, Pert };

std::string_view dist_name(Dist d);
//! "" (with low/high: triangular), "triangular", "uniform", "normal", "lognormal", "pert".
std::optional<Dist> parse_dist(std::string_view text);

//! What values are physically allowed, for validation and for clipping samples.
enum class Bound { Free, NonNegative, Fraction };

//! Where a parameter was read: traceability for reports and the assumptions table.
struct Origin {
    std::string file;
    std::size_t line = 0;
    std::string column;
    std::string source;
};

//! One number with its uncertainty, in base units (kg, J, W, unit, fraction).
struct Param {
    double value = 0.0;  //!< nominal
    double low = 0.0;    //!< == value when fixed
    double high = 0.0;   //!< == value when fixed
    Dist dist = Dist::Fixed;
    Bound bound = Bound::Free;
    std::uint32_t origin = 0;  //!< index into ParamTable::origins()

    [[nodiscard]] bool ranged() const { return dist != Dist::Fixed; }
};

//! Index of a Param in the model's ParamTable.
struct ParamId {
    std::uint32_t index = UINT32_MAX;
    [[nodiscard]] bool valid() const { return index != UINT32_MAX; }
    friend bool operator==(ParamId, ParamId) = default;
};

//! One value per parameter, indexed by ParamId: the nominal set or one Monte Carlo sample.
using ParamValues = std::vector<double>;

//! Every parameter of a model, so that a sample is just another ParamValues vector.
class ParamTable {
public:
    ParamId add(Param p, Origin origin);
    [[nodiscard]] const Param& operator[](ParamId id) const { return params_[id.index]; }
    [[nodiscard]] const Origin& origin(ParamId id) const { return origins_[params_[id.index].origin]; }
    [[nodiscard]] std::size_t size() const { return params_.size(); }
    [[nodiscard]] const std::vector<Param>& params() const { return params_; }
    //! The nominal value of every parameter.
    [[nodiscard]] ParamValues nominal() const;

private:
    std::vector<Param> params_;
    std::vector<Origin> origins_;
};

}  // namespace reclaim
