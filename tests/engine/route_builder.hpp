#pragma once
// Models built in code for engine tests: elements, one or more routes, transfers by name.

#include <string>

#include "model/model.hpp"

namespace reclaim::test {

//! Adds elements and routes to a Model without files; every share is a fixed Param.
class ModelBuilder {
public:
    explicit ModelBuilder(std::initializer_list<const char*> symbols = {"Fe", "Nd"})
    {
        for (const char* s : symbols) model_.elements.add(Element{s, s, 1.0});
    }

    //! Starts a route; later link() calls go to it. The entry is created as its first process.
    ModelBuilder& route(const std::string& id, const std::string& entry, const std::string& name = "")
    {
        Route r;
        r.id = id;
        r.name = name.empty() ? id : name;
        r.trl = 9;
        r.source = "test";
        r.line = model_.routes.size() + 2;
        model_.route_index.add(id, model_.routes.size());
        model_.routes.push_back(std::move(r));
        model_.routes.back().entry = process(entry);
        return *this;
    }

    //! A transfer of `element` ("*" for the default rows) from `from` to a process or a sink.
    ModelBuilder& link(const std::string& from, const std::string& element, const std::string& to, double share)
    {
        Route& r = model_.routes.back();
        std::size_t p = process(from);
        Destination d;
        if (to.rfind("recovered:", 0) == 0 || to.rfind("loss:", 0) == 0) {
            const bool recovered = to.rfind("recovered:", 0) == 0;
            const Sink sink{recovered ? Sink::Kind::Recovered : Sink::Kind::Loss,
                            to.substr(recovered ? 10 : 5)};
            std::size_t k = 0;
            while (k < r.sinks.size() && !(r.sinks[k] == sink)) ++k;
            if (k == r.sinks.size()) r.sinks.push_back(sink);
            d = {Destination::Kind::Sink, k};
        } else {
            d = {Destination::Kind::Process, process(to)};
        }
        Param param;
        param.value = param.low = param.high = share;
        param.bound = Bound::Fraction;
        ParamId id = model_.params.add(param, Origin{"routes/transfers.csv", ++line_, "value", "test"});
        Process& proc = r.processes[p];
        auto& list = element == "*" ? proc.fallback : proc.by_element[*model_.elements.find(element)];
        list.push_back(Transfer{d, id, line_});
        return *this;
    }

    Model& model() { return model_; }

    //! Index of a process of the current route, added if new.
    std::size_t process(const std::string& name)
    {
        Route& r = model_.routes.back();
        if (auto i = r.find_process(name)) return *i;
        Process p;
        p.name = name;
        p.line = line_ + 1;
        r.processes.push_back(std::move(p));
        return r.processes.size() - 1;
    }

private:
    Model model_;
    std::size_t line_ = 1;
};

//! Column of a sink in a RouteSolution's sink_yield; `label` as "recovered:X" or "loss:y".
inline std::size_t sink_of(const Model& m, std::size_t route, const std::string& label)
{
    const auto& s = m.routes[route].sinks;
    for (std::size_t k = 0; k < s.size(); ++k)
        if (s[k].label() == label) return k;
    return npos;
}

}  // namespace reclaim::test
