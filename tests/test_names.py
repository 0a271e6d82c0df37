"""Names in other languages: columns of text in data/domain_names.csv and the manifest, one `names` table."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from dashboard import db, queries
from dashboard.errors import InputError
from dashboard.i18n import Names
from dashboard.normalize import DOMAIN_NAMES, normalize
from dashboard.source import RAW_DIR, manifest_sources, read_source

from .conftest import write_source

FRENCH = {
    "医療・看護": "Soins médicaux et infirmiers",
    "生活支援": "Soutien à la vie quotidienne",
    "住まいの確保": "Assurer le logement",
}


def _with_column(path: Path, out: Path, column: str, values) -> Path:
    """A copy of a CSV file with one more column, filled row by row by values(row)."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        columns = [c for c in reader.fieldnames if c != column] + [column]  # replaced if the file has it
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows({**r, column: values(r)} for r in rows)
    return out


@pytest.fixture
def french(tmp_path):
    """The seed source normalized with a domain_fr column (three domains filled) and a municipality_fr
    column in the manifest: the database of that import."""
    raw = tmp_path / "raw"
    raw.mkdir()
    with (RAW_DIR / "manifest.csv").open(encoding="utf-8", newline="") as f:
        for entry in csv.DictReader(f):
            shutil.copy(RAW_DIR / entry["file"], raw / entry["file"])
    _with_column(RAW_DIR / "manifest.csv", raw / "manifest.csv", "municipality_fr", lambda r: "Shiroi (ville)")
    names = _with_column(DOMAIN_NAMES, tmp_path / "domain_names.csv", "domain_fr", lambda r: FRENCH.get(r["domain"], ""))
    tables = normalize(manifest_sources(raw), domain_names=names)
    return tables, db.from_tables(tables)


def test_a_third_language_of_names_is_a_column_of_text(french):
    """domain_fr and municipality_fr columns give French names, with no code; English still works."""
    tables, con = french
    names = Names.from_rows(queries.run(con, "names"))
    assert names.name("domain", "生活支援", "fr") == "Soutien à la vie quotidienne"
    assert names.name("municipality", "白井市", "fr") == "Shiroi (ville)"
    assert names.name("domain", "生活支援", "en") == "Daily-life support"
    assert names.name("municipality", "白井市", "en") == "Shiroi"
    assert names.name("domain", "認知症の予防と支援", "fr") == "認知症の予防と支援"  # an empty cell: the canonical name
    assert names.name("domain", "生活支援", "ja") == "生活支援"
    assert not any(r["lang"] == "fr" and r["name"] == "認知症の予防と支援" for r in tables.rows["names"])


def test_the_filter_takes_a_domain_and_a_keyword_in_any_language(french):
    """selected_measures matches $domains and $q against the names in every language."""
    _, con = french

    def domains(**filters) -> set[str]:
        params = dict(municipality=None, domains=None, year=None, statuses=None, q=None) | filters
        return set(queries.run(con, "status", **params).domain)

    assert domains(domains=["Soutien à la vie quotidienne"]) == {"生活支援"}
    assert domains(domains=["Daily-life support"]) == {"生活支援"}
    assert domains(q="LOGEMENT") == {"住まいの確保"}
    assert domains(q="housing") == {"住まいの確保"}


def test_a_domain_missing_from_a_language_column_is_a_warning(french):
    tables, _ = french
    warned = [r for r in tables.rows["repairs"] if r["kind"] == "domain_without_name"]
    assert len(warned) == 4 and all("no fr name for" in r["message"] for r in warned)


