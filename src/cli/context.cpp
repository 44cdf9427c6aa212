#include "cli/context.hpp"

#include <iostream>

#include "io/csv.hpp"
#include "io/load.hpp"

namespace reclaim::cli {

std::filesystem::path Globals::data_dir() const
{
    return data.empty() ? default_data_dir() : std::filesystem::path(data);
}

Model Globals::load() const
{
    // Built once: --prices is read in place of materials/prices.csv, named as given.
    return load_model(source(), prices);
}

DataSource Globals::source() const
{
    return DataSource(data_dir(), std::vector<std::filesystem::path>(overlays.begin(), overlays.end()));
}

Format Globals::format_for(const std::string& command, const std::vector<Format>& allowed) const
{
    auto f = parse_format(format);
    if (f) {
        for (auto a : allowed)
            if (a == *f) return *f;
    }
    std::string names;
    for (auto a : allowed) names += (names.empty() ? "" : ", ") + std::string(format_name(a));
    throw CLI::ValidationError("--format", "'" + format + "' is not available for " + command + " (use " + names + ")");
}

double parse_mass_kg(const std::string& text, const std::string& option)
{
    std::size_t split = 0;
    // An exponent's 'e' is taken as part of the number: no mass unit starts with e.
    while (split < text.size() && (std::isdigit(static_cast<unsigned char>(text[split])) || text[split] == '.' ||
                                   text[split] == 'e' || text[split] == 'E' || text[split] == '-' || text[split] == '+'))
        ++split;
    std::string unit = text.substr(split);
    while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
    auto v = parse_number(text.substr(0, split));
    const UnitDef* u = find_unit(unit.empty() ? "kg" : unit);
    if (!v || *v <= 0 || !u || u->dim != Dimension::Mass)
        throw CLI::ValidationError(option, "'" + text + "' is not a positive mass (e.g. 1t, 500kg; units: " +
                                               unit_list(Dimension::Mass) + ")");
    return *v * u->to_base;
}

Output::Output(const Globals& g) : out_(&std::cout), path_(g.output)
{
    if (path_.empty() || path_ == "-") return;
    std::filesystem::path p(path_);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    file_ = std::make_unique<std::ofstream>(p, std::ios::binary);
    if (!*file_) throw Error("cannot write " + path_);
}

void Output::close()
{
    stream().flush();
    if (!stream()) throw Error("writing " + (path_.empty() ? std::string("standard output") : path_) + " failed");
    if (file_) file_->close();
}

}  // namespace reclaim::cli
