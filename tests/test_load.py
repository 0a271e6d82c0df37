"""A full meeting room: 20 concurrent browser sessions change filters and open details."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser


def test_twenty_concurrent_sessions_complete_without_errors():
    """bench/loadtest.py with 20 sessions: every page complete, no error, server memory bounded."""
    done = subprocess.run([sys.executable, "bench/loadtest.py", "--sessions", "20", "--rounds", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=1200)
    report = json.loads(done.stdout)
    print(json.dumps(report, ensure_ascii=False))
    assert report["problems"] == []
    assert report["pages"] == report["expected_pages"] == 80
    assert report["server_rss_mb_after"] < 1024
    assert done.returncode == 0
