"""frame(result): a result of reclaim.run, assess, compare, value or check as a long-format table
(docs/python.md lists the columns of each)."""

_ASSESS_QUANTITIES = ["contained", "uncollected", "untreated", "recovered", "lost"]


def _run_rows(result):
    # The rows of results.csv, read off the JSON's own keys (so a quantity the run adds comes
    # along): every per-year array of an element, in t when its key ends in _t and as a fraction
    # otherwise (left out where null, as the CSV does), then each loss of end-of-life mass and of
    # scrap (non-zero only).
    rows = []
    for t, year in enumerate(result["years"]):
        for element, q in result["elements"].items():
            def add(quantity, value, unit):
                rows.append({"year": year, "element": element, "quantity": quantity, "value": value, "unit": unit})
            for key, series in q.items():
                if not isinstance(series, list):
                    continue
                if key.endswith("_t"):
                    add(key[:-2], series[t], "t")
                elif series[t] is not None:
                    add(key, series[t], "fraction")
            names = list(q["losses_t"]) + [n for n in q["scrap_losses_t"] if n not in q["losses_t"]]
            for name in names:
                if name in q["losses_t"] and q["losses_t"][name][t] != 0.0:
                    add(name, q["losses_t"][name][t], "t")
                if name in q["scrap_losses_t"] and q["scrap_losses_t"][name][t] != 0.0:
                    add("scrap " + name, q["scrap_losses_t"][name][t], "t")
    return rows


def _assess_rows(result):
    rows = []
    for element, q in result["elements"].items():
        for name in _ASSESS_QUANTITIES:
            rows.append({"product": result["product"], "element": element, "quantity": name,
                         "value": q[name + "_kg"], "unit": "kg"})
        rows.append({"product": result["product"], "element": element, "quantity": "recovery_rate",
                     "value": q["recovery_rate"], "unit": "fraction"})
    return rows


def _compare_rows(result):
    rows = []
    for a, assessment in zip(result["ids"], result["assessments"]):
        for row in _assess_rows(assessment):
            rows.append({"id": a, **row})
    return rows


def _value_rows(result):
    rows = []
    for r in result["routes"]:
        for f in r["forms"]:
            for quantity, unit in (("kg", "kg"), ("value_usd", "USD")):
                rows.append({"rank": r["rank"], "route": r["route"], "form": f["form"], "quantity": quantity,
                             "value": f[quantity], "unit": unit})
        for quantity in ("gross_usd", "cost_usd", "net_usd", "net_usd_per_t"):
            rows.append({"rank": r["rank"], "route": r["route"], "form": None, "quantity": quantity,
                         "value": r[quantity], "unit": "USD/t" if quantity.endswith("_per_t") else "USD"})
    return rows


def _check_rows(result):
    rows = []
    for kind in ("problems", "warnings"):
        for p in result.get(kind, []):
            rows.append({"kind": kind[:-1], "file": p["file"], "line": p["line"], "column": p["column"],
                         "text": p["text"], "message": p["message"]})
    return rows


def _rows(result):
    if "years" in result and "elements" in result:
        return _run_rows(result)
    if "compared" in result:
        return _compare_rows(result)
    if "feedstock" in result and "routes" in result:
        return _value_rows(result)
    if "product" in result and "elements" in result:
        return _assess_rows(result)
    if "problems" in result:
        return _check_rows(result)
    raise ValueError("frame: not a result of reclaim.run, assess, compare, value or check")


def frame(result):
    """The long-format table of a result: a pandas DataFrame when pandas is installed, else a list
    of dicts (one per row, the same columns)."""
    rows = _rows(result)
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows)
