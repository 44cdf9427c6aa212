#!/usr/bin/env python3
"""The UK 2035 scenario from Python: run it at its collection rates and at higher ones, and plot
the recycled share of Nd, Li and Co over time (docs/python.md). Notebook-style: each step is a
few lines that work the same in a Jupyter cell.

    PYTHONPATH=build/release/python python3 examples/uk-2035.py --out /tmp/uk-2035
"""

import argparse
import pathlib
import shutil
import tempfile

import matplotlib

matplotlib.use("Agg")  # no display needed: the figure is written to a file
import matplotlib.pyplot as plt

import reclaim

ELEMENTS = ["Nd", "Li", "Co"]
# Every product's collection rate from 2020 on: the share of end-of-life units reaching treatment.
RATES = [0.5, 0.75, 1.0]


def _shipped_scenario_dir():
    """The scenario folder shipped beside this example (scenarios/uk-2035)."""
    return pathlib.Path(__file__).resolve().parents[1] / "scenarios" / "uk-2035"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="reports/examples", help="folder for the figure (created)")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    runs = {"today's rates": reclaim.run("uk-2035")}
    with tempfile.TemporaryDirectory() as tmp:
        for rate in RATES:
            folder = pathlib.Path(tmp) / f"collection-{int(rate * 100)}"
            shutil.copytree(_shipped_scenario_dir(), folder)
            (folder / "collection.csv").write_text(
                "product,year,value,source\n"
                f'*,2020,{rate},"example: every product collected at {rate:.0%} (examples/uk-2035.py)"\n')
            runs[f"{rate:.0%} collected"] = reclaim.run(folder)

    fig, axes = plt.subplots(1, len(ELEMENTS), figsize=(4 * len(ELEMENTS), 3.5), sharey=True)
    for ax, element in zip(axes, ELEMENTS):
        for label, result in runs.items():
            table = reclaim.frame(result)
            share = table[(table.element == element) & (table.quantity == "recycled_share")]
            ax.plot(share.year, 100 * share.value, label=label)
        for target in runs["today's rates"]["targets"]:
            if target["element"] == element:
                ax.plot([target["year"]], [100 * target["share"]], "k*", markersize=10, label="target")
        ax.set_title(element)
        ax.set_xlabel("year")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("recycled share of demand (%)")
    axes[-1].legend(fontsize=8)
    fig.suptitle("UK 2035: recycled share at different collection rates")
    fig.tight_layout()
    figure = out / "uk-2035-recycled-share.png"
    fig.savefig(figure, dpi=100)

    for label, result in runs.items():
        nd = next(t for t in result["targets"] if t["element"] == "Nd")
        print(f"{label:>16}: Nd recycled share {nd['year']} = {nd['achieved_share']:.1%} (target {nd['share']:.0%})")
    print(f"wrote {figure}")


if __name__ == "__main__":
    main()
