"""reclaim from Python: the commands of the `reclaim` binary as functions (docs/python.md).

Each function runs the command line's own code (no second implementation) with ``--format json``
and returns the dictionary that command prints, key for key and number for number. A data error
raises DataError with the file, line and column of every problem; a question asked wrongly
raises UsageError. ``frame(result)`` turns a result into a long-format table.
"""

import json
import sys
from collections import namedtuple

from . import _reclaim
from .frame import frame

__all__ = ["run", "assess", "compare", "value", "check", "command", "frame", "version",
           "Problem", "ReclaimError", "DataError", "UsageError", "BalanceError"]

version = _reclaim.version

#: One problem of the input: file, 1-based line (0: the whole file), column name, the offending
#: text and what was expected.
Problem = namedtuple("Problem", "file line column text message")


class ReclaimError(Exception):
    """The command failed; ``exit_code`` is the binary's (docs/cli.md), ``stderr`` its message."""

    def __init__(self, message, exit_code, stderr=""):
        super().__init__(message)
        self.exit_code = exit_code
        self.stderr = stderr


class DataError(ReclaimError):
    """Bad input data (exit code 1). ``problems`` lists every Problem found; ``file``, ``line``,
    ``column`` and ``message`` are those of the first."""

    def __init__(self, message, problems, stderr=""):
        super().__init__(message, 1, stderr)
        self.problems = problems
        first = problems[0] if problems else Problem("", 0, "", "", message)
        self.file, self.line, self.column, self.message = first.file, first.line, first.column, first.message


class UsageError(ReclaimError, ValueError):
    """A question asked wrongly: a bad option, an unknown product or route (exit code 2)."""


class BalanceError(ReclaimError):
    """Mass balance violated: a bug in reclaim (exit code 3)."""


def _globals(data, overlays, prices):
    args = ["--format", "json", "--quiet"]
    if data is not None:
        args += ["--data", str(data)]
    if isinstance(overlays, (str, bytes)) or hasattr(overlays, "__fspath__"):
        overlays = [overlays]
    for o in overlays:
        args += ["--overlay", str(o)]
    if prices is not None:
        args += ["--prices", str(prices)]
    return args


def _number(x):
    return repr(float(x)) if isinstance(x, float) else str(x)


def _ids(x):
    return x if isinstance(x, str) else ",".join(x)


def _monte_carlo(samples, seed, threads, sensitivity):
    args = []
    if samples:
        args += ["--samples", str(int(samples)), "--seed", str(int(seed))]
    if threads:
        args += ["--threads", str(int(threads))]
    if sensitivity is not None:
        args += ["--sensitivity", str(sensitivity)]
    return args


def _amount(units, mass, collection):
    args = []
    if mass is not None:
        args += ["--mass", str(mass)]
    elif units is not None:
        args += ["--units", _number(units)]
    if collection is not None:
        args += ["--collection", _number(collection)]
    return args


def _call(args, ok=(0,)):
    code, out, err, problems = _reclaim.call([str(a) for a in args])
    err = err.decode("utf-8", "replace")
    if code in ok and not problems:
        if err:
            sys.stderr.write(err)
        return json.loads(out.decode("utf-8"))
    message = err.strip()
    if message.startswith("reclaim: "):
        message = message[len("reclaim: "):]
    if code == 1:
        listed = json.loads(problems.decode("utf-8")) if problems else []
        raise DataError(message, [Problem(p["file"], p["line"], p["column"], p["text"], p["message"])
                                  for p in listed], err)
    if code == 2:
        raise UsageError(message or "bad arguments", code, err)
    if code == 3:
        raise BalanceError(message, code, err)
    if code < 0:
        raise ReclaimError(f"reclaim stopped by signal {-code}", code, err)
    raise ReclaimError(message, code, err)


def command(*args, data=None, overlays=(), prices=None):
    """Any command as its JSON: ``command("show", "product", "bev")`` is
    ``reclaim --format json show product bev``."""
    return _call(_globals(data, overlays, prices) + list(args))


def run(scenario="uk-2035", data=None, overlays=(), samples=0, seed=1, threads=0, sensitivity=None,
        prices=None, out_dir=None):
    """``reclaim run SCENARIO``: the scenario over time against its targets (docs/json.md, "run").
    ``scenario`` is a name under <data>/scenarios/ or a folder. No report files are written unless
    ``out_dir`` is given (then results.json, results.csv, datapackage.json and report.html go to
    ``out_dir/<scenario>/``)."""
    args = _globals(data, overlays, prices) + ["run", str(scenario)]
    args += ["--no-files"] if out_dir is None else ["--out-dir", str(out_dir)]
    return _call(args + _monte_carlo(samples, seed, threads, sensitivity))


def assess(product, data=None, plan=None, route=None, units=1, mass=None, collection=None, samples=0,
           seed=1, threads=0, sensitivity=None, overlays=(), prices=None):
    """``reclaim assess PRODUCT``: where every element of ``units`` units (or ``mass``, e.g. "2t")
    of a product ends up under a plan or one route."""
    args = _globals(data, overlays, prices) + ["assess", str(product)] + _amount(units, mass, collection)
    if plan is not None:
        args += ["--plan", str(plan)]
    if route is not None:
        args += ["--route", str(route)]
    return _call(args + _monte_carlo(samples, seed, threads, sensitivity))


def compare(product=None, data=None, plans=None, routes=None, products=None, plan=None, route=None,
            units=1, mass=None, collection=None, samples=0, seed=1, threads=0, sensitivity=None,
            overlays=(), prices=None):
    """``reclaim compare``: one product under several ``plans`` or ``routes``, or several
    ``products`` under one plan or route, side by side. Lists may be given as lists or "a,b"."""
    args = _globals(data, overlays, prices) + ["compare"]
    if product is not None:
        args.append(str(product))
    args += _amount(units, mass, collection)
    for flag, ids in (("--plans", plans), ("--routes", routes), ("--products", products)):
        if ids is not None:
            args += [flag, _ids(ids)]
    if plan is not None:
        args += ["--plan", str(plan)]
    if route is not None:
        args += ["--route", str(route)]
    return _call(args + _monte_carlo(samples, seed, threads, sensitivity))


def value(feedstock, data=None, route=None, routes=None, mass=None, units=None, overlays=(), prices=None):
    """``reclaim value FEEDSTOCK``: what a material or product is worth through each route, ranked
    by net value per tonne (``mass`` defaults to the command's 1t)."""
    args = _globals(data, overlays, prices) + ["value", str(feedstock)]
    if route is not None:
        args += ["--route", str(route)]
    if routes is not None:
        args += ["--routes", _ids(routes)]
    if mass is not None:
        args += ["--mass", str(mass)]
    if units is not None:
        args += ["--units", _number(units)]
    return _call(args)


def check(data=None, overlays=(), prices=None):
    """``reclaim check``: every problem of a data folder in one pass. Returns the dictionary
    (``{"count", "problems", "warnings"}``) whether or not there are problems: finding them is
    the command's job, so they are not raised."""
    return _call(_globals(data, overlays, prices) + ["check"], ok=(0, 1))
