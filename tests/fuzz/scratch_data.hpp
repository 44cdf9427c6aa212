#pragma once
// A scratch copy of a fixture data folder for a fuzz target: made once per process on a tmpfs
// (/dev/shm when there is one), so that writing each input as a file stays cheap.

#include <filesystem>
#include <string>
#include <string_view>

namespace reclaim::fuzz {

//! tests/data/<fixture> copied into a fresh folder, removed when the process exits.
class ScratchData {
public:
    explicit ScratchData(const std::string& fixture = "tiny");
    ~ScratchData();
    ScratchData(const ScratchData&) = delete;
    ScratchData& operator=(const ScratchData&) = delete;

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
    //! Replaces the file at `rel` (relative to dir()) with `bytes`.
    void write(const std::string& rel, std::string_view bytes) const;

private:
    std::filesystem::path dir_;
};

}  // namespace reclaim::fuzz
