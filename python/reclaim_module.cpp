// reclaim._reclaim: the command line (cli/command.hpp) callable from Python. Each call runs
// run_command() -- the code the `reclaim` binary runs -- in a forked child of the Python process
// and hands back its exit code, standard output, standard error and, for a data error, every
// problem with its file, line and column. The child keeps what a command sets for the whole
// process (the parsed options, signal handlers that remove half-written files, standard output)
// away from the interpreter, so calls do not leak into each other.

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "cli/command.hpp"

namespace py = pybind11;

namespace {

//! An anonymous file the child writes and the parent reads once the child has ended.
class Capture {
public:
    explicit Capture(const char* name) : fd_(memfd_create(name, MFD_CLOEXEC))
    {
        if (fd_ < 0) throw std::runtime_error(std::string("reclaim: cannot create a buffer for ") + name);
    }
    ~Capture() { close(fd_); }
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;
    [[nodiscard]] int fd() const { return fd_; }

    [[nodiscard]] std::string text() const
    {
        std::string out;
        char buf[1 << 16];
        off_t at = 0;
        for (;;) {
            ssize_t n = pread(fd_, buf, sizeof buf, at);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            out.append(buf, static_cast<std::size_t>(n));
            at += n;
        }
        return out;
    }

private:
    int fd_;
};

void write_all(int fd, const std::string& text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

//! In the child: the command with its output in the captures; never returns.
[[noreturn]] void run_child(const std::vector<std::string>& argv, const Capture& out, const Capture& err,
                            const Capture& problems)
{
    int code = 4;
    // The signals as the binary starts with them, not as Python set them (its SIGINT handler only
    // sets a flag for the interpreter, and it ignores SIGPIPE).
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) std::signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    if (dup2(out.fd(), STDOUT_FILENO) >= 0 && dup2(err.fd(), STDERR_FILENO) >= 0) {
        try {
            code = reclaim::cli::run_command(argv, [&](const std::vector<reclaim::Problem>& list) {
                nlohmann::json j = nlohmann::json::array();
                for (const auto& p : list)
                    j.push_back({{"file", p.where.file},
                                 {"line", p.where.line},
                                 {"column", p.where.column},
                                 {"text", p.text},
                                 {"message", p.message}});
                write_all(problems.fd(), j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
            });
        } catch (...) {
            code = 4;
        }
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
    }
    _exit(code);
}

//! (exit code, stdout, stderr, problems JSON or "") of `reclaim ARGS...`.
py::tuple call(const std::vector<std::string>& args)
{
    std::vector<std::string> argv{"reclaim"};
    argv.insert(argv.end(), args.begin(), args.end());
    Capture out("reclaim-stdout"), err("reclaim-stderr"), problems("reclaim-problems");
    int status = 0;
    bool interrupted = false;
    {
        py::gil_scoped_release unlocked;
        std::fflush(nullptr);  // nothing of the parent's buffers is written twice by the child
        pid_t pid = fork();
        if (pid < 0) throw std::runtime_error("reclaim: cannot start the command (fork failed)");
        if (pid == 0) run_child(argv, out, err, problems);
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) throw std::runtime_error("reclaim: lost the command (waitpid failed)");
            // A signal for Python (Ctrl-C, a notebook's interrupt, which reaches this process
            // only): the command is stopped the way the binary is, its temporaries removed.
            py::gil_scoped_acquire locked;
            if (PyErr_CheckSignals() != 0) {
                interrupted = true;
                kill(pid, SIGINT);
            }
        }
    }
    if (interrupted) throw py::error_already_set();
    int code;
    if (WIFEXITED(status)) code = WEXITSTATUS(status);
    else code = -(WIFSIGNALED(status) ? WTERMSIG(status) : 0);  // stopped by a signal
    return py::make_tuple(code, py::bytes(out.text()), py::bytes(err.text()), py::bytes(problems.text()));
}

}  // namespace

PYBIND11_MODULE(_reclaim, m)
{
    m.doc() = "The reclaim command line, in process: call(args) -> (exit code, stdout, stderr, problems JSON)";
    m.def("call", &call, py::arg("args"),
          "Runs `reclaim ARGS...` exactly as the binary does; returns (exit code, stdout bytes, stderr bytes, "
          "problems bytes: a JSON list of {file, line, column, text, message} for a data error, else empty). "
          "A negative exit code is the signal that stopped the command.");
    m.attr("version") = RECLAIM_VERSION;
}
