#include "model/model.hpp"

namespace reclaim {

std::optional<std::size_t> Route::find_process(const std::string& name) const
{
    for (std::size_t i = 0; i < processes.size(); ++i)
        if (processes[i].name == name) return i;
    return std::nullopt;
}

const Lifetime* Model::lifetime_of(std::size_t product) const
{
    for (const auto& l : lifetimes)
        if (l.product == product) return &l;
    return nullptr;
}

std::size_t Model::intern_class(const std::string& name)
{
    if (auto i = class_index.find(name)) return *i;
    classes.push_back(name);
    class_index.add(name, classes.size() - 1);
    return classes.size() - 1;
}

}  // namespace reclaim
