#pragma once
// Output files are whole or untouched. Each file is written to a temporary beside its target
// (".NAME.tmp.PID.N": unique per process and file, in the same folder so the rename stays on one
// file system), flushed and checked, and renamed over the target only once complete. A set of
// files (a run's results.json, results.csv and report.html, and -o) is written in full before
// the first rename, so a failure leaves the previous set as it was; a rename is atomic, so runs
// racing into one folder each leave whole files.

#include <filesystem>
#include <string_view>
#include <vector>

namespace reclaim::cli {

//! Files replaced together. What is not committed is removed: on destruction (an exception) and
//! on SIGINT, SIGTERM or SIGHUP.
class FileSet {
public:
    FileSet() = default;
    ~FileSet();
    FileSet(const FileSet&) = delete;
    FileSet& operator=(const FileSet&) = delete;

    //! Writes `text` to a temporary beside `target`, its folder created; Error (exit 4) naming
    //! the file if it cannot be written in full.
    void add(const std::filesystem::path& target, std::string_view text);
    //! Renames every temporary over its target. A target that is a folder is an Error before
    //! any file is replaced.
    void commit();

private:
    struct Entry {
        std::filesystem::path target;
        std::filesystem::path temp;
        std::size_t slot;  //!< in the table of temporaries the signal handler removes
    };
    std::vector<Entry> entries_;
    void discard(Entry& e);
};

//! `text` written to `target` whole or not at all.
void write_file_atomically(const std::filesystem::path& target, std::string_view text);

}  // namespace reclaim::cli
