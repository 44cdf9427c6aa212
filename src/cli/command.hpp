#pragma once
// The whole command line as one call: builds the parser, runs the command and maps every failure
// to its exit code and message (docs/cli.md). main() is this call; the Python module
// (python/, docs/python.md) runs the very same call, so there is one implementation of each
// command.

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace reclaim::cli {

//! Called with every problem of an InputError before its message is printed (exit 1): lets a
//! caller other than a terminal (the Python module) keep the file, line and column of each.
using ProblemHandler = std::function<void(const std::vector<Problem>&)>;

//! Runs `argv` (argv[0] the program name, as main() gets it): prints to standard output and
//! standard error exactly as the `reclaim` binary does and returns its exit code.
int run_command(const std::vector<std::string>& argv, const ProblemHandler& on_problems = {});

}  // namespace reclaim::cli
