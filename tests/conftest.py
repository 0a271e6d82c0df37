"""Shared fixtures: the seed normalized once per session, small hand-made sources."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

from dashboard import db
from dashboard.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
SEED = ROOT / "data" / "raw" / "shiroi_2018-2020_progress.tsv"
HEADER = (
    "領域\t番号\t2018-2020年度の取組みを目標としている項目\t年度の進捗目標\t\t\t"
    "2019年度の進捗(2020年1月時点)\t2020年度の計画案\n"
    "\t\t\t2018\t2019\t2020\t\t\n"
)


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder made once per test run and shared by the pytest-xdist workers: build(folder) runs in the
    first worker that asks while the others wait; nothing may change it afterwards."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' common base
    folder, done = root / name, root / f"{name}.built"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    """data/normalized/ as `python -m dashboard normalize` writes it from the bundled source (read only:
    tests that change it take a seed_copy)."""
    def build(folder: Path) -> None:
        assert main(["normalize", "--out", str(folder / "normalized")]) == 0

    return built_once(tmp_path_factory, "seed", build) / "normalized"


@pytest.fixture
def seed_copy(seed_dir):
    """A private copy of the seed import (its cache included): seed_copy(folder) -> folder."""
    def copy(dest: Path) -> Path:
        shutil.copytree(seed_dir, dest, symlinks=True)
        return dest
    return copy


@pytest.fixture(scope="session")
def seed_tables(seed_dir) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(seed_dir / f"{name}.csv", dtype=str, keep_default_na=False) for name in db.TABLES}


@pytest.fixture(scope="session")
def seed_con(seed_dir):
    return db.open_data(seed_dir)


def write_source(tmp_path: Path, body: str, header: str = HEADER, name: str = "table.tsv") -> Path:
    """A small source file: the given header, then body rows (tab-separated)."""
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


class Done(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> Done:
    """A command as `python -m dashboard ARGS` runs it, in this process: exit status, stdout and stderr. The
    environment holds no CAREPLAN_ setting but those given. Tests whose point is the process itself (its
    start, a kill, a umask, a memory limit) run a real one."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")  # with .buffer, as sys.stdout has
    err = io.StringIO()
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update({k: v for k, v in saved.items() if not k.startswith("CAREPLAN_")}, **(env or {}))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _stdin(stdin):
            try:
                code = main(list(args))
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 2
        out.flush()
        return Done(code, out.buffer.getvalue().decode("utf-8"), err.getvalue())
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _stdin(text: str):
    saved, sys.stdin = sys.stdin, io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


# --- The browser tests' server and browser (shared by test_browser.py and test_journeys.py) ----------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path | None = None, overrides: Path | None = None, args: tuple[str, ...] = (),
                 port: int | None = None):
    """A Streamlit server on the app (its own data, corrections file and extra `streamlit run` options)."""
    port = port or _free_port()
    env = dict(os.environ)
    env.pop("CAREPLAN_DATA", None)
    env.pop("CAREPLAN_OVERRIDES", None)
    if data is not None:
        env["CAREPLAN_DATA"] = str(data)
    if overrides is not None:
        env["CAREPLAN_OVERRIDES"] = str(overrides)
    log = open(ARTIFACTS / f"server-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
         "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return proc, url, log
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    proc.kill()
    log.close()
    raise RuntimeError("streamlit did not start:\n" + (ARTIFACTS / f"server-{port}.log").read_text())


@pytest.fixture(scope="session")
def server():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    proc, url, log = start_server()
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: apt-get install -y chromium fonts-noto-cjk"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()
