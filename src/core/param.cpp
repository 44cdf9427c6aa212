#include "core/param.hpp"

namespace reclaim {

std::string_view dist_name(Dist d)
{
    switch (d) {
    case Dist::Fixed: return "fixed";
    case Dist::Triangular: return "triangular";
    case Dist::Uniform: return "uniform";
    case Dist::Normal: return "normal";
    case Dist::Lognormal: return "lognormal";
    case Dist::Pert: return "pert";
    }
    return "?";
}

std::optional<Dist> parse_dist(std::string_view text)
{
    if (text.empty() || text == "triangular") return Dist::Triangular;
    if (text == "uniform") return Dist::Uniform;
    if (text == "normal") return Dist::Normal;
    if (text == "lognormal") return Dist::Lognormal;
    if (text == "pert") return Dist::Pert;
    return std::nullopt;
}

std::uint64_t group_stream(std::string_view label)
{
    // FNV-1a (Fowler, Noll, Vo): a stable hash, so a group draws the same quantiles on every run.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : label) h = (h ^ c) * 0x100000001b3ULL;
    return (h >> 2) | (1ULL << 63);
}

std::uint64_t series_stream(std::uint32_t first) { return (1ULL << 62) | first; }

ParamTable ParamTable::extending(const ParamTable& base)
{
    ParamTable t;
    t.base_ = &base;
    t.offset_ = static_cast<std::uint32_t>(base.size());
    return t;
}

ParamId ParamTable::add(Param p, Origin origin)
{
    p.origin = static_cast<std::uint32_t>(origins_.size());
    origins_.push_back(std::move(origin));
    params_.push_back(p);
    return ParamId{static_cast<std::uint32_t>(offset_ + params_.size() - 1)};
}

void ParamTable::set_stream(ParamId id, std::uint64_t key) { params_.at(id.index - offset_).stream = key; }

std::uint64_t ParamTable::stream_key(ParamId id) const
{
    const std::uint64_t key = (*this)[id].stream;
    return key ? key : id.index;
}

ParamValues ParamTable::nominal() const
{
    ParamValues v = base_ ? base_->nominal() : ParamValues{};
    v.reserve(size());
    for (const auto& p : params_) v.push_back(p.value);
    return v;
}

std::optional<ParamId> ParamTable::find(const std::string& file, std::size_t line, const std::string& column) const
{
    for (std::uint32_t i = 0; i < size(); ++i) {
        const Origin& o = origin(ParamId{i});
        if (o.line == line && o.column == column && o.file == file) return ParamId{i};
    }
    return std::nullopt;
}

}  // namespace reclaim
