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
    double to_base = 1.0;  //!< factor from the file's unit to the base unit the Param holds
};

//! One number with its uncertainty, in base units (kg, J, W, unit, fraction).
struct Param {
    double value = 0.0;  //!< nominal
    double low = 0.0;    //!< == value when fixed
    double high = 0.0;   //!< == value when fixed
    Dist dist = Dist::Fixed;
    Bound bound = Bound::Free;
    std::uint32_t origin = 0;  //!< index into ParamTable::origins()
    //! The random stream it draws its quantile from: 0 for its own; parameters with the same
    //! non-zero key (the points of one series, the rows of one `group`) share one quantile.
    std::uint64_t stream = 0;

    [[nodiscard]] bool ranged() const { return dist != Dist::Fixed; }
};

//! The stream key of the rows of `group` label (a hash with the top bit set: never an index).
std::uint64_t group_stream(std::string_view label);
//! The stream key of a series whose first ranged point is `first` (the second bit set).
std::uint64_t series_stream(std::uint32_t first);

//! Index of a Param in the model's ParamTable.
struct ParamId {
    std::uint32_t index = UINT32_MAX;
    [[nodiscard]] bool valid() const { return index != UINT32_MAX; }
    friend bool operator==(ParamId, ParamId) = default;
};

//! One value per parameter, indexed by ParamId: the nominal set or one Monte Carlo sample.
using ParamValues = std::vector<double>;

//! Every parameter of a model, so that a sample is just another ParamValues vector. A table
//! may extend another (a scenario's parameters extend the model's, which stays unchanged): ids
//! below the base's size are the base's.
class ParamTable {
public:
    ParamTable() = default;
    //! An empty table whose ids continue those of `base`; `base` must outlive it.
    static ParamTable extending(const ParamTable& base);

    ParamId add(Param p, Origin origin);
    [[nodiscard]] const Param& operator[](ParamId id) const
    {
        return id.index < offset_ ? (*base_)[id] : params_[id.index - offset_];
    }
    [[nodiscard]] const Origin& origin(ParamId id) const
    {
        return id.index < offset_ ? base_->origin(id) : origins_[params_[id.index - offset_].origin];
    }
    //! Ties a parameter of this table (not of its base) to a shared stream.
    void set_stream(ParamId id, std::uint64_t key);
    //! The key of the uniform `id` draws: its shared stream, else its own index.
    [[nodiscard]] std::uint64_t stream_key(ParamId id) const;
    //! Ids 0..size()-1, the base's included.
    [[nodiscard]] std::size_t size() const { return offset_ + params_.size(); }
    //! The nominal value of every parameter.
    [[nodiscard]] ParamValues nominal() const;
    //! The parameter whose origin is "file:line:column", if any.
    [[nodiscard]] std::optional<ParamId> find(const std::string& file, std::size_t line, const std::string& column) const;

private:
    const ParamTable* base_ = nullptr;
    std::uint32_t offset_ = 0;
    std::vector<Param> params_;
    std::vector<Origin> origins_;
};

//! Parameter values given by the user, one row per sample (`--samples-in`).
struct GivenSamples {
    std::string file;                       //!< for messages
    std::vector<ParamId> columns;           //!< the parameter of each column
    std::vector<std::vector<double>> rows;  //!< rows x columns, in base units
};

}  // namespace reclaim
