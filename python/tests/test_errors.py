# A data error raises DataError with the file, line and column of every problem; a question asked
# wrongly raises UsageError; the exit codes are the command line's.
import pytest

import reclaim
from conftest import cli


def _break_bom(tiny):
    bom = tiny / "products" / "bom.csv"
    lines = bom.read_text().splitlines(keepends=True)
    row = next(i for i, l in enumerate(lines) if l.startswith("traction_motor,stator and shaft"))
    lines[row] = lines[row].replace(",30,", ",thirty,")
    bom.write_text("".join(lines))
    return bom, row + 1


def test_data_error_raises_with_file_line_and_column(tiny):
    bom, line = _break_bom(tiny)
    with pytest.raises(reclaim.DataError) as e:
        reclaim.assess("bev", data=tiny)
    assert e.value.exit_code == 1
    assert e.value.file.endswith("products/bom.csv")
    assert e.value.line == line
    assert e.value.column == "value"
    assert "thirty" in e.value.problems[0].text
    assert f"bom.csv:{line}" in str(e.value)
    # The same message as the binary's.
    assert str(e.value) in cli("--data", tiny, "assess", "bev", expect=1).stderr


def test_every_problem_is_listed(tiny):
    _break_bom(tiny)
    (tiny / "materials" / "elements.csv").write_text(
        (tiny / "materials" / "elements.csv").read_text() + "Xx,unobtainium,-3,example only\n")
    with pytest.raises(reclaim.DataError) as e:
        reclaim.run("tiny", data=tiny)
    files = {p.file.rsplit("/", 2)[-2] + "/" + p.file.rsplit("/", 1)[-1] for p in e.value.problems}
    assert {"products/bom.csv", "materials/elements.csv"} <= files
    assert all(p.line > 0 for p in e.value.problems)


def test_check_returns_the_problems_instead_of_raising(tiny):
    bom, line = _break_bom(tiny)
    result = reclaim.check(data=tiny)
    assert result["count"] == 1
    assert result["problems"][0]["line"] == line


def test_unknown_product_is_a_usage_error():
    with pytest.raises(reclaim.UsageError) as e:
        reclaim.assess("no_such_product")
    assert e.value.exit_code == 2
    assert "no_such_product" in str(e.value)


def test_bad_option_is_a_usage_error():
    with pytest.raises(reclaim.UsageError):
        reclaim.assess("bev_nmc811", collection=1.5)


def test_interrupt_stops_the_command():
    # Ctrl-C (or a notebook's interrupt, which reaches only the Python process) stops the command
    # at once instead of waiting for it to finish.
    import signal
    import threading
    import time

    main = threading.get_ident()
    timer = threading.Timer(0.5, signal.pthread_kill, (main, signal.SIGINT))
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        reclaim.run("uk-2035", samples=200000, threads=1)  # about 15 s of work
    timer.join()
    assert time.monotonic() - start < 5
