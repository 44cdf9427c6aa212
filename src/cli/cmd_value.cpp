// reclaim value FEEDSTOCK [--route R | --routes A,B] [--mass 1t | --units N] [--price FORM=V[:LOW:HIGH]]...
// [--samples N --seed S]: what the feed is worth through each route, costed routes ranked by net
// value per tonne (the others apart), with the tornado of every route and, with --samples, the
// percentiles of gross and net, P(net > 0) and P(route beats route).

#include "cli/context.hpp"
#include "cli/monte_carlo_args.hpp"
#include "cli/option_checks.hpp"
#include "engine/questions/feed_value.hpp"
#include "engine/uncertainty/value_uncertainty.hpp"
#include "io/csv.hpp"
#include "report/value_report.hpp"

namespace reclaim::cli {

void add_value(CLI::App& app, Globals& g)
{
    auto* cmd = app.add_subcommand("value", "what a feedstock is worth through each route, ranked by net value per tonne");
    static std::string feedstock;
    static std::string route;
    static std::vector<std::string> routes;
    static std::string mass = "1t";
    static double units = 0.0;
    cmd->add_option("feedstock", feedstock, "a material or product id (see `reclaim list materials|products`)")
        ->required();
    auto* one = cmd->add_option("--route", route, "value through this route only");
    cmd->add_option("--routes", routes, "value through these routes (comma-separated)")
        ->delimiter(',')
        ->excludes(one);
    auto* mass_opt = cmd->add_option("--mass", mass, "mass of feed (default 1t); a product is scaled to it")
                         ->check(mass_check());
    cmd->add_option("--units", units, "functional units of a product instead of --mass")
        ->check(units_check())
        ->excludes(mass_opt);
    static std::vector<std::string> price_texts;
    cmd->add_option("--price", price_texts,
                    "FORM=VALUE[:LOW:HIGH]: this form's price in USD/kg for this run, on top of the price list "
                    "(repeatable)")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                try {
                    (void)parse_price_override(text);
                } catch (const CLI::ValidationError& e) {
                    const std::string m = e.what(), prefix = "--price: ";
                    return m.rfind(prefix, 0) == 0 ? m.substr(prefix.size()) : m;
                }
                return {};
            },
            "FORM=VALUE[:LOW:HIGH]", "price"));
    static MonteCarloArgs mc;
    mc.add_to(cmd, "not used by value: its tornado over prices, payables and cost items is always shown");

    cmd->callback([&g] {
        Format format = g.format_for("value", {Format::Table, Format::Csv, Format::Json, Format::Md});
        mc.validate();
        if (!mc.sensitivity.empty())
            throw UsageError("--sensitivity: value always shows the tornado of every route over its prices, payables "
                             "and cost items; leave --sensitivity out");
        double mass_kg = parse_mass_kg(mass, "--mass");
        Model model = g.load();
        ValueExtras extras;
        for (std::size_t i = 0; i < price_texts.size(); ++i)
            extras.overrides.push_back(apply_price_override(model, parse_price_override(price_texts[i]), i + 1));
        auto values = model.params.nominal();

        Feedstock feed;
        if (auto mi = model.find_material(feedstock)) {
            if (units > 0) throw CLI::ValidationError("--units", "applies to a product; '" + feedstock + "' is a material");
            feed = material_feed(model, *mi, mass_kg, values);
        } else if (auto pi = model.find_product(feedstock)) {
            feed = units > 0 ? product_feed_units(model, *pi, units, values)
                             : product_feed_mass(model, *pi, mass_kg, values);
        } else {
            throw LookupError("no material or product '" + feedstock +
                              "' (see `reclaim list materials` and `reclaim list products`)");
        }

        std::vector<std::string> names = routes;
        if (!route.empty()) names = {route};
        std::vector<std::size_t> chosen;
        std::vector<Problem> refused;
        for (const auto& name : names) {
            auto ri = model.find_route(name);
            if (!ri) throw LookupError("no route '" + name + "' (see `reclaim list routes`)");
            chosen.push_back(*ri);
            if (std::string why = refusal(model, feed, *ri); !why.empty())
                refused.push_back(Problem{Location{model.routes[*ri].file, model.routes[*ri].line, "accepts"}, name, why});
        }
        if (!refused.empty()) throw InputError(std::move(refused));
        // Without --routes, every route that takes the feed; the others are named with why.
        std::vector<RefusedRoute> left_out;
        if (names.empty()) {
            for (std::size_t r = 0; r < model.routes.size(); ++r) {
                if (std::string why = refusal(model, feed, r); why.empty()) chosen.push_back(r);
                else left_out.push_back(RefusedRoute{r, std::move(why)});
            }
        }

        auto ranked = value_routes(model, feed, chosen, values);
        std::vector<std::vector<PriceSwing>> swings;
        for (const auto& rv : ranked) swings.push_back(price_sensitivity(model, feed, rv, values));
        ValueUncertainty u;
        if (mc.enabled()) {
            std::vector<std::size_t> order;
            for (const auto& rv : ranked) order.push_back(rv.route);
            ProgressBar bar(g, "value " + feedstock);
            u = value_uncertainty(model, feed, order, mc.options(&bar, model.params));
            extras.uncertainty = &u;
        }
        Output out(g);
        write_value(out.stream(), format, model, feed, ranked, swings, left_out, extras);
        out.close();
    });
}

}  // namespace reclaim::cli
