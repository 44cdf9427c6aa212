#pragma once
// The defaults of the command line, in one place: what runs when the user names nothing. They
// name things of the shipped data set; another data folder may lack them, and then the command
// says what to give instead.

#include <array>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace reclaim::cli {

//! `reclaim run` without a scenario.
inline constexpr std::string_view kDefaultScenario = "uk-2035";
//! `assess` and `compare` without --plan or --route: this plan if the data has it, else the first.
inline constexpr std::string_view kDefaultPlan = "uk-current";
//! The elements whose largest losses an assessment lists (UK Critical Minerals Strategy, 2025:
//! the rare earths of magnets and the battery metals).
inline constexpr std::array<std::string_view, 7> kCriticalElements{"Nd", "Pr", "Dy", "Tb", "Li", "Co", "Ni"};

//! The critical elements the data's element table has (model indices).
inline std::vector<std::size_t> critical_elements(const Model& model)
{
    std::vector<std::size_t> out;
    for (auto s : kCriticalElements)
        if (auto e = model.elements.find(std::string(s))) out.push_back(*e);
    return out;
}

}  // namespace reclaim::cli
