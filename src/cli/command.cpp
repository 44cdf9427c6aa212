#include "cli/command.hpp"

#include <iostream>
#include <new>

#include "cli/context.hpp"

namespace reclaim::cli {

namespace {

void add_globals(CLI::App& app, Globals& g)
{
    app.set_version_flag("--version", std::string("reclaim ") + RECLAIM_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("--data", g.data, "data folder (materials/, products/, routes/, scenarios/)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--overlay", g.overlays,
                   "a folder of data files holding only the rows that change, applied on top of --data "
                   "(repeatable, in order; docs/data-format.md)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--format", g.format, "output format")
        ->check(CLI::IsMember({"table", "csv", "json", "md", "html", "iamc"}));
    app.add_option("-o,--output", g.output, "write to FILE instead of standard output");
    app.add_flag("-q,--quiet", g.quiet, "no progress or notes on standard error");
    auto* prices = app.add_option("--prices", g.prices, "price list to use instead of materials/prices.csv (same columns)")
                       ->check(CLI::ExistingFile);
    app.add_flag("--merge", g.merge_prices, "with --prices: add its rows to materials/prices.csv instead of replacing it")
        ->needs(prices);
}

}  // namespace

int run_command(const std::vector<std::string>& argv, const ProblemHandler& on_problems)
{
    CLI::App app{"reclaim: how much of each element comes back from products through recycling routes"};
    Globals g;
    add_globals(app, g);
    add_check(app, g);
    add_list(app, g);
    add_show(app, g);
    add_assess(app, g);
    add_compare(app, g);
    add_value(app, g);
    add_run(app, g);
    add_improve(app, g);

    // CLI11 takes argc/argv; the strings outlive the parse.
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    try {
        app.parse(static_cast<int>(argv.size()), args.data());
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? kOk : kUsage;
    } catch (const InputError& e) {
        if (on_problems) on_problems(e.problems());
        std::cerr << "reclaim: the input has " << e.problems().size() << " problem(s):\n" << e.what() << '\n';
        return kProblems;
    } catch (const LookupError& e) {
        std::cerr << "reclaim: " << e.what() << '\n';
        return kUsage;
    } catch (const UsageError& e) {
        std::cerr << "reclaim: " << e.what() << '\n';
        return kUsage;
    } catch (const BalanceError& e) {
        std::cerr << "reclaim: mass balance violated: " << e.what() << '\n';
        return kBalance;
    } catch (const std::bad_alloc&) {
        std::cerr << "reclaim: out of memory: the question needs more memory than this machine can give "
                     "(take fewer --samples, or a smaller scenario)\n";
        return kFailure;
    } catch (const std::exception& e) {
        std::cerr << "reclaim: " << e.what() << '\n';
        return kFailure;
    }
    return g.exit_code;
}

}  // namespace reclaim::cli
