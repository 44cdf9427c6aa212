#pragma once
// Chemical elements: symbol, name and standard atomic weight [g/mol].

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace reclaim {

struct Element {
    std::string symbol;
    std::string name;
    double atomic_weight = 0.0;  //!< standard atomic weight [g/mol]
};

//! The elements of a model, indexed 0..n-1 in file order.
class ElementTable {
public:
    //! Adds an element; returns false if the symbol is already there.
    bool add(Element e);
    [[nodiscard]] std::optional<std::size_t> find(std::string_view symbol) const;
    [[nodiscard]] const Element& operator[](std::size_t i) const { return elements_[i]; }
    [[nodiscard]] std::size_t size() const { return elements_.size(); }
    [[nodiscard]] const std::vector<Element>& all() const { return elements_; }

private:
    std::vector<Element> elements_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace reclaim
