"""A full meeting room: N concurrent browser sessions change filters and open details.

    python bench/loadtest.py [--sessions 20] [--rounds 2] [--url http://127.0.0.1:8501]

Without --url it starts its own server on a free port. Reports errors, incomplete pages, time and the
server's memory (RSS) before and after; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 240_000
DOMAINS = ["医療・看護", "介護・リハビリテーション", "保健・福祉", "本人の選択・本人家族の心構え", "住まいの確保",
           "生活支援", "認知症の予防と支援"]
MEASURES = ["1-1-1", "2-2-1", "3-2-2", "4-3-3", "5-1-1", "6-4-2", "7-4-2"]
READY = """() => { const a = document.querySelector('[data-testid=stApp]');
    return a && a.getAttribute('data-test-connection-state') === 'CONNECTED'
        && a.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid=stSkeleton]'); }"""


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                     text=True).stdout.split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start")


async def session(browser, url: str, n: int, rounds: int, problems: list[str]) -> int:
    rnd = random.Random(n)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)  # 20 sessions share 2 cores: waits are long, but bounded
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = await context.new_page()
    pages = 0

    async def ready(what: str, key: str) -> None:
        nonlocal pages
        await page.wait_for_function(READY, timeout=TIMEOUT_MS)
        if await page.locator("[data-testid=stException]").count():
            problems.append(f"session {n}: exception on {what}")
        if not await page.locator(f".st-key-{key}").count():
            problems.append(f"session {n}: {what} incomplete (no .st-key-{key})")
        pages += 1

    try:
        for _ in range(rounds):
            domain = quote(rnd.choice(DOMAINS))
            year = rnd.choice([2018, 2019, 2020])
            await page.goto(f"{url}/?year={year}&domain={domain}")
            await ready("overview", "domain-chart")
            await page.locator("[data-testid=stMain] [data-testid=stRadio]").get_by_text("取組み一覧").click()
            await page.wait_for_function("() => location.search.includes('view=measures')", timeout=TIMEOUT_MS)
            await ready("measures", "measure-table")
            await page.goto(f"{url}/?view=measures&measure={rnd.choice(MEASURES)}&lang={rnd.choice(['ja', 'en'])}")
            await ready("detail", "measure-detail")
            await page.goto(f"{url}/?view=lagging&status=partial,not_achieved")
            await ready("lagging", "lagging-list")
    except Exception as e:  # a timeout is a failure of the run, reported with the others
        problems.append(f"session {n}: {type(e).__name__}: {str(e).splitlines()[0]}")
    finally:
        await context.close()
    return pages


async def run(url: str, sessions: int, rounds: int) -> dict:
    problems: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"])
        start = time.perf_counter()
        counts = await asyncio.gather(*(session(browser, url, n, rounds, problems) for n in range(sessions)))
        seconds = time.perf_counter() - start
        await browser.close()
    return {"sessions": sessions, "rounds": rounds, "pages": sum(counts), "expected_pages": sessions * rounds * 4,
            "seconds": round(seconds, 1), "problems": problems}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--url")
    args = parser.parse_args()
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server()
    try:
        before = rss_mb(proc.pid) if proc else None
        cpu = cpu_seconds(proc.pid) if proc else None
        report = asyncio.run(run(url, args.sessions, args.rounds))
        if proc:
            report["server_cpu_seconds"] = round(cpu_seconds(proc.pid) - cpu, 1)
            report["server_rss_mb_before"] = round(before, 1)
            report["server_rss_mb_after"] = round(rss_mb(proc.pid), 1)
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if not report["problems"] and report["pages"] == report["expected_pages"] else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
