"""make bench: how fast, against a floor measured in the same run. Prints a table, writes bench/results.json.

Medians of several runs; every goal is a ratio of two figures from this run, so the machine's speed
cancels out:
- `status` at national size (1,741 synthetic municipalities, cache warm) within 3x of `status` on the seed;
- the overview's rerun (AppTest) within 2x of a minimal Streamlit app drawing the same kind of page;
- the overview's rerun at national size within 2x of itself at seed size.
The meeting pack (`export --out FILE.pptx|FILE.pdf`, whole process) is timed for the seed and for one
municipality of the national set; a figure, with no goal.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
SEED_DATA = ROOT / "data" / "normalized"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(*args: str, env: dict | None = None) -> None:
    subprocess.run([PY, "-m", "dashboard", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})})


def query_params(name: str, query) -> dict:
    values = {"year": 2019, "measure_id": "3-2-2", "source_id": None, "municipality": None}
    return {p: values.get(p) for p in query.params}


def time_queries(data: Path, runs: int) -> dict[str, float]:
    from dashboard import db, queries

    con = db.open_data(data)
    out = {}
    for name, query in queries.load().items():
        if name.startswith("build/") or name == "classify":
            continue
        params = query_params(name, query)
        if "source_id" in params:
            params["source_id"] = queries.run(con, "sources").source_id.iloc[0]
        out[name] = median_time(lambda: queries.run(con, name, **params), runs)
    return out


def pack_times(data: Path, municipality: str | None, runs: int) -> dict[str, float]:
    """Seconds for `export` to write the meeting pack's slides and handout, whole process, cache warm."""
    who = ["--municipality", municipality] if municipality else []
    with tempfile.TemporaryDirectory() as tmp:
        return {suffix: median_time(lambda: command("export", "--data", str(data), *who, "--force", "--out",
                                                    str(Path(tmp) / f"pack.{suffix}")), runs)
                for suffix in ("pptx", "pdf")}


def rerun_time(app: str, data: Path | None, runs: int) -> float:
    """Median time of a rerun of an app already run once (caches warm), in AppTest."""
    from streamlit.testing.v1 import AppTest

    if data is not None:
        os.environ["CAREPLAN_DATA"] = str(data)
    at = AppTest.from_file(app, default_timeout=300)
    at.run()
    at.run()
    assert not at.exception, at.exception
    return median_time(lambda: at.run(), runs)


def first_render(data: Path, runs: int) -> float:
    """Seconds from opening the overview to both charts drawn, in Chromium, server already warm."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([PY, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env={**os.environ, "CAREPLAN_DATA": str(data)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])

            def once():
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(url)
                page.wait_for_function(
                    "() => document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length >= 2",
                    timeout=120000)
                page.close()

            once()  # warm the server's caches
            result = median_time(once, runs)
            browser.close()
        return result
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    results: dict = {"figures": {}, "ratios": {}, "goals": {}}
    fig = results["figures"]
    with tempfile.TemporaryDirectory() as tmp:
        national = Path(tmp) / "national"
        print("synthesizing 1,741 municipalities …", flush=True)
        fig["synth_1741_s"] = median_time(lambda: command("synth", "--municipalities", "1741", "--out",
                                                          str(national)), 1)
        fig["normalize_seed_s"] = median_time(lambda: command("normalize", "--out", str(Path(tmp) / "seed")), 5)
        seed = Path(tmp) / "seed"
        fig["status_seed_cold_s"] = median_time(lambda: command("status", "--data", str(seed), "--format", "csv"), 1)
        fig["status_seed_s"] = median_time(lambda: command("status", "--data", str(seed), "--format", "csv"), 5)
        fig["status_national_cold_s"] = median_time(
            lambda: command("status", "--data", str(national), "--format", "csv"), 1)
        fig["status_national_s"] = median_time(lambda: command("status", "--data", str(national), "--format", "csv"), 3)
        print("timing the meeting pack …", flush=True)
        fig["pack_seed_s"] = pack_times(seed, None, 3)
        fig["pack_national_one_municipality_s"] = pack_times(national, "合成市0001", 3)
        print("timing queries …", flush=True)
        fig["queries_seed_s"] = time_queries(seed, 5)
        fig["queries_national_s"] = time_queries(national, 3)
        print("timing reruns …", flush=True)
        fig["rerun_minimal_s"] = rerun_time(str(ROOT / "bench" / "minimal_app.py"), None, 7)
        fig["rerun_overview_seed_s"] = rerun_time(str(ROOT / "dashboard" / "app.py"), seed, 7)
        fig["rerun_overview_national_s"] = rerun_time(str(ROOT / "dashboard" / "app.py"), national, 7)
        print("timing the browser's first render …", flush=True)
        fig["first_render_seed_s"] = first_render(seed, 3)
        fig["first_render_national_s"] = first_render(national, 3)

    ratios = results["ratios"]
    ratios["status_national_vs_seed"] = fig["status_national_s"] / fig["status_seed_s"]
    ratios["rerun_overview_seed_vs_minimal"] = fig["rerun_overview_seed_s"] / fig["rerun_minimal_s"]
    ratios["rerun_overview_national_vs_seed"] = fig["rerun_overview_national_s"] / fig["rerun_overview_seed_s"]
    ratios["first_render_national_vs_seed"] = fig["first_render_national_s"] / fig["first_render_seed_s"]
    goals = results["goals"]
    goals["status_national_vs_seed <= 3"] = ratios["status_national_vs_seed"] <= 3
    goals["rerun_overview_seed_vs_minimal <= 2"] = ratios["rerun_overview_seed_vs_minimal"] <= 2
    goals["rerun_overview_national_vs_seed <= 2"] = ratios["rerun_overview_national_vs_seed"] <= 2

    print(f"\n{'figure':42} {'seconds':>10}")
    for key, value in fig.items():
        if isinstance(value, dict):
            for name, seconds in value.items():
                print(f"{key[:-2] + '.' + name:42} {seconds:10.4f}")
        else:
            print(f"{key:42} {value:10.4f}")
    print(f"\n{'ratio':42} {'value':>10}")
    for key, value in ratios.items():
        print(f"{key:42} {value:10.2f}")
    print()
    for goal, met in goals.items():
        print(f"{'met ' if met else 'MISSED'} {goal}")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\nwrote bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
