"""The commands as a user runs them: exit status, stdout and stderr (in this process, as `python -m dashboard`
runs them; a few tests start the real process)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from .conftest import ROOT, cli, write_source

run = cli


def process(*args):
    """The real `python -m dashboard ARGS` process."""
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=120)


def test_normalize_prints_a_short_report(tmp_path):
    out = tmp_path / "n"
    done = process("normalize", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "51 measures in 7 domains; years 2018,2019,2020" in done.stdout
    assert "row_shifted 3" in done.stdout and "page_header_dropped 8" in done.stdout
    assert "2020年度の実績" in done.stdout  # the warning about page 1's header
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".careplan-cache")) == sorted(
        [".careplan-tables"] + [f"{n}.csv" for n in ("sources", "columns", "headers", "domains", "names", "measures",
                                                     "targets", "target_parts", "items", "repairs")])


def test_committed_normalized_tables_are_current(tmp_path):
    out = tmp_path / "n"
    assert run("normalize", "--out", str(out)).returncode == 0
    committed = ROOT / "data" / "normalized"
    for path in out.iterdir():
        if path.name.startswith(".careplan-cache"):
            continue  # the query cache, git-ignored
        assert (committed / path.name).read_bytes() == path.read_bytes(), f"{path.name}: run `make data`"


def test_status_csv_has_153_rows_with_contract_columns():
    done = run("status", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 153
    assert {"measure_id", "domain", "number", "fiscal_year", "status", "evidence"} <= set(rows[0])
    assert {r["fiscal_year"] for r in rows} == {"2018", "2019", "2020"}
    by_key = {(r["measure_id"], r["fiscal_year"]): r for r in rows}
    assert by_key["3-2-4", "2019"]["number"] == "2-④" and by_key["3-2-4", "2019"]["domain"] == "保健・福祉"
    assert by_key["1-1-1", "2018"]["status"] == "target_only"
    assert by_key["2-2-2", "2019"]["status"] == "no_target"


def test_status_filters_by_year_and_domain_as_json():
    done = run("status", "--year", "2019", "--domain", "住まいの確保", "--format", "json")
    rows = json.loads(done.stdout)
    assert [(r["number"], r["fiscal_year"]) for r in rows] == [("1-①", 2019), ("2-②", 2019)]


def test_classify_gives_one_status_and_evidence_per_line():
    done = run("classify", stdin="●研修会を開催した。\n\n●広報掲載は行っていない。\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "achieved\t研修会を開催した。\thigh",
        "no_report\t\thigh",
        "not_achieved\t広報掲載は行っていない。\thigh",
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d / "empty.tsv").write_text(""), "empty.tsv: file is empty"),
        (lambda d: (d / "bin.tsv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), "bin.tsv:3: binary data, not a text table"),
        (lambda d: None, "missing.tsv: no such file"),
        (lambda d: write_source(d, "", name="headeronly.tsv"), "headeronly.tsv: header but no rows of measures"),
        (lambda d: write_source(d, "領域A\t?\tx\t\t\t\t\t\n", name="badnum.tsv"),
         "badnum.tsv:3: item number cannot be read: '?'"),
    ],
)
def test_unusable_input_exit_2_one_line_and_output_untouched(tmp_path, setup, message, seed_copy):
    out = seed_copy(tmp_path / "out")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    setup(tmp_path)
    name = message.split(":")[0]
    done = run("normalize", str(tmp_path / name), "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert message in done.stderr and "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_named_source_without_manifest_entry_warns_and_leaves_municipality_empty(tmp_path):
    src = write_source(tmp_path, "医療・看護\t1-①\t項目\t着手\t実施\t実施\t●実施した。\t●継続する。\n")
    done = run("normalize", str(src), "--out", str(tmp_path / "n"))
    assert done.returncode == 0, done.stderr
    assert "(municipality unknown)" in done.stdout and "not in data/raw/manifest.csv" in done.stdout
    status = run("status", "--data", str(tmp_path / "n"), "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(status.stdout)))) == 3


def test_status_names_the_domain_in_the_language_asked_and_keeps_its_columns():
    """status --lang en: domain as in the source, domain_label in English; --domain takes either name."""
    done = run("status", "--year", "2019", "--domain", "Securing housing", "--lang", "en", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {"measure_id", "domain", "number", "fiscal_year", "status", "evidence", "confidence",
            "status_source"} <= set(rows[0])
    assert len(rows) == 2 and {(r["domain"], r["domain_label"]) for r in rows} == {("住まいの確保", "Securing housing")}
    japanese = list(csv.DictReader(io.StringIO(run("status", "--year", "2019", "--format", "csv").stdout)))
    assert all(r["domain_label"] == r["domain"] for r in japanese) and len(japanese) == 51


def test_status_on_a_missing_directory_says_how_to_fix(tmp_path):
    done = run("status", "--data", str(tmp_path / "nothing"))
    assert done.returncode == 2
    assert done.stderr.strip() == f"error: {tmp_path / 'nothing'}: no normalized tables here; " \
                                  "run `python -m dashboard normalize`"


def test_correct_then_status_shows_the_confirmed_status_with_its_reason(tmp_path, seed_copy):
    data, overrides = seed_copy(tmp_path / "n"), tmp_path / "corrections.csv"
    done = run("correct", "--data", str(data), "--overrides", str(overrides), "--measure", "6-3-5", "--year", "2019",
               "--status", "未達成", "--reason", "ポイント交付は未実施", "--by", "高齢者支援課")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"recorded in {overrides}: correct 6-3-5 2019 not_achieved (automatic: partial)")
    status = run("status", "--data", str(data), "--overrides", str(overrides), "--year", "2019", "--format", "json")
    row = next(r for r in json.loads(status.stdout) if r["measure_id"] == "6-3-5")
    assert (row["status"], row["status_source"], row["automatic_status"], row["confirmed_reason"],
            row["confirmed_by"], row["correction_stale"]) == \
        ("not_achieved", "confirmed", "partial", "ポイント交付は未実施", "高齢者支援課", False)


def test_normalize_into_a_foreign_folder_is_one_error_line_and_exit_2(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    done = run("normalize", "--out", str(tmp_path))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"error: {tmp_path}: not empty and not written by `python -m dashboard normalize`")
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("data/status_overrides.csv", "is the corrections file"),
        ("data/raw/manifest.csv", "folder of source or normalized tables"),
        ("data/normalized/measures.csv", "folder of source or normalized tables"),
        ("mine.csv", "exists; choose another name, or pass --force"),
    ],
)
def test_export_never_replaces_a_users_file(tmp_path, target, message):
    """export refuses the corrections file, sources, tables, and (without --force) any existing file."""
    import shutil

    copy = tmp_path / "p"
    shutil.copytree(ROOT / "data", copy / "data", ignore=shutil.ignore_patterns(".careplan-cache*"))
    (copy / "mine.csv").write_text("my own notes\n", encoding="utf-8")
    before = (copy / target).read_bytes()
    force = "--force" if target != "mine.csv" else "--year=2019"  # --force never reaches these three
    done = run("export", "--data", str(copy / "data" / "normalized"),
               "--overrides", str(copy / "data" / "status_overrides.csv"), force, "--out", str(copy / target))
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert (copy / target).read_bytes() == before


@pytest.mark.parametrize("name", ["progress.xlsx", "progress.csv", "progress.pptx"])
def test_export_never_replaces_a_source_named_outside_the_raw_folder_even_with_force(tmp_path, name):
    """A source normalized from anywhere (named on the command line) is known by its bytes."""
    source = tmp_path / name
    source.write_bytes((ROOT / "data" / "raw" / "shiroi_2018-2020_progress.tsv").read_bytes())
    before = source.read_bytes()
    done = run("export", "--force", "--out", str(source))
    assert done.returncode == 2 and "is a source the data was made from" in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and source.read_bytes() == before
    (tmp_path / "other.csv").write_text("an earlier export\n", encoding="utf-8")
    assert run("export", "--force", "--out", str(tmp_path / "other.csv")).returncode == 0  # --force still replaces others


@pytest.mark.parametrize("folder", ["data", "dashboard", "queries", "data/normalized/../"])
def test_export_never_writes_into_the_projects_own_folders(folder):
    """The rules and reference files a planner edits (data/status_rules.csv …) and the app's own files are no
    place for an export, --force or not (a name that does not exist yet, so a failure harms nothing)."""
    target = ROOT / folder / "export-test-never-written.csv"
    done = run("export", "--force", "--out", str(target))
    assert done.returncode == 2 and "is in the project's data, dashboard or queries folder" in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and not target.exists()


def test_a_usage_mistake_is_one_line():
    """A missing or unknown option: exit 2 and one `error:` line, not argparse's usage block."""
    done = process("correct", "--measure", "6-3-5")
    assert done.returncode == 2 and done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr


