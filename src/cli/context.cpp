#include "cli/context.hpp"

#include <iostream>

#include "cli/atomic_write.hpp"
#include "io/load.hpp"

namespace reclaim::cli {

std::filesystem::path Globals::data_dir() const
{
    return data.empty() ? default_data_dir() : std::filesystem::path(data);
}

Model Globals::load() const
{
    // Built once: --prices is read in place of materials/prices.csv, named as given; with
    // --merge, on top of it (the latest date wins, as within one list).
    if (!merge_prices) return load_model(source(), prices);
    Diagnostics diag;
    Model model = load_model(source(), diag);
    load_price_list(prices, prices, model, diag);
    diag.throw_if_any();
    return model;
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

Output::Output(const Globals& g) : path_(g.output == "-" ? std::string() : g.output) {}

void Output::stage(FileSet& files)
{
    if (path_.empty()) return;
    files.add(path_, buffer_.view());
    staged_ = true;
}

void Output::close()
{
    if (staged_) return;
    if (!path_.empty()) {
        write_file_atomically(path_, buffer_.view());
        return;
    }
    std::cout << buffer_.view();
    std::cout.flush();
    if (!std::cout) throw Error("writing standard output failed");
}

}  // namespace reclaim::cli