@pytest.mark.parametrize("header, message", [
    ("name,domain_en", "the first column must be domain"),
    ("domain,english", "column 'english': every column after domain is domain_<lang>"),
    ("domain,domain_", "column 'domain_'"),
])
def test_a_names_file_with_a_column_that_is_not_a_language_is_refused(tmp_path, header, message):
    src = write_source(tmp_path, "医療・看護\t1-①\t項目\t着手\t実施\t実施\t●実施した。\t●継続する。\n")
    names = tmp_path / "domain_names.csv"
    names.write_text(f"{header}\n医療・看護,Medical care\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        normalize([read_source(src)], domain_names=names)


@pytest.mark.parametrize("rows, line, message", [
    ("医療・看護,Medical care\n生活支援,Daily living\n医療・看護,Medicine\n", 4,
     "domain 医療・看護 is listed twice (also line 2): one row per domain"),
    ("医療・看護,Medical care,extra\n", 2, "2 cells expected (domain,domain_en), found 3"),
    (",Medical care\n", 2, "the domain cell is empty"),
])
def test_a_names_file_row_twice_or_with_a_cell_too_many_is_refused_naming_its_line(tmp_path, rows, line, message):
    """Never a name silently replaced by a later row, nor a warning charged to a line of the source."""
    src = write_source(tmp_path, "医療・看護\t1-①\t項目\t着手\t実施\t実施\t●実施した。\t●継続する。\n")
    names = tmp_path / "domain_names.csv"
    names.write_text(f"domain,domain_en\n{rows}", encoding="utf-8")
    with pytest.raises(InputError) as e:
        normalize([read_source(src)], domain_names=names)
    assert (e.value.line, e.value.message) == (line, message)


@pytest.mark.parametrize("edit, line, message", [
    (lambda t: t.replace("municipality_en", "municipalty_en", 1), 1, "column 'municipalty_en': not a manifest column"),
    (lambda t: "\n".join(",".join(row.split(",")[:4] + row.split(",")[5:]) for row in t.splitlines()), 1,
     "no column title"),
    (lambda t: t.replace(",2020-01,", ",2020-13,", 1), 2, "report_as_of '2020-13': a month, YYYY-MM (2020-01)"),
    (lambda t: t.replace(",4de99947", ",4de9994", 1), 2, "sha256 '4de9994"),
    (lambda t: t.replace(",2018-2020,", ",2018-20,", 1), 2, "plan_period '2018-20': first and last fiscal year"),
    (lambda t: t.replace(",2019,", ",FY2019,", 1), 2, "report_year 'FY2019': a fiscal year, YYYY"),
])
def test_a_manifest_typo_is_refused_naming_its_line(tmp_path, edit, line, message):
    """A misspelt column would drop the English name silently; a malformed hash or month would be kept as data."""
    from dashboard.source import load_manifest

    shutil.copytree(RAW_DIR, tmp_path / "raw")
    manifest = tmp_path / "raw" / "manifest.csv"
    manifest.write_text(edit(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_manifest(tmp_path / "raw")
    assert e.value.line == line and e.value.message.startswith(message), e.value.one_line()


def test_a_named_source_with_a_broken_manifest_names_the_manifest_line(tmp_path, monkeypatch):
    """`normalize FILE` reads the manifest too: a row with a cell too many is its error, not a source
    "not in the manifest"."""
    from dashboard import cli as cli_module

    from .conftest import cli

    shutil.copytree(RAW_DIR, tmp_path / "raw")
    manifest = tmp_path / "raw" / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text(lines[0] + "\n" + lines[1] + ",x\n", encoding="utf-8")
    monkeypatch.setattr(cli_module, "RAW_DIR", tmp_path / "raw")
    done = cli("normalize", str(tmp_path / "raw" / "shiroi_2018-2020_progress.tsv"), "--out", str(tmp_path / "n"))
    assert done.returncode == 2 and not done.stdout and not (tmp_path / "n").exists()
    assert done.stderr == f"error: {manifest}:2: 10 cells expected ({lines[0]}), found 11\n"


def test_a_folder_normalized_before_the_names_table_says_run_normalize(tmp_path, seed_copy):
    """An old folder (domain_en in domains.csv, no names.csv) is refused with how to fix it."""
    out = seed_copy(tmp_path / "old")
    for cache in out.glob(".careplan-cache*"):
        cache.unlink()
    (out / "names.csv").unlink()
    with pytest.raises(InputError, match=r"names\.csv: missing; run `python -m dashboard normalize`"):
        db.open_data(out)
    (out / "names.csv").write_text("source_id,kind,name,lang,text\n", encoding="utf-8")
    domains = out / "domains.csv"
    _with_column(domains, tmp_path / "domains.csv", "domain_en", lambda r: "x")
    shutil.copy(tmp_path / "domains.csv", domains)
    with pytest.raises(InputError, match=r"domains\.csv: columns .* do not match the schema .*; "
                                         r"run `python -m dashboard normalize`"):
        db.open_data(out)


def test_which_counts_take_the_singular_is_a_text_of_each_language(monkeypatch):
    """plural_one: 1 in English; a language where 0 is singular too (French) says `0 1`, no code."""
    from dashboard import i18n

    assert [i18n.t("rows_found", "en", n=n) for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]
    monkeypatch.setitem(i18n.TEXT["en"], "plural_one", "0 1")
    assert [i18n.t("rows_found", "en", n=n) for n in (0, 1, 2)] == ["0 row", "1 row", "2 rows"]
