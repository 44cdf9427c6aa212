// The JSON of `reclaim value` is a public contract (docs/json.md, "value"): its keys are pinned.

#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "engine/questions/feed_value.hpp"
#include "io/load.hpp"
#include "report/value_report.hpp"

using namespace reclaim;

namespace {

std::set<std::string> keys(const nlohmann::json& j)
{
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
    return out;
}

struct Valued {
    Model model = load_model(std::string(RECLAIM_TEST_DATA_DIR) + "/value");
    Feedstock feed;
    std::vector<RouteValue> routes;
    std::vector<std::vector<PriceSwing>> swings;
    Valued()
    {
        auto values = model.params.nominal();
        feed = material_feed(model, model.find_material("feed_bm").value(), 1000.0, values);
        routes = value_routes(model, feed, {0, 1}, values);
        for (const auto& r : routes) swings.push_back(price_sensitivity(model, feed, r, values));
    }
};

}  // namespace

TEST_CASE("The value JSON has the documented keys", "[report][value]")
{
    Valued v;
    auto j = value_json(v.model, v.feed, v.routes, v.swings);
    CHECK(keys(j) == std::set<std::string>{"feedstock", "kind", "mass_kg", "feed_kg", "price_dates", "classes", "overlays", "price_overrides",
                                           "routes", "left_out", "sensitivity"});
    CHECK(j["feedstock"] == "feed_bm");
    CHECK(j["mass_kg"] == 1000.0);
    CHECK(j["price_dates"] == nlohmann::json::array({"2025-03-31", "2025-06-30"}));
    const auto& r = j["routes"][0];
    CHECK(keys(r) == std::set<std::string>{"rank", "ranking", "route", "name", "forms", "gross_usd", "gross_usd_per_t",
                                           "costs", "cost_usd", "cost_usd_per_t", "cost_date", "cost_source",
                                           "cost_origin", "net_usd", "net_usd_per_t", "break_even", "unpriced_forms",
                                           "price_dates"});
    REQUIRE(r["costs"].size() == 1);
    CHECK(keys(r["costs"][0]) == std::set<std::string>{"item", "usd_per_t", "origin", "source"});
    CHECK(r["costs"][0]["item"] == "processing");
    CHECK(r["costs"][0]["usd_per_t"].get<double>() == Approx(300.0));
    CHECK(r["costs"][0]["origin"] == "routes/costs.csv:2");
    CHECK(keys(r["break_even"]) == std::set<std::string>{"form", "price_usd_per_kg", "current_usd_per_kg"});
    CHECK(r["ranking"] == "net");
    CHECK(r["route"] == "hydro");
    CHECK(r["cost_origin"] == "routes/costs.csv:2");
    // 4570.49 - 300 (hand-computed in tests/engine/test_value.cpp)
    CHECK(r["net_usd_per_t"].get<double>() == Approx(4270.49).margin(0.01));
    const auto& f = r["forms"][0];
    CHECK(keys(f) == std::set<std::string>{"form", "kg", "resolved", "other_kg", "elements_kg", "priced",
                                           "price_usd_per_kg", "payable", "value_usd", "price_commodity", "price_date",
                                           "price_source", "price_origin"});
    CHECK(f["price_date"] == "2025-06-30");
    CHECK(f["price_origin"] == "materials/prices.csv:3");
    CHECK(keys(r["forms"][1]).count("payable_source") == 1);
    const auto& s = j["sensitivity"][0];
    CHECK(keys(s) == std::set<std::string>{"route", "net_usd_per_t", "output", "params"});
    CHECK(keys(s["params"][0]) == std::set<std::string>{"kind", "label", "origin", "low", "high",
                                                        "net_usd_per_t_at_low", "net_usd_per_t_at_high",
                                                        "swing_usd_per_t"});
}

TEST_CASE("An unpriced form has null price and value in JSON and says unpriced in the table", "[report][value]")
{
    Valued v;
    const auto n = static_cast<Eigen::Index>(v.model.elements.size());
    Eigen::VectorXd pr = Eigen::VectorXd::Zero(n);
    pr[static_cast<Eigen::Index>(v.model.elements.find("Pr").value())] = 1.0;
    FormsValue fv = value_forms(v.model, {{"pr6o11", pr}}, v.model.params.nominal());
    auto j = forms_value_json(v.model, fv);
    CHECK(j["forms"][0]["priced"] == false);
    CHECK(j["forms"][0]["value_usd"].is_null());
    CHECK(j["forms"][0]["price_usd_per_kg"].is_null());
    CHECK(j["unpriced_forms"] == 1);
    CHECK(j["gross_usd"] == 0.0);

    v.routes[1].value = fv;
    std::ostringstream out;
    write_value(out, Format::Table, v.model, v.feed, v.routes, v.swings);
    CHECK_THAT(out.str(), Catch::Contains("pr6o11"));
    CHECK_THAT(out.str(), Catch::Contains("unpriced"));
}

TEST_CASE("The value table shows the price dates and the rows they come from", "[report][value]")
{
    Valued v;
    std::ostringstream out;
    write_value(out, Format::Table, v.model, v.feed, v.routes, v.swings);
    CHECK_THAT(out.str(), Catch::Contains("prices dated 2025-03-31 to 2025-06-30 (materials/prices.csv)"));
    CHECK_THAT(out.str(), Catch::Contains("materials/prices.csv:6"));
    CHECK_THAT(out.str(), Catch::Contains("What moves the net value of hydro"));
}
