#pragma once
// A scratch copy of a fixture data folder that a test can edit, removed afterwards.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/error.hpp"

namespace reclaim::test {

class TempData {
public:
    //! Copies tests/data/<fixture> into a fresh temporary folder.
    explicit TempData(const std::string& fixture = "tiny")
    {
        namespace fs = std::filesystem;
        std::random_device rd;
        dir_ = fs::temp_directory_path() / ("reclaim-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        fs::create_directories(dir_);
        fs::copy(fs::path(RECLAIM_TEST_DATA_DIR) / fixture, dir_, fs::copy_options::recursive);
    }
    ~TempData()
    {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempData(const TempData&) = delete;
    TempData& operator=(const TempData&) = delete;

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
    [[nodiscard]] std::string read(const std::string& rel) const
    {
        std::ifstream in(dir_ / rel, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    void write(const std::string& rel, const std::string& text) const
    {
        std::ofstream out(dir_ / rel, std::ios::binary | std::ios::trunc);
        out << text;
    }
    void append(const std::string& rel, const std::string& text) const { write(rel, read(rel) + text); }
    //! Replaces the first occurrence of `from` in a file; returns false if absent.
    bool replace(const std::string& rel, const std::string& from, const std::string& to) const
    {
        std::string s = read(rel);
        auto pos = s.find(from);
        if (pos == std::string::npos) return false;
        s.replace(pos, from.size(), to);
        write(rel, s);
        return true;
    }
    void remove(const std::string& rel) const { std::filesystem::remove(dir_ / rel); }

private:
    std::filesystem::path dir_;
};

//! True if some problem is in `file` at `line` and its message (with text) contains `needle`.
inline bool has_problem(const Diagnostics& diag, const std::string& file, std::size_t line, const std::string& needle)
{
    for (const auto& p : diag.problems())
        if (p.where.file == file && p.where.line == line && p.str().find(needle) != std::string::npos) return true;
    return false;
}

//! All problems, one per line, for failure messages.
inline std::string all_problems(const Diagnostics& diag)
{
    std::string s;
    for (const auto& p : diag.problems()) s += p.str() + "\n";
    return s;
}

}  // namespace reclaim::test
