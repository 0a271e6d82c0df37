"""Reliability: what an import replaces, what readers see during one, crashes at every step, damaged or
impossible caches, and the planners' corrections file and `correct` command."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dashboard.cli import main

from .conftest import ROOT, cli, write_source

HEADER = "recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
SMALL = "医療・看護\t1-①\t項目\t着手\t実施\t実施\t●実施した。\t●継続する。\n"


run = cli  # a command in this process; `process` where the point is a process of its own


def process(*args, env: dict | None = None, stdin: str | None = None, **kw) -> subprocess.CompletedProcess:
    """The real `python -m dashboard ARGS` process (a kill, a umask, a limit, a second process)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("CAREPLAN_")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "dashboard", *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=full, timeout=300, **kw)


def rows(done) -> list[dict]:
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def key(table: list[dict]) -> list[tuple]:
    return [(r["measure_id"], r["fiscal_year"], r["status"], r["evidence"]) for r in table]


@pytest.fixture(scope="module")
def sources(tmp_path_factory, seed_dir):
    """Two different imports: A (the seed, 153 measure-years; seed_dir is one) and B (one hand-made
    measure, 3), with the `status` output each gives."""
    tmp = tmp_path_factory.mktemp("sources")
    small = write_source(tmp, SMALL, name="small.tsv")
    assert run("normalize", str(small), "--out", str(tmp / "expectB")).returncode == 0
    expected = {}
    for name, out in (("A", seed_dir), ("B", tmp / "expectB")):
        expected[name] = key(rows(run("status", "--data", str(out), "--format", "csv")))
    assert len(expected["A"]) == 153 and len(expected["B"]) == 3
    return {"A": [], "B": [str(small)]}, expected


def marker_holds(folder: Path) -> bool:
    """Every file the marker lists is there with its hash, and nothing else."""
    lines = [line for line in (folder / ".careplan-tables").read_text().splitlines() if not line.startswith("#")]
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    present = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    return present == set(listed) and all(
        hashlib.sha256((folder / n).read_bytes()).hexdigest() == d for n, d in listed.items())


# --- what normalize may replace --------------------------------------------------------------------------


