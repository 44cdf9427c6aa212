#include <catch2/catch.hpp>

#include <cmath>

#include "engine/questions/scenario.hpp"
#include "io/load.hpp"
#include "io/load_scenario.hpp"

using namespace reclaim;

namespace {

const std::string kData = RECLAIM_TEST_DATA_DIR "/scenario";

}  // namespace

TEST_CASE("The standard indicators of a run follow their definitions, by hand", "[engine][scenario][indicators]")
{
    // tests/data/scenario, scenario `hand`, 2024: 300 gadgets retire, 0.2 kg Co each = 60 kg Co
    // at end of life; collected 50%, half of that to hydro at 90%: 13.5 kg recovered from end
    // of life; 10 kg Co scrap to hydro: 9 kg recovered from scrap; demand Co 100 kg.
    const Model model = load_model(kData);
    const Scenario sc = load_scenario(find_scenario(kData, "hand"), model);
    const ScenarioResult r = run_scenario(model, sc);
    const std::size_t co = *model.elements.find("Co"), fe = *model.elements.find("Fe");
    const int t = r.index_of(2024);
    CHECK(r.eol_rr(co, t) == Approx(13.5 / 60.0));        // UNEP IRP 2011: recovered from EoL / EoL content
    CHECK(r.eol_rir(co, t) == Approx(13.5 / 100.0));      // EU: recovered from EoL / demand
    CHECK(r.old_scrap_ratio(co, t) == Approx(13.5 / 22.5));  // old scrap / (old + new scrap) recovered
    // 2023: 200 retire, no scrap yet: everything recovered is old scrap.
    CHECK(r.old_scrap_ratio(co, r.index_of(2023)) == Approx(1.0));
    // Undefined where the denominator is zero: nothing at end of life in 2020, no demand for Fe,
    // nothing recovered in 2020.
    CHECK(std::isnan(r.eol_rr(co, r.index_of(2020))));
    CHECK(std::isnan(r.eol_rir(fe, t)));
    CHECK(std::isnan(r.old_scrap_ratio(co, r.index_of(2020))));
    CHECK(r.eol_rr(fe, t) == Approx(0.5 * 0.9));  // steel: collected 50%, 90% recovered
}
