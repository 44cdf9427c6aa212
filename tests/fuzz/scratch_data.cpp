#include "scratch_data.hpp"

#include <fstream>
#include <system_error>
#include <unistd.h>

namespace reclaim::fuzz {

namespace fs = std::filesystem;

namespace {

fs::path scratch_root()
{
    std::error_code ec;
    if (fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0) return "/dev/shm";
    return fs::temp_directory_path();
}

}  // namespace

ScratchData::ScratchData(const std::string& fixture)
{
    dir_ = scratch_root() / ("reclaim-fuzz-" + std::to_string(getpid()));
    std::error_code ec;
    fs::remove_all(dir_, ec);
    fs::create_directories(dir_);
    fs::copy(fs::path(RECLAIM_TEST_DATA_DIR) / fixture, dir_, fs::copy_options::recursive);
}

ScratchData::~ScratchData()
{
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

void ScratchData::write(const std::string& rel, std::string_view bytes) const
{
    std::ofstream out(dir_ / rel, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace reclaim::fuzz
