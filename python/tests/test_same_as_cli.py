# The module returns the command line's --format json, key for key and to the last bit.
import reclaim
from conftest import cli_json


def test_run_equals_cli_json():
    assert reclaim.run("uk-2035") == cli_json("run", "uk-2035", "--no-files")


def test_run_with_samples_equals_cli_json():
    got = reclaim.run("uk-2035", samples=20, seed=3, threads=2)
    assert got == cli_json("run", "uk-2035", "--no-files", "--samples", 20, "--seed", 3, "--threads", 2)
    assert "uncertainty" in got


def test_assess_equals_cli_json():
    assert reclaim.assess("bev_nmc811") == cli_json("assess", "bev_nmc811")
    got = reclaim.assess("bev_nmc811", plan="best-available", units=3, collection=0.7)
    assert got == cli_json("assess", "bev_nmc811", "--plan", "best-available", "--units", 3, "--collection", 0.7)


def test_assess_route_and_mass_equal_cli_json():
    got = reclaim.assess("bev_nmc811", route="magnet_hpms", mass="2t")
    assert got == cli_json("assess", "bev_nmc811", "--route", "magnet_hpms", "--mass", "2t")


def test_value_equals_cli_json():
    assert reclaim.value("ndfeb_dy_free") == cli_json("value", "ndfeb_dy_free")
    assert reclaim.value("bev_nmc811", units=2) == cli_json("value", "bev_nmc811", "--units", 2)


def test_compare_equals_cli_json():
    got = reclaim.compare("bev_nmc811", plans=["uk-current", "best-available"])
    assert got == cli_json("compare", "bev_nmc811", "--plans", "uk-current,best-available")


def test_check_equals_cli_json():
    assert reclaim.check() == cli_json("check")


def test_data_and_overlay_reach_the_command(tiny):
    assert reclaim.assess("bev", data=tiny) == cli_json("--data", tiny, "assess", "bev")


def test_a_call_does_not_inherit_the_options_of_the_one_before():
    # The command line keeps its parsed options for the whole process; each call starts afresh.
    reclaim.assess("bev_nmc811", units=5, collection=0.2, plan="best-available")
    assert reclaim.assess("bev_nmc811", units=None) == cli_json("assess", "bev_nmc811")
    reclaim.run("uk-2035", samples=10)
    assert reclaim.run("uk-2035") == cli_json("run", "uk-2035", "--no-files")


def test_run_out_dir_writes_the_report_files(tmp_path):
    reclaim.run("uk-2035", out_dir=tmp_path)
    folder = tmp_path / "uk-2035"
    assert {p.name for p in folder.iterdir()} == {"results.json", "results.csv", "datapackage.json", "report.html"}
