# frame(result): the long-format tables, with the columns docs/python.md documents.
import csv
import io
import math

import pytest

import reclaim
from conftest import REPO, cli

DOC = (REPO / "docs" / "python.md").read_text()


def _columns(table):
    return list(table.columns) if hasattr(table, "columns") else list(table[0])


@pytest.mark.parametrize("name, result", [
    ("run", lambda: reclaim.run("uk-2035")),
    ("assess", lambda: reclaim.assess("bev_nmc811")),
    ("compare", lambda: reclaim.compare("bev_nmc811", plans="uk-current,best-available")),
    ("value", lambda: reclaim.value("ndfeb_dy_free")),
    ("check", lambda: {"count": 1, "warnings": [],
                       "problems": [{"file": "f", "line": 1, "column": "c", "text": "t", "message": "m"}]}),
])
def test_frame_columns_are_documented(name, result):
    r = result()
    columns = ", ".join(f"`{c}`" for c in _columns(reclaim.frame(r)))
    assert f"| `{name}` | {columns} |" in DOC


def test_run_frame_is_results_csv():
    table = reclaim.frame(reclaim.run("uk-2035"))
    rows = table.to_dict("records") if hasattr(table, "to_dict") else table
    got = {(r["year"], r["element"], r["quantity"]): (r["value"], r["unit"]) for r in rows}
    want = {}
    for r in csv.DictReader(io.StringIO(cli("--format", "csv", "run", "--no-files").stdout)):
        want[(int(r["year"]), r["element"], r["quantity"])] = (float(r["value"]), r["unit"])
    assert got.keys() == want.keys()
    for k, (v, unit) in want.items():
        assert got[k][1] == unit
        assert math.isclose(got[k][0], v, rel_tol=1e-11, abs_tol=1e-300), k


def test_frame_without_pandas_is_a_list_of_dicts(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    rows = reclaim.frame(reclaim.assess("bev_nmc811"))
    assert isinstance(rows, list) and rows and set(rows[0]) == {"product", "element", "quantity", "value", "unit"}


def test_frame_refuses_what_is_not_a_result():
    with pytest.raises(ValueError):
        reclaim.frame({"something": 1})
