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

ParamId ParamTable::add(Param p, Origin origin)
{
    p.origin = static_cast<std::uint32_t>(origins_.size());
    origins_.push_back(std::move(origin));
    params_.push_back(p);
    return ParamId{static_cast<std::uint32_t>(params_.size() - 1)};
}

ParamValues ParamTable::nominal() const
{
    ParamValues v(params_.size());
    for (std::size_t i = 0; i < params_.size(); ++i) v[i] = params_[i].value;
    return v;
}

}  // namespace reclaim
