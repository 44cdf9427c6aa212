// Fuzz target: one file of the model's data contract (RECLAIM_FUZZ_FILE, e.g.
// "products/bom.csv") replaced by the input in a copy of tests/data/tiny, then loaded by the
// steps of load_model, in its order, up to the one that reads that file: the file meets the
// tables it refers to, and the target skips the files after it (under ASan each CSV read costs
// several milliseconds). An input whose first byte is odd is the file of an overlay instead
// (`--overlay`: a second copy of the folder on top of the first, every file of it applied by
// key), so the overlay merge meets the bytes too. A reclaim::Error is the expected answer to
// bad data; any other exception, a crash, a sanitizer report or a hang is a finding.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "io/load.hpp"
#include "scratch_data.hpp"

namespace {

using Step = void (*)(const reclaim::DataSource&, reclaim::Model&, reclaim::Diagnostics&);

void load_prices_step(const reclaim::DataSource& src, reclaim::Model& model, reclaim::Diagnostics& diag)
{
    reclaim::load_prices(src, model, diag);
}

// load_model's steps (src/io/load_model.cpp), each with the files it reads.
struct StepFiles {
    Step step;
    std::string_view files[2];
};
constexpr StepFiles kSteps[] = {
    {reclaim::load_elements, {"materials/elements.csv", {}}},
    {reclaim::load_materials, {"materials/materials.csv", "materials/composition.csv"}},
    {load_prices_step, {"materials/prices.csv", {}}},
    {reclaim::load_products, {"products/products.csv", "products/bom.csv"}},
    {reclaim::load_lifetimes, {"products/lifetimes.csv", {}}},
    {reclaim::load_routes, {"routes/routes.csv", "routes/transfers.csv"}},
    {reclaim::load_route_costs, {"routes/costs.csv", {}}},
    {reclaim::load_plans, {"routes/plans.csv", {}}},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const reclaim::fuzz::ScratchData scratch, overlay;
    constexpr std::string_view file = RECLAIM_FUZZ_FILE;
    static const std::string original = [file] {
        std::ifstream in(scratch.dir() / std::string(file), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }();
    const bool as_overlay = size > 0 && (data[0] & 1) != 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    scratch.write(std::string(file), as_overlay ? std::string_view(original) : bytes);
    overlay.write(std::string(file), as_overlay ? bytes : std::string_view(original));
    try {
        reclaim::Model model;
        reclaim::Diagnostics diag;
        const reclaim::DataSource src = as_overlay ? reclaim::DataSource(scratch.dir(), {overlay.dir()})
                                                   : reclaim::DataSource(scratch.dir());
        for (const auto& s : kSteps) {
            s.step(src, model, diag);
            if (s.files[0] == file || s.files[1] == file) break;
        }
        diag.throw_if_any();
    } catch (const reclaim::Error& e) {
        (void)e.what();
    }
    return 0;
}
