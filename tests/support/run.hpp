#pragma once
// Runs the reclaim binary as a user would and captures its output and exit code.

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace reclaim::test {

struct RunResult {
    int exit_code = -1;
    std::string out;  //!< standard output and standard error, interleaved
};

//! Runs `reclaim <args>` (args are passed through the shell as written).
inline RunResult run_reclaim(const std::string& args, bool with_stderr = true)
{
    std::string cmd = std::string(RECLAIM_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
    RunResult r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace reclaim::test
