"""Server memory while viewers search: the app (AppTest, in this process) shows the measures view for
17 different search words, then again, and prints the process's resident memory after each view and
the result cache's bytes. Usage: python bench/memory.py DATA_DIR [CACHE_MB]"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["実施", "開催", "研修", "支援", "地域", "介護", "認知症", "相談", "周知", "連携", "会議", "事業", "推進",
         "検討", "予防", "高齢者", "市民"]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def trimmed_mb() -> float:
    """Resident memory after glibc returns freed pages (what the process really holds)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
    return rss_mb()


def main() -> None:
    os.environ["CAREPLAN_DATA"] = sys.argv[1]
    if len(sys.argv) > 2:
        os.environ["CAREPLAN_CACHE_MB"] = sys.argv[2]
    sys.path.insert(0, str(ROOT))
    from streamlit.testing.v1 import AppTest

    from dashboard import data

    print(f"start: {rss_mb():.0f} MB")
    peak = 0.0
    for rnd in range(2):
        for word in WORDS:
            at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=300)
            at.query_params["view"] = "measures"
            at.query_params["q"] = word
            at.run()
            assert not at.exception, [e.message for e in at.exception]
            peak = max(peak, rss_mb())
            print(f"round {rnd + 1} q={word}: rss {rss_mb():.0f} MB (after gc and malloc_trim {trimmed_mb():.0f} MB), "
                  f"result cache {data.RESULTS.used / 2**20:.0f} MB in {len(data.RESULTS)} entries", flush=True)
    print(f"peak rss {peak:.0f} MB; cache budget {data.CACHE_MB} MB; DuckDB buffer limit {data.db.READER_MEMORY}")


if __name__ == "__main__":
    main()
