#pragma once
// The library's exception hierarchy. The library never prints or exits; the CLI catches
// these once and maps them to exit codes.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace reclaim {

//! Base of every error the library throws.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! Where in an input file a problem is: file, 1-based line (0 = whole file), column name.
struct Location {
    std::string file;
    std::size_t line = 0;
    std::string column;
};

//! One problem found in the input: location, the offending text and what was expected.
struct Problem {
    Location where;
    std::string text;     //!< the bad cell or excerpt, may be empty
    std::string message;  //!< what is wrong and what was expected

    //! "file:line: column 'c': 'text' <message>"; a text over 80 bytes is cut (at a character
    //! boundary) and says how many bytes it left out.
    [[nodiscard]] std::string str() const;
};

//! Bad input data: one or more problems, each with file, line and column.
class InputError : public Error {
public:
    explicit InputError(Problem problem);
    explicit InputError(std::vector<Problem> problems);
    [[nodiscard]] const std::vector<Problem>& problems() const { return problems_; }

private:
    std::vector<Problem> problems_;
};

//! A unit string that is unknown or of the wrong dimension.
class UnitError : public Error {
public:
    using Error::Error;
};

//! Mass balance violated: a solve or a model lost or created mass.
class BalanceError : public Error {
public:
    using Error::Error;
};

//! A scenario that cannot be run as given.
class ScenarioError : public Error {
public:
    using Error::Error;
};

//! A name that does not exist in the model (a product, route, plan...).
class LookupError : public Error {
public:
    using Error::Error;
};

//! A question asked wrongly: options that break a rule ("samples = 0; violated: samples >= 1"),
//! a Monte Carlo run that cannot fit in memory. The command line maps it to exit code 2.
class UsageError : public Error {
public:
    using Error::Error;
};

//! Collects problems so that a loader can report every one of them in one pass.
class Diagnostics {
public:
    void add(Problem problem) { problems_.push_back(std::move(problem)); }
    void add(const Location& where, std::string text, std::string message)
    {
        problems_.push_back(Problem{where, std::move(text), std::move(message)});
    }
    [[nodiscard]] bool empty() const { return problems_.empty(); }
    [[nodiscard]] std::size_t size() const { return problems_.size(); }
    [[nodiscard]] const std::vector<Problem>& problems() const { return problems_; }
    //! Throws an InputError carrying every problem, if there is any.
    void throw_if_any() const;

private:
    std::vector<Problem> problems_;
};

}  // namespace reclaim
