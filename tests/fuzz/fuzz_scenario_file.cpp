// Fuzz target: one file of the tiny scenario (RECLAIM_FUZZ_FILE, e.g. "scenario.toml" or
// "demand.csv") replaced by the input, then the scenario loaded against the tiny model, loaded
// once. A reclaim::Error is the expected answer to bad data; any other exception, a crash, a
// sanitizer report or a hang is a finding.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"
#include "scratch_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const reclaim::fuzz::ScratchData scratch;
    static const reclaim::Model model = reclaim::load_model(scratch.dir());
    static const std::string scenario = "scenarios/tiny/";
    scratch.write(scenario + RECLAIM_FUZZ_FILE, std::string_view(reinterpret_cast<const char*>(data), size));
    try {
        reclaim::Scenario sc = reclaim::load_scenario(scratch.dir() / scenario, model);
        (void)sc;
    } catch (const reclaim::Error& e) {
        (void)e.what();
    }
    return 0;
}
