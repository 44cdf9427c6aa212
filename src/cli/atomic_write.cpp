#include "cli/atomic_write.hpp"

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>

#include <unistd.h>

#include "core/error.hpp"

namespace reclaim::cli {

namespace {

// The temporaries not yet renamed, for the signal handler: fixed slots of heap strings, so that
// the handler only reads pointers and calls unlink(), both safe in a handler.
constexpr std::size_t kSlots = 64;
std::array<std::atomic<char*>, kSlots> g_temps{};
std::mutex g_slots_mutex;

extern "C" void remove_temporaries_and_reraise(int sig)
{
    for (auto& slot : g_temps)
        if (char* p = slot.load()) ::unlink(p);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_handlers()
{
    static std::once_flag once;
    std::call_once(once, [] {
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
            struct sigaction old{};
            // A signal the caller ignores stays ignored.
            if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
            struct sigaction sa{};
            sa.sa_handler = remove_temporaries_and_reraise;
            sigemptyset(&sa.sa_mask);
            sigaction(sig, &sa, nullptr);
        }
    });
}

std::size_t remember(const std::filesystem::path& temp)
{
    install_handlers();
    std::lock_guard lock(g_slots_mutex);
    for (std::size_t k = 0; k < kSlots; ++k) {
        if (g_temps[k].load() == nullptr) {
            g_temps[k].store(strdup(temp.c_str()));
            return k;
        }
    }
    return kSlots;  // more files at once than slots: still removed on failure, not on a signal
}

void forget(std::size_t slot)
{
    if (slot >= kSlots) return;
    std::lock_guard lock(g_slots_mutex);
    char* p = g_temps[slot].exchange(nullptr);
    std::free(p);
}

std::filesystem::path temporary_for(const std::filesystem::path& target)
{
    static std::atomic<unsigned> counter{0};
    std::string name = ".";
    name += target.filename().string();
    name += ".tmp.";
    name += std::to_string(::getpid());
    name += '.';
    name += std::to_string(counter++);
    return target.parent_path() / name;
}

}  // namespace

FileSet::~FileSet()
{
    for (auto& e : entries_) discard(e);
}

void FileSet::discard(Entry& e)
{
    if (e.temp.empty()) return;
    std::error_code ec;
    std::filesystem::remove(e.temp, ec);
    forget(e.slot);
    e.temp.clear();
}

void FileSet::add(const std::filesystem::path& target, std::string_view text)
{
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
    Entry e{target, temporary_for(target), kSlots};
    e.slot = remember(e.temp);
    entries_.push_back(e);
    std::ofstream f(e.temp, std::ios::binary | std::ios::trunc);
    if (!f) {
        discard(entries_.back());
        throw Error("cannot write " + target.string() + " (creating " + e.temp.filename().string() + " failed: " +
                    std::strerror(errno) + ")");
    }
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    f.flush();
    f.close();
    if (!f) {
        discard(entries_.back());
        throw Error("writing " + target.string() + " failed (" + std::strerror(errno) + "); it is unchanged");
    }
}

void FileSet::commit()
{
    for (const auto& e : entries_)
        if (std::filesystem::is_directory(e.target))
            throw Error("cannot write " + e.target.string() + ": it is a folder; no file was replaced");
    for (auto& e : entries_) {
        std::error_code ec;
        std::filesystem::rename(e.temp, e.target, ec);
        if (ec) throw Error("cannot replace " + e.target.string() + ": " + ec.message());
        forget(e.slot);
        e.temp.clear();
    }
    entries_.clear();
}

void write_file_atomically(const std::filesystem::path& target, std::string_view text)
{
    FileSet one;
    one.add(target, text);
    one.commit();
}

}  // namespace reclaim::cli
