// Fuzz target: one file of the model's data contract (RECLAIM_FUZZ_FILE, e.g.
// "products/bom.csv") replaced by the input in a copy of tests/data/tiny, then loaded by the
// steps of load_model, in its order, up to the one that reads that file: the file meets the
// tables it refers to, and the target skips the files after it (under ASan each CSV read costs
// several milliseconds). A reclaim::Error is the expected answer to bad data; any other
// exception, a crash, a sanitizer report or a hang is a finding.

#include <cstddef>
#include <cstdint>
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
    static const reclaim::fuzz::ScratchData scratch;
    constexpr std::string_view file = RECLAIM_FUZZ_FILE;
    scratch.write(std::string(file), std::string_view(reinterpret_cast<const char*>(data), size));
    try {
        reclaim::Model model;
        reclaim::Diagnostics diag;
        const reclaim::DataSource src(scratch.dir());
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
