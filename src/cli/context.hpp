#pragma once
// What every subcommand shares: the global options and how output reaches the user.

#include <filesystem>
#include <fstream>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "io/data_source.hpp"
#include "model/model.hpp"
#include "report/format.hpp"

namespace reclaim::cli {

//! Exit codes, stable for scripts (docs/cli.md).
enum Exit : int { kOk = 0, kProblems = 1, kUsage = 2, kBalance = 3, kFailure = 4 };

struct Globals {
    std::string data;             //!< --data DIR; empty: default_data_dir()
    std::vector<std::string> overlays;  //!< --overlay DIR, repeatable: applied on top of the data, in order
    std::string format = "table";  //!< --format
    std::string output;           //!< -o FILE; empty: standard output
    bool quiet = false;           //!< -q
    std::string prices;           //!< --prices FILE: replaces materials/prices.csv
    int exit_code = kOk;          //!< set by a subcommand that has a result to report

    [[nodiscard]] std::filesystem::path data_dir() const;
    //! The data folder's model, with --prices read instead of materials/prices.csv; throws
    //! InputError with every problem.
    [[nodiscard]] Model load() const;
    //! The data folder with the --overlay folders on top.
    [[nodiscard]] DataSource source() const;
    //! --format, checked against what the command can write.
    [[nodiscard]] Format format_for(const std::string& command, const std::vector<Format>& allowed) const;
};

//! Standard output, or the -o file (its folder created), closed and checked on destruction.
class Output {
public:
    explicit Output(const Globals& g);
    std::ostream& stream() { return file_ ? *file_ : *out_; }
    //! Flushes and reports a write failure (full disk) as an exception.
    void close();

private:
    std::ostream* out_;
    std::unique_ptr<std::ofstream> file_;
    std::string path_;
};

//! A mass with an optional unit, "1t", "500 kg", "2.5e3" (kg) -> kg; ValidationError naming
//! `option` if it is not a positive mass.
double parse_mass_kg(const std::string& text, const std::string& option);

// One function per subcommand file: registers the subcommand and its callback.
void add_check(CLI::App& app, Globals& g);
void add_list(CLI::App& app, Globals& g);
void add_show(CLI::App& app, Globals& g);
void add_assess(CLI::App& app, Globals& g);
void add_compare(CLI::App& app, Globals& g);
void add_value(CLI::App& app, Globals& g);
void add_run(CLI::App& app, Globals& g);

}  // namespace reclaim::cli
