#pragma once
// What every subcommand shares: the global options and how output reaches the user.

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <sstream>
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
    bool merge_prices = false;    //!< --merge: --prices FILE adds to materials/prices.csv
    int exit_code = kOk;          //!< set by a subcommand that has a result to report

    [[nodiscard]] std::filesystem::path data_dir() const;
    //! The data folder's model, with --prices read instead of materials/prices.csv (with --merge:
    //! after it, its rows added to the list; a row repeating a form, element and date is an error); throws
    //! InputError with every problem.
    [[nodiscard]] Model load() const;
    //! The data folder with the --overlay folders on top.
    [[nodiscard]] DataSource source() const;
    //! --format, checked against what the command can write.
    [[nodiscard]] Format format_for(const std::string& command, const std::vector<Format>& allowed) const;
};

class FileSet;

//! What a command prints, held until close(): then written to standard output, or to the -o
//! file whole or not at all (atomic_write.hpp). A command that fails before close() writes
//! nothing, so a previous -o file stays as it was.
class Output {
public:
    explicit Output(const Globals& g);
    std::ostream& stream() { return buffer_; }
    //! With -o, adds the file to `files` (written when they are committed) instead of writing
    //! it alone on close().
    void stage(FileSet& files);
    //! Writes what the stream holds; Error (exit 4) for a write failure (full disk).
    void close();

private:
    std::ostringstream buffer_;
    std::string path_;
    bool staged_ = false;
};

// One function per subcommand file: registers the subcommand and its callback.
void add_check(CLI::App& app, Globals& g);
void add_list(CLI::App& app, Globals& g);
void add_show(CLI::App& app, Globals& g);
void add_assess(CLI::App& app, Globals& g);
void add_compare(CLI::App& app, Globals& g);
void add_value(CLI::App& app, Globals& g);
void add_run(CLI::App& app, Globals& g);
void add_improve(CLI::App& app, Globals& g);

}  // namespace reclaim::cli
