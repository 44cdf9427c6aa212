#include "core/elements.hpp"

namespace reclaim {

bool ElementTable::add(Element e)
{
    if (index_.count(e.symbol)) return false;
    index_.emplace(e.symbol, elements_.size());
    elements_.push_back(std::move(e));
    return true;
}

std::optional<std::size_t> ElementTable::find(std::string_view symbol) const
{
    auto it = index_.find(std::string(symbol));
    if (it == index_.end()) return std::nullopt;
    return it->second;
}

}  // namespace reclaim