def test_normalize_refuses_a_folder_it_did_not_write(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("大事なメモ", encoding="utf-8")
    done = run("normalize", "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {out}: ")
    assert [p.name for p in out.iterdir()] == ["notes.txt"] and (out / "notes.txt").read_text() == "大事なメモ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no temporary siblings either


@pytest.mark.parametrize("case", ["raw_copy", "marked_with_foreign_file", "a_file", "parent_of_data"])
@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_normalize_refuses_data_raw_and_the_like(tmp_path, case):
    if case == "raw_copy":  # like `--out data/raw`: the sources themselves
        out = tmp_path / "raw"
        shutil.copytree(ROOT / "data" / "raw", out)
    elif case == "marked_with_foreign_file":  # its own folder, but a user put a file in it
        out = tmp_path / "n"
        assert run("normalize", "--out", str(out)).returncode == 0
        (out / "memo.xlsx").write_bytes(b"x")
    elif case == "a_file":
        out = tmp_path / "table.csv"
        out.write_text("a,b\n")
    else:  # like `--out data`
        out = tmp_path / "data"
        shutil.copytree(ROOT / "data", out)
    before = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    done = run("normalize", "--out", str(out))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {out}: ")
    assert {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()} == before


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_normalize_writes_into_a_missing_an_empty_or_its_own_folder_with_the_umask(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (tmp_path / "new" / "deeper", empty, empty):
        done = process("normalize", "--out", str(out), preexec_fn=lambda: os.umask(0o027))
        assert done.returncode == 0, done.stderr
        assert marker_holds(out)
        assert out.stat().st_mode & 0o777 == 0o750
        assert (out / "items.csv").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "new"]  # nothing left beside


def test_committed_tables_carry_the_marker_so_make_data_works_on_a_fresh_clone():
    assert marker_holds(ROOT / "data" / "normalized")
    tracked = subprocess.run(["git", "ls-files", "data/normalized"], cwd=ROOT, capture_output=True, text=True)
    assert "data/normalized/.careplan-tables" in tracked.stdout.split()


def test_export_writes_files_with_the_umask(tmp_path):
    out = tmp_path / "x.csv"
    done = process("export", "--out", str(out), preexec_fn=lambda: os.umask(0o002))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o664


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_a_symlinked_out_replaces_the_folder_it_points_to(tmp_path, seed_copy, sources):
    args, expected = sources
    target = tmp_path / "real"
    link = tmp_path / "link"
    seed_copy(target)  # import A
    link.symlink_to(target)
    done = run("normalize", *args["B"], "--out", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert key(rows(run("status", "--data", str(link), "--format", "csv"))) == expected["B"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_a_read_only_old_folder_is_replaced_without_leftovers(tmp_path, seed_copy, sources):
    args, expected = sources
    out = tmp_path / "n"
    seed_copy(out)  # import A
    for p in [*out.iterdir(), out]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    done = run("normalize", *args["B"], "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert key(rows(run("status", "--data", str(out), "--format", "csv"))) == expected["B"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n"]


# --- crashes at every step of the replacement ------------------------------------------------------------


@pytest.mark.slow  # long: in `make test`, not in `make check`
@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
@pytest.mark.parametrize("step", ["tables", "marker", "swap", "cleanup"])
def test_sigkill_at_any_step_leaves_the_old_or_the_new_set_whole(tmp_path, sources, step, exchange):
    args, expected = sources
    out = tmp_path / "n"
    assert run("normalize", *args["A"], "--out", str(out)).returncode == 0
    env = {"CAREPLAN_TEST_KILL_AT": step, **({} if exchange else {"CAREPLAN_NO_EXCHANGE": "1"})}
    killed = process("normalize", *args["B"], "--out", str(out), env=env)
    assert killed.returncode == -signal.SIGKILL
    seen = key(rows(run("status", "--data", str(out), "--format", "csv")))
    assert seen in (expected["A"], expected["B"])
    if os.path.isdir(out):
        assert marker_holds(out)
    again = run("normalize", *args["B"], "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert key(rows(run("status", "--data", str(out), "--format", "csv"))) == expected["B"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n"]  # what the killed writer left is gone


# --- readers during imports ------------------------------------------------------------------------------


def _read_only_parent(parent: Path) -> list[str] | None:
    """A command prefix that runs a reader for which `parent` (and the data folder in it) is read-only."""
    if os.geteuid() != 0:
        return None  # the caller makes the folder read-only with chmod instead
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind / /mnt 2>/dev/null && echo ok"],
                           capture_output=True, text=True)
    if probe.stdout.strip() != "ok":
        pytest.fail("as root, a read-only folder needs `unshare -m` and a bind mount")
    return ["unshare", "-m", "sh", "-c",
            f'mount --bind "{parent}" "{parent}" && mount -o remount,bind,ro "{parent}" && exec "$@"', "sh"]


@pytest.mark.slow  # long: in `make test`, not in `make check`
def test_concurrent_readers_see_exactly_one_import_while_imports_run(tmp_path, sources):
    """Three `status` processes in a loop (one of them unable to write the folder) while another process
    imports 10 times, alternating two different sources: every read succeeds and equals one import."""
    args, expected = sources
    parent = tmp_path / "p"
    out = parent / "n"
    assert run("normalize", *args["A"], "--out", str(out)).returncode == 0
    ro = _read_only_parent(parent)
    stop = threading.Event()
    results: list[tuple[int, subprocess.CompletedProcess]] = []
    cmd = [sys.executable, "-m", "dashboard", "status", "--data", str(out), "--format", "csv"]

    def reader(n):
        while not stop.is_set():
            full = (ro + cmd) if (n == 2 and ro) else cmd
            results.append((n, subprocess.run(full, capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                                              timeout=300)))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
    for th in threads:
        th.start()
    try:
        for i in range(10):
            done = process("normalize", *args["B" if i % 2 == 0 else "A"], "--out", str(out))
            assert done.returncode == 0, done.stderr
    finally:
        stop.set()
        for th in threads:
            th.join()
    failed = [(n, r.stderr) for n, r in results if r.returncode != 0]
    assert not failed
    seen = [key(list(csv.DictReader(io.StringIO(r.stdout)))) for _, r in results]
    mixed = [s for s in seen if s not in (expected["A"], expected["B"])]
    assert not mixed, f"{len(mixed)} of {len(seen)} reads mix imports"
    assert len(results) >= 9 and {n for n, _ in results} == {0, 1, 2}
    print(f"\n{len(results)} reads during 10 imports: {sum(s == expected['A'] for s in seen)} A, "
          f"{sum(s == expected['B'] for s in seen)} B, 0 failed, 0 mixed")


@pytest.mark.slow  # long: in `make test`, not in `make check`
def test_the_apps_data_layer_reads_whole_imports_while_imports_run(tmp_path, sources, app_env):
    """Four server threads take snapshots and query while another process imports 6 times: no errors, and
    the statuses and the sources of one snapshot belong to one import."""
    from dashboard import data, queries

    args, expected = sources
    out = tmp_path / "n"
    assert run("normalize", *args["A"], "--out", str(out)).returncode == 0
    os.environ["CAREPLAN_DATA"], os.environ["CAREPLAN_OVERRIDES"] = str(out), str(tmp_path / "none.csv")
    stop, errors, seen = threading.Event(), [], []

    def server_thread():
        while not stop.is_set():
            try:
                snap = data.snapshot()
                status = queries.run(snap.opened.con, "status", municipality=None, year=None, domains=None,
                                     statuses=None, q=None)
                files = set(queries.run(snap.opened.con, "sources").file)
                seen.append((len(status), files))
            except Exception as e:  # noqa: BLE001 - collected and reported
                errors.append(repr(e))

    threads = [threading.Thread(target=server_thread) for _ in range(4)]
    for th in threads:
        th.start()
    try:
        for i in range(6):
            assert process("normalize", *args["B" if i % 2 == 0 else "A"], "--out", str(out)).returncode == 0
    finally:
        stop.set()
        for th in threads:
            th.join()
    assert not errors, errors[:3]
    assert {(n, tuple(sorted(f))) for n, f in seen} <= {(153, ("shiroi_2018-2020_progress.tsv",)), (3, ("small.tsv",))}
    assert len({n for n, _ in seen}) == 2  # both imports were seen


# --- caches ----------------------------------------------------------------------------------------------


def _cache(folder: Path) -> Path:
    caches = list(folder.glob(".careplan-cache-*.duckdb"))
    assert len(caches) == 1, caches
    return caches[0]


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
@pytest.mark.parametrize("damage", ["half", "last_block", "garbage", "empty"])
def test_a_damaged_cache_is_detected_and_rebuilt(tmp_path, seed_copy, sources, damage):
    args, expected = sources
    out = tmp_path / "n"
    seed_copy(out)  # import A
    cache = _cache(out)
    size = cache.stat().st_size
    if damage == "half":
        os.truncate(cache, size // 2)
    elif damage == "last_block":
        os.truncate(cache, size - 4096)
    elif damage == "garbage":
        with cache.open("r+b") as f:
            f.seek(size // 2)
            f.write(os.urandom(size // 2 - 4096))
    else:
        os.truncate(cache, 0)
    done = run("status", "--data", str(out), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert key(rows(done)) == expected["A"]
    assert _cache(out).stat().st_size == size  # published again, whole
    assert key(rows(run("status", "--data", str(out), "--format", "csv"))) == expected["A"]


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_a_read_only_folder_is_read_in_memory(tmp_path, seed_copy, sources):
    args, expected = sources
    parent = tmp_path / "p"
    out = parent / "n"
    seed_copy(out)  # import A
    _cache(out).unlink()
    ro = _read_only_parent(parent)
    cmd = [sys.executable, "-m", "dashboard", "status", "--data", str(out), "--format", "csv"]
    if ro is None:
        out.chmod(0o555)
    done = subprocess.run((ro or []) + cmd, capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert key(rows(done)) == expected["A"]
    assert not list(out.glob(".careplan-cache*"))


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_a_full_disk_is_read_in_memory(tmp_path, seed_copy, sources):
    """A file size limit (EFBIG, as a full disk gives ENOSPC): the cache cannot be written."""
    args, expected = sources
    out = tmp_path / "n"
    seed_copy(out)  # import A
    _cache(out).unlink()

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = process("status", "--data", str(out), "--format", "csv", preexec_fn=limit)
    assert done.returncode == 0, done.stderr
    assert key(rows(done)) == expected["A"]
    assert not list(out.glob(".careplan-cache*"))  # the partial private file was removed


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_a_same_length_edit_with_the_old_mtime_is_seen(tmp_path, seed_copy):
    out = tmp_path / "n"
    seed_copy(out)
    before = {(r["measure_id"], r["fiscal_year"]): r["status"] for r in rows(run("status", "--data", str(out),
                                                                                 "--format", "csv"))}
    assert before["1-1-1", "2019"] == "achieved"
    items = out / "items.csv"
    st = items.stat()
    text = items.read_text(encoding="utf-8")
    edited = text.replace("5つの課題別ワーキングを開催した。", "5つの課題別ワーキングを開催せず。", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    items.write_text(edited, encoding="utf-8")
    os.utime(items, ns=(st.st_atime_ns, st.st_mtime_ns))  # what `touch -d` can do
    assert items.stat().st_mtime_ns == st.st_mtime_ns and items.stat().st_size == st.st_size
    after = {(r["measure_id"], r["fiscal_year"]): r["status"] for r in rows(run("status", "--data", str(out),
                                                                                "--format", "csv"))}
    assert after["1-1-1", "2019"] != "achieved"


# --- the corrections file --------------------------------------------------------------------------------


def _status(data: Path, overrides: Path, year="2019") -> tuple[dict, str]:
    done = run("status", "--data", str(data), "--format", "csv", "--year", year, "--overrides", str(overrides))
    return {r["measure_id"]: r for r in rows(done)}, done.stderr


def test_each_bad_corrections_row_is_skipped_with_a_warning_and_the_rest_applies(seed_dir, tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text(
        HEADER
        + "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,未達成,partial,ポイント未交付,高齢者支援課\n"  # 2: good
        + " 2026-11-20T10:00:00+09:00 , 白井市 , 6-3-4 , 2019 , confirm , 一部達成 ,, 確認した ,\n"  # 3: spaces: good
        + "2026-11-20T10:00:00+09:00,,9-9-9,2019,correct,achieved,,x,\n"  # 4: unknown measure
        + "2026-11-20T10:00:00+09:00,,1-1-1,2031,correct,achieved,,x,\n"  # 5: unknown year
        + "2026-11-20T10:00:00+09:00,,1-1-1,2019,correct,done,,x,\n"  # 6: bad status
        + "2026-11-20T10:00:00+09:00,,1-1-1,2019,correct,achieved,,   ,\n"  # 7: empty reason
        + "2026-11-20T10:00:00+09:00,,1-1-1,2019,correct\n"  # 8: too few cells
        + ",,,,,,,,\n"  # 9: a blank row of commas
        + "2026-11-20T10:00:00+09:00,大阪市,1-1-1,2019,correct,achieved,,x,\n"  # 10: unknown municipality
        + "yesterday,,1-1-1,2019,correct,achieved,,x,\n"  # 11: bad time
        + "2026-11-20T10:00:00+09:00,,1-1-1,2019,approve,achieved,,x,\n"  # 12: bad action
        + ",,,,,,\n",  # 13: commas, wrong count
        encoding="utf-8")
    by, stderr = _status(seed_dir, path)
    assert by["6-3-5"]["status"] == "not_achieved" and by["6-3-5"]["status_source"] == "confirmed"
    assert by["6-3-4"]["status_source"] == "confirmed" and by["6-3-4"]["confirmed_reason"] == "確認した"
    assert by["1-1-1"]["status_source"] == "automatic"
    lines = stderr.splitlines()
    assert [line.split(": ", 2)[1] for line in lines] == [f"{path}:{n}" for n in range(4, 14)]
    assert all(line.startswith("warning: ") for line in lines)
    for n, why in ((4, "unknown measure '9-9-9'"), (5, "no fiscal year 2031"), (6, "unknown status 'done'"),
                   (7, "reason is empty"), (8, "5 cells, expected 9"), (9, "blank row"),
                   (10, "unknown municipality '大阪市'"), (11, "not an ISO 8601 time"), (12, "action 'approve'"),
                   (13, "blank row")):
        assert why in lines[n - 4], lines[n - 4]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_a_corrections_file_saved_by_excel_is_read(seed_dir, tmp_path, encoding):
    path = tmp_path / "corrections.csv"
    path.write_bytes((HEADER + "2026-11-20T10:00:00+09:00,白井市,6-3-5,2019,correct,未達成,一部達成,"
                      "ポイント未交付,高齢者支援課\r\n").replace("\n", "\r\n").encode(encoding))
    by, stderr = _status(seed_dir, path)
    assert stderr == ""
    assert (by["6-3-5"]["status"], by["6-3-5"]["confirmed_reason"], by["6-3-5"]["confirmed_by"]) == \
        ("not_achieved", "ポイント未交付", "高齢者支援課")


@pytest.mark.parametrize(("content", "warned"), [(b"", False), (HEADER.encode(), False), (b"\xef\xbb\xbf", False),
                                                 (b"\x89PNG\r\n\x1a\n\x00\xff\xfe\x81", True),
                                                 (b"a,b,c\n1,2,3\n", True)])
def test_an_empty_or_unreadable_corrections_file_gives_no_corrections(seed_dir, tmp_path, content, warned):
    path = tmp_path / "corrections.csv"
    path.write_bytes(content)
    by, stderr = _status(seed_dir, path)
    assert {r["status_source"] for r in by.values()} == {"automatic"}
    assert stderr.count("warning: ") == (1 if warned else 0), stderr
    assert "Traceback" not in stderr


def test_the_latest_entry_decides_and_withdraw_returns_to_automatic(seed_dir, tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text(HEADER
                    + "2026-11-21T10:00:00+09:00,,6-3-5,2019,withdraw,,,誤りだった,\n"
                    + "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,not_achieved,partial,未実施,\n"
                    + "2026-11-20T10:00:00+09:00,,6-3-4,2019,correct,achieved,achieved,古い判定に対して,\n",
                    encoding="utf-8")
    by, _ = _status(seed_dir, path)
    assert by["6-3-5"]["status_source"] == "automatic"  # withdrawn a day later, though written first
    assert by["6-3-4"]["correction_stale"] == "true"  # the automatic status is no longer 'achieved'
    assert by["1-1-1"]["correction_stale"] == "false"


# --- the correct command ---------------------------------------------------------------------------------


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_correct_records_confirm_correct_and_withdraw_as_a_history(seed_dir, tmp_path):
    path = tmp_path / "sub" / "corrections.csv"
    base = ["correct", "--data", str(seed_dir), "--overrides", str(path), "--year", "2019"]
    done = run(*base, "--measure", "6-3-5", "--status", "未達成", "--reason", "ポイント未交付", "--by", "田中")
    assert done.returncode == 0, done.stderr
    by, _ = _status(seed_dir, path)
    row = by["6-3-5"]
    assert (row["status"], row["status_source"], row["automatic_status"], row["confirmed_reason"],
            row["confirmed_by"]) == ("not_achieved", "confirmed", "partial", "ポイント未交付", "田中")
    assert run(*base, "--measure", "6-3-4", "--status", by["6-3-4"]["status"], "--reason", "確認").returncode == 0
    assert run(*base, "--measure", "6-3-5", "--withdraw", "--reason", "取り下げ").returncode == 0
    by, _ = _status(seed_dir, path)
    assert by["6-3-5"]["status_source"] == "automatic" and by["6-3-4"]["status_source"] == "confirmed"
    history = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [(h["measure_id"], h["action"], h["status"], h["automatic_status"]) for h in history] == [
        ("6-3-5", "correct", "not_achieved", "partial"), ("6-3-4", "confirm", by["6-3-4"]["status"],
                                                         by["6-3-4"]["status"]),
        ("6-3-5", "withdraw", "", "partial")]
    assert all(h["recorded_at"][19:] in ("Z",) or h["recorded_at"][19] in "+-" for h in history)


@pytest.mark.parametrize(("args", "message"), [
    (["--measure", "9-9-9", "--year", "2019", "--status", "achieved", "--reason", "x"], "error: --measure: unknown measure"),
    (["--measure", "6-3-5", "--year", "2031", "--status", "achieved", "--reason", "x"],
     "error: --year: measure 6-3-5 has no fiscal year 2031"),
    (["--measure", "6-3-5", "--year", "2019", "--status", "done", "--reason", "x"], "error: --status: unknown status 'done'"),
    (["--measure", "6-3-5", "--year", "2019", "--status", "achieved", "--reason", "  "], "error: --reason: is empty"),
    (["--measure", "6-3-5", "--year", "2019", "--status", "達成", "--reason", "x", "--municipality", "大阪市"],
     "error: --municipality: unknown municipality '大阪市'"),
    (["--measure", "6-3-5", "--year", "2019", "--withdraw", "--reason", "x"], "error: --withdraw: 6-3-5 2019 has no"),
])
def test_correct_refuses_bad_input_and_leaves_the_file(seed_dir, tmp_path, args, message):
    path = tmp_path / "corrections.csv"
    path.write_text(HEADER, encoding="utf-8")
    done = run("correct", "--data", str(seed_dir), "--overrides", str(path), *args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(message), done.stderr
    assert path.read_text(encoding="utf-8") == HEADER


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_correct_needs_the_municipality_when_the_data_holds_several(tmp_path):
    data = tmp_path / "syn"
    assert main(["synth", "--municipalities", "2", "--out", str(data)]) == 0
    path = tmp_path / "corrections.csv"
    base = ["correct", "--data", str(data), "--overrides", str(path), "--measure", "1-1-1", "--year", "2019",
            "--status", "achieved", "--reason", "x"]
    done = run(*base)
    assert done.returncode == 2 and "--municipality" in done.stderr and not path.exists()
    assert run(*base, "--municipality", "合成市0002").returncode == 0
    assert list(csv.DictReader(path.open(encoding="utf-8")))[0]["municipality"] == "合成市0002"


@pytest.mark.slow  # long: in `make test`, not in `make check`
def test_twenty_concurrent_corrections_are_all_kept(seed_dir, tmp_path):
    path = tmp_path / "corrections.csv"
    measures = run("status", "--data", str(seed_dir), "--format", "csv", "--year", "2019")
    ids = [r["measure_id"] for r in rows(measures)][:20]
    procs = [subprocess.Popen([sys.executable, "-m", "dashboard", "correct", "--data", str(seed_dir), "--overrides",
                               str(path), "--measure", m, "--year", "2019", "--status", "未報告", "--reason", f"r{n}"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for n, m in enumerate(ids)]
    assert [p.wait(timeout=300) for p in procs] == [0] * 20, [p.stderr.read() for p in procs]
    history = list(csv.DictReader(path.open(encoding="utf-8")))
    assert sorted(h["measure_id"] for h in history) == sorted(ids)
    by, stderr = _status(seed_dir, path)
    assert stderr == "" and all(by[m]["status"] == "no_report" for m in ids)


def test_correct_appends_to_a_cp932_file_as_utf8_keeping_its_rows(seed_dir, tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_bytes((HEADER + "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,未達成,一部達成,未交付,田中\r\n")
                     .encode("cp932"))
    done = run("correct", "--data", str(seed_dir), "--overrides", str(path), "--measure", "6-3-4", "--year", "2019",
               "--status", "achieved", "--reason", "確認")
    assert done.returncode == 0, done.stderr
    history = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert [h["reason"] for h in history] == ["未交付", "確認"]


def test_correct_keeps_a_planners_column_order_and_extra_columns(seed_dir, tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("measure_id,fiscal_year,status,reason,memo,recorded_at,municipality,action,automatic_status,by\n",
                    encoding="utf-8")
    done = run("correct", "--data", str(seed_dir), "--overrides", str(path), "--measure", "6-3-5", "--year", "2019",
               "--status", "未達成", "--reason", "未交付")
    assert done.returncode == 0, done.stderr
    (entry,) = list(csv.DictReader(path.open(encoding="utf-8")))
    assert (entry["measure_id"], entry["status"], entry["reason"], entry["memo"], entry["action"]) == \
        ("6-3-5", "not_achieved", "未交付", "", "correct")
    by, stderr = _status(seed_dir, path)
    assert stderr == "" and by["6-3-5"]["status"] == "not_achieved"


# --- the running app -------------------------------------------------------------------------------------


def _app(data: Path, overrides: Path, params: dict):
    from .apptest import new_session

    os.environ["CAREPLAN_DATA"], os.environ["CAREPLAN_OVERRIDES"] = str(data), str(overrides)
    return new_session(params, run=False)


def _texts(at) -> str:
    from .apptest import page_text

    return page_text(at)


@pytest.fixture
def app_env():
    yield
    os.environ.pop("CAREPLAN_DATA", None)
    os.environ.pop("CAREPLAN_OVERRIDES", None)


@pytest.mark.slow  # several command processes: in `make test`, not in `make check`
def test_the_running_app_shows_a_new_correction_and_a_new_import_without_restart(tmp_path, seed_copy, app_env):
    data = tmp_path / "n"
    seed_copy(data)
    path = tmp_path / "corrections.csv"
    at = _app(data, path, {"view": "measures", "measure": "6-3-5"})
    at.run()
    assert not at.exception and "訂正済み" not in _texts(at)
    done = run("correct", "--data", str(data), "--overrides", str(path), "--measure", "6-3-5", "--year", "2019",
               "--status", "未達成", "--reason", "ポイント交付は未実施")
    assert done.returncode == 0, done.stderr
    at.run()
    assert not at.exception
    assert "訂正済み" in _texts(at) and "ポイント交付は未実施" in _texts(at)
    small = write_source(tmp_path, SMALL, name="small.tsv")
    assert run("normalize", str(small), "--out", str(data)).returncode == 0
    at.run()
    assert not at.exception
    assert "1件" in [c.value for c in at.caption]  # the new import: one measure (the measures view counts the rows shown)
    # and the correction (it names 白井市) no longer fits the data: a banner naming the skipped row
    assert "1行を読み飛ばしました" in _texts(at) and "白井市" in _texts(at)


def test_the_app_says_when_a_correction_went_stale(seed_dir, tmp_path, app_env):
    path = tmp_path / "corrections.csv"
    path.write_text(HEADER + "2026-11-20T10:00:00+09:00,,6-3-5,2019,confirm,achieved,achieved,確認,\n",
                    encoding="utf-8")
    at = _app(seed_dir, path, {"view": "measures", "measure": "6-3-5"})
    at.run()
    assert not at.exception
    assert "確認後に自動判定が変わりました（現在: 一部達成）" in _texts(at)


def test_a_bad_corrections_row_is_a_banner_in_the_app_not_an_exception(tmp_path, seed_copy, app_env):
    data = tmp_path / "n"
    seed_copy(data)
    path = tmp_path / "corrections.csv"
    path.write_text(HEADER + "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,*done*,,x,\n,,,,,,\n", encoding="utf-8")
    at = _app(data, path, {"view": "data"})
    at.run()
    assert not at.exception
    banner = at.warning[0].value
    assert "2行" in banner and r"状況「\*done\*」は使えません" in banner  # literal: the asterisks are escaped
    texts = [t.value for t in at.text]
    said = next(x for x in texts if x.startswith(f"{path.name}:2: 状況「*done*」は使えません（achieved, "))
    assert said.endswith("のいずれか、またはその表示名：未達成 など）。この行を読み飛ばしました。")  # in the UI's language
    assert f"{path.name}:3: 空の行です。この行を読み飛ばしました。" in texts
    assert str(path.parent) not in _texts(at)  # the server's folders are not shown
    slide = _app(data, path, {"view": "present"})
    slide.run()
    assert not slide.warning  # a slide in a meeting shows no banner; the data page lists the rows
    english = _app(data, path, {"view": "data", "lang": "en"})
    english.run()
    assert any(t.value.startswith(f"{path.name}:2: unknown status '*done*' (one of achieved, ") for t in english.text)


def test_the_app_recovers_from_a_damaged_cache_by_itself(tmp_path, seed_copy, app_env):
    data = tmp_path / "n"
    seed_copy(data)
    os.truncate(_cache(data), 8192)
    at = _app(data, tmp_path / "none.csv", {})
    at.run()
    assert not at.exception
    assert "領域別の状況" in _texts(at)


# --- the app's result cache is bounded in bytes ----------------------------------------------------------


def test_the_result_cache_keeps_to_its_byte_budget():
    import pandas as pd

    from dashboard.data import ByteLRU, size_of

    frame = pd.DataFrame({"text": ["あ" * 100] * 1000})
    one = size_of(frame)
    assert one > 100_000
    lru = ByteLRU(budget=one * 9 // 2)
    for n in range(20):
        lru.get(("fp", n), lambda: frame.copy())
    assert lru.used <= one * 9 // 2 and len(lru) == 4  # bounded by bytes, not by count
    assert lru.get(("fp", 19), lambda: None) is not None  # the newest are kept
    lru.retain(lambda k: False)
    assert lru.used == 0 and len(lru) == 0


def test_normalize_refuses_a_table_changed_by_hand_unless_told(tmp_path, seed_copy, capsys):
    out = seed_copy(tmp_path / "n")
    edited = out / "measures.csv"
    edited.write_bytes(edited.read_bytes().replace("介護".encode(), "介護（手で直した）".encode(), 1))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["normalize", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{edited}: was changed after it was written" in err and "--replace-edited" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert main(["normalize", "--out", str(out), "--replace-edited"]) == 0
    assert "手で直した" not in edited.read_text(encoding="utf-8") and marker_holds(out)


def test_every_reason_a_corrections_row_is_skipped_has_its_text_in_every_language():
    """The app words each warning about the corrections file in the UI's language (skipped_<key>)."""
    import re

    from dashboard.i18n import LANGS, TEXT

    code = (ROOT / "dashboard" / "corrections.py").read_text(encoding="utf-8")
    keys = set(re.findall(r'Unusable\("(\w+)"', code)) | set(re.findall(r'Skipped\([^,]+, "(\w+)"', code))
    assert len(keys) >= 15
    for key in keys:  # the reason in every language; the command line's English is the same text
        assert all(TEXT[lang].get(f"unusable_{key}") for lang in LANGS), key
    assert all(TEXT[lang].get(f"skipped_{scope}") for scope in ("row", "file") for lang in LANGS)