@pytest.mark.parametrize("args,message", [
    (["status", "--domain", "存在しない"], "error: --domain: 存在しない: no such domain"),
    (["status", "--year", "1999"], "error: --year: 1999: no measures in that fiscal year (the data has 2018, 2019, 2020)"),
    (["status", "--municipality", "柏市"], "error: --municipality: 柏市: no such municipality in the data"),
    (["export", "--domain", "存在しない", "--out", "{tmp}/x.csv"], "error: --domain: 存在しない: no such domain"),
    (["export", "--year", "1999", "--out", "{tmp}/x.xlsx"], "error: --year: 1999: no measures"),
])
def test_a_filter_that_names_nothing_in_the_data_is_an_error_not_an_empty_table(tmp_path, capsys, args, message):
    """status and export refuse an unknown domain, year or municipality the same way the meeting pack does."""
    from dashboard.cli import main

    assert main([a.format(tmp=tmp_path) for a in args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_domain_by_its_english_name_works_on_the_command_line(capsys):
    from dashboard.cli import main

    assert main(["status", "--domain", "Securing housing", "--year", "2019", "--lang", "en", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["domain"] for r in rows} == {"住まいの確保"} and {r["domain_label"] for r in rows} == {
        "Securing housing"}


@pytest.mark.slow  # a synthetic data set read for the first time
def test_status_table_names_the_municipality_when_the_data_holds_several(tmp_path):
    assert run("synth", "--municipalities", "2", "--out", str(tmp_path / "s")).returncode == 0
    done = run("status", "--data", str(tmp_path / "s"), "--overrides", str(tmp_path / "c.csv"), "--year", "2019")
    head, first = done.stdout.splitlines()[:2]
    assert head.split()[:2] == ["municipality", "measure_id"] and first.split()[0].startswith("合成市"), done.stdout[:300]
    one = run("status", "--data", str(tmp_path / "s"), "--overrides", str(tmp_path / "c.csv"), "--year", "2019",
              "--municipality", first.split()[0])
    assert one.stdout.split()[0] == "measure_id"
