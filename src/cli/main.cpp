// reclaim: element-by-element material recovery from products through recycling routes.
// The whole command line is run_command() (cli/command.hpp); nothing else lives here.

#include <string>
#include <vector>

#include "cli/command.hpp"

int main(int argc, char** argv)
{
    return reclaim::cli::run_command(std::vector<std::string>(argv, argv + argc));
}
