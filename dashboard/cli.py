"""Command line: python -m dashboard normalize | status | classify | eval | export | correct | synth | add-editor
(the README describes each)."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import duckdb

from . import corrections, db, evaluate, export, pack, queries
from .errors import InputError
from .i18n import DEFAULT_LANG, LANGS, ROOT, Names
from .normalize import normalize
from .source import MANIFEST, RAW_DIR, load_manifest, manifest_sources, read_source
from .status import classify
from .synth import synth

EXIT_INPUT = 2
OVERRIDES_HELP = "corrections file (default: $CAREPLAN_OVERRIDES or data/status_overrides.csv)"
STATUS_COLUMNS = (
    "municipality", "measure_id", "domain", "domain_label", "number", "measure", "fiscal_year", "target",
    "status", "lagging", "status_source", "correction_action", "automatic_status", "confirmed_reason", "confirmed_on",
    "confirmed_by",
    "correction_stale",
    "evidence", "evidence_phrase", "evidence_start", "evidence_end", "evidence_rule", "evidence_ratio", "confidence",
    "carry_over", "carry_over_terms",
)


def cmd_normalize(args) -> int:
    out = Path(args.out)  # a folder it may not replace: said before any work
    db.check_target(Path(os.path.realpath(out)) if out.is_symlink() else out, args.replace_edited)
    if args.sources:
        manifest = load_manifest(RAW_DIR, required=False)  # a broken one is refused: it names the sources
        sources = [read_source(Path(p), manifest) for p in args.sources]
    else:
        sources = manifest_sources()
    seen: dict[str, Path] = {}
    for src in sources:
        if src.source_id in seen:
            raise InputError(src.path, f"source id {src.source_id} is also used by {seen[src.source_id]}")
        seen[src.source_id] = src.path
    tables = normalize(sources)
    con = db.loaded(tables)
    db.write(con, Path(args.out), fmt=args.format, build_cache=True, replace_edited=args.replace_edited)
    _print_report(con, Path(args.out))
    return 0


def _print_report(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    for s in queries.run(con, "sources").itertuples():
        who = s.municipality if isinstance(s.municipality, str) else "(municipality unknown)"
        print(f"{s.file}: {who}, plan {s.plan_start}-{s.plan_end}, report {s.report_year}"
              f" (as of {s.report_as_of}), plan column {s.plan_year} {s.plan_label or ''}".rstrip())
        print(f"  {s.measure_count} measures in {s.domain_count} domains; years {s.fiscal_years}")
    report = queries.run(con, "import_report")
    repairs = report[report.level == "repair"]
    warnings = report[report.level == "warning"]
    kinds = Counter(repairs.kind)
    print(f"  {len(repairs)} repairs: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print(f"  {len(warnings)} warnings:")
    for w in warnings.itertuples():
        print(f"    {w.file}:{w.source_line}: {w.message}")
    print(f"wrote {out}/ (the full import report is repairs.csv)")


def overrides_path(args) -> Path:
    """--overrides, else $CAREPLAN_OVERRIDES, else data/status_overrides.csv."""
    return Path(args.overrides or os.environ.get("CAREPLAN_OVERRIDES") or db.OVERRIDES)


def _open(args, rebuild: bool = False) -> db.Opened:
    """The data to read, with the corrections applied; each skipped corrections row is a warning on stderr."""
    opened = db.open_reader(Path(args.data), overrides_path(args), rebuild=rebuild)
    for warning in opened.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return opened


def _reading(args, answer) -> int:
    """Run answer(con); a cache file found damaged while reading is built again (once) and the answer rerun."""
    opened = _open(args)
    try:
        return answer(opened.con)
    except duckdb.Error as e:
        if opened.cache is None or not db.is_damage(e):
            raise
    opened.con.close()
    return answer(db.open_reader(Path(args.data), overrides_path(args), rebuild=True).con)


def cmd_status(args) -> int:
    return _reading(args, lambda con: _status(args, con))


def _check_filters(con, args) -> None:
    """A --year the data has no measures in, an unknown --domain or --municipality: one error line (exit 2),
    as the meeting pack gives, never an empty table that looks like an answer."""
    years = sorted(int(y) for y in queries.run(con, "fiscal_years").fiscal_year)
    if args.year is not None and args.year not in years:
        raise InputError("--year", f"{args.year}: no measures in that fiscal year (the data has "
                                   f"{', '.join(map(str, years))})")
    if args.domain:
        domains = list(queries.run(con, "domains").domain)
        if args.domain not in {*domains, *Names.from_rows(queries.run(con, "names")).aliases("domain")}:
            raise InputError("--domain", f"{args.domain}: no such domain (the data has {'、'.join(domains[:8])}"
                                         f"{' …' if len(domains) > 8 else ''}; or their names in another language)")
    if getattr(args, "municipality", None):
        if args.municipality not in set(queries.run(con, "municipalities").municipality):
            raise InputError("--municipality", f"{args.municipality}: no such municipality in the data")


def _status(args, con) -> int:
    _check_filters(con, args)
    params = dict(municipality=args.municipality, year=args.year,
                  domains=[args.domain] if args.domain else None, statuses=None, q=None)
    several = queries.run(con, "municipalities").shape[0] > 1 and not args.municipality
    columns = list(STATUS_COLUMNS if several else STATUS_COLUMNS[1:])
    rel = queries.relation(con, "status_labelled", **params, lang=None if args.lang == DEFAULT_LANG else args.lang)
    rel = rel.select(*columns)
    if args.format == "csv":
        _write_csv(rel)
        return 0
    frame = rel.df()
    if args.format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        cols = [*(["municipality"] if several else []), "measure_id", "domain",
                *(["domain_label"] if args.lang != DEFAULT_LANG else []), "number",
                "fiscal_year", "status", "evidence"]
        sys.stdout.write(frame[cols].fillna("").to_string(index=False, max_colwidth=60) + "\n")
    return 0


def _write_csv(rel) -> None:
    """DuckDB's CSV writer (fast at national size), through a temporary file to stdout."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.csv"
        rel.write_csv(str(path), header=True)
        sys.stdout.flush()
        with path.open("rb") as f:
            shutil.copyfileobj(f, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def cmd_classify(args) -> int:
    out = classify(sys.stdin.read().splitlines())
    for row in out.itertuples():
        evidence = row.evidence.replace("\t", " ").replace("\n", " ")
        sys.stdout.write(f"{row.status}\t{evidence}\t{row.confidence}\n")
    return 0


def cmd_eval(args) -> int:
    if args.rows and not args.half:
        raise InputError("--rows", "needs --half dev|test")
    mask = None if args.mask is None else [w.strip() for w in args.mask.split(",")]
    result = evaluate.evaluate(Path(args.file), args.text_column, args.label_column, mask,
                               Path(args.rows) if args.rows else None, args.half)
    print(evaluate.report(result, args.show_errors))
    if args.readers:
        print(evaluate.readers(result, Path(args.readers)))
    return 0


def cmd_export(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx", ".pptx", ".pdf"):
        raise InputError(out, "--out must end in .csv, .xlsx, .pptx or .pdf")
    _check_export_target(out, args)
    return _reading(args, lambda con: _export(args, con, out))


def _check_export_target(out: Path, args) -> None:
    """A user's files are kept: `export` never writes into the project's data, dashboard or queries folders
    (the rules and reference files a planner edits, the app's own files), never replaces the corrections
    file, a source or manifest, or a table in a folder of normalized tables, and replaces another existing
    file only with --force."""
    real = Path(os.path.realpath(out))
    if real == Path(os.path.realpath(overrides_path(args))):
        raise InputError(out, "is the corrections file; export writes a new file (choose another name)")
    folder = real.parent
    if (folder / db.MARKER).exists() or (folder / MANIFEST).exists() or folder == Path(os.path.realpath(RAW_DIR)):
        raise InputError(out, "is in a folder of source or normalized tables; export elsewhere")
    own = [Path(os.path.realpath(ROOT / d)) for d in ("data", "dashboard", "queries")]
    if any(folder == d or d in folder.parents for d in own):
        raise InputError(out, "is in the project's data, dashboard or queries folder (the rules, the reference "
                              "files, the app's own files); export elsewhere")
    if real.is_dir():
        raise InputError(out, "is a folder")
    if real.exists() and not args.force:
        raise InputError(out, "exists; choose another name, or pass --force to replace it")


def _not_a_source(con, out: Path) -> None:
    """An existing file with the bytes of a source the data was made from (wherever it lies) is a user's
    source, never an export to replace, --force or not."""
    if not out.is_file():
        return
    sources = set(queries.run(con, "sources")["sha256"])
    with out.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    if digest in sources:
        raise InputError(out, "is a source the data was made from; export writes a new file (choose another name)")


def _export(args, con, out: Path) -> int:
    _check_filters(con, args)
    _not_a_source(con, out)
    if out.suffix.lower() in (".pptx", ".pdf"):
        return _export_pack(con, args, out)
    rows = queries.run(con, "status", municipality=args.municipality, year=args.year,
                       domains=[args.domain] if args.domain else None,
                       statuses=None, q=None)
    frame = export.table(rows, args.lang, Names.from_rows(queries.run(con, "names")))
    data = export.to_csv(frame) if out.suffix.lower() == ".csv" else export.to_xlsx(frame, lang=args.lang)
    db.write_file(out, data)
    sys.stderr.writelines(f"warning: {w}\n" for w in export.warnings(frame, out.suffix))
    print(f"wrote {len(frame)} rows to {out}")
    return 0


def _export_pack(con, args, out: Path) -> int:
    """The meeting pack: slides (.pptx) or the printable handout (.pdf) of one municipality."""
    model = pack.build(con, year=args.year, domain=args.domain, municipality=args.municipality)
    make = pack.deck if out.suffix.lower() == ".pptx" else pack.handout
    db.write_file(out, make(model, args.lang))
    print(f"wrote {len(pack.slides(model, args.lang))} slides ({model.municipality}, FY{model.year}) to {out}")
    return 0


def cmd_synth(args) -> int:
    if args.municipalities < 1:
        raise InputError("--municipalities", "must be 1 or more")
    tables = synth(args.municipalities, args.seed)
    fmt = args.format if args.format != "auto" else ("parquet" if args.municipalities > 50 else "csv")
    # the query cache is built before the tables are put in place, not by the first `status`
    db.write(db.loaded(tables), Path(args.out), fmt=fmt, build_cache=True)
    print(f"wrote {args.municipalities} synthetic municipalities, {len(tables.rows['measures'])} measures, "
          f"as {fmt} to {args.out}")
    return 0


def cmd_add_editor(args) -> int:
    from getpass import getpass

    from . import auth

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass("password: ")
        if getpass("again: ") != password:
            raise InputError(args.user, "the two passwords differ; nothing was changed")
    auth.add_editor(Path(args.secrets), args.user, args.name or args.user, password)
    print(f"{args.user} can now sign in to edit statuses ({args.secrets}); restart the app to read it")
    return 0


def cmd_correct(args) -> int:
    path = overrides_path(args)
    opened = _open(args)
    try:
        entry = corrections.new_entry(opened.known, opened.entries, measure_id=args.measure, fiscal_year=args.year,
                                      status=args.status, withdraw=args.withdraw, reason=args.reason,
                                      by=args.by or _login_name(),
                                      municipality=args.municipality)
    except corrections.EntryError as e:
        raise InputError(e.field, e.message) from None
    corrections.record(path, entry)
    shown = f"{entry.status} (automatic: {entry.automatic_status})" if entry.status else \
        f"back to automatic ({entry.automatic_status})"
    print(f"recorded in {path}: {entry.action} {entry.measure_id} {entry.fiscal_year} {shown}")
    return 0


def _login_name() -> str:
    """Who runs the command, for a correction recorded without --by (an entry always says who)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class _Parser(argparse.ArgumentParser):
    """A usage mistake is one line `error: …` and exit status 2, like any other bad input."""

    def error(self, message: str):
        self.exit(EXIT_INPUT, f"error: {self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("normalize", help="source tables → data/normalized/")
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="source files (default: data/raw/manifest.csv)")
    p.add_argument("--out", default=str(db.DATA_DIR), help="output directory (default: data/normalized/)")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv", help=argparse.SUPPRESS)
    p.add_argument("--replace-edited", action="store_true",
                   help="replace the tables in --out even where one was changed by hand since it was written")
    p.set_defaults(func=cmd_normalize)

    p = sub.add_parser("status", help="one row per measure and fiscal year with its status")
    p.add_argument("--data", default=str(db.DATA_DIR), help="normalized tables (default: data/normalized/)")
    p.add_argument("--year", type=int)
    p.add_argument("--domain", help="domain name: Japanese, or in another language of the data")
    p.add_argument("--municipality", help="only this municipality (name as in the data)")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of domain_label")
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")
    p.add_argument("--overrides", metavar="FILE", help=OVERRIDES_HELP)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("export", help="the downloadable table (CSV, Excel) or the meeting pack (PPTX, PDF)")
    p.add_argument("--data", default=str(db.DATA_DIR), help="normalized tables (default: data/normalized/)")
    p.add_argument("--year", type=int)
    p.add_argument("--domain", help="domain name: Japanese, or in another language of the data")
    p.add_argument("--municipality", help="only this municipality (name as in the data)")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of status_label and the pack's labels")
    p.add_argument("--out", required=True, help="FILE.csv, FILE.xlsx, FILE.pptx (slides) or FILE.pdf (handout)")
    p.add_argument("--overrides", metavar="FILE", help=OVERRIDES_HELP)
    p.add_argument("--force", action="store_true", help="replace an existing file (never a table, source or the corrections file)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("synth", help="a synthetic data set of N municipalities, for scale tests")
    p.add_argument("--municipalities", type=int, required=True, metavar="N")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=["auto", "csv", "parquet"], default="auto",
                   help="auto: Parquet above 50 municipalities")
    p.set_defaults(func=cmd_synth)

    p = sub.add_parser("correct", help="record a planner's confirmation, correction or withdrawal of a status")
    p.add_argument("--measure", required=True, metavar="ID", help="measure id, e.g. 6-3-5")
    p.add_argument("--year", required=True, type=int, metavar="YEAR")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--status", metavar="WORD", help="status word or its label in any language (達成, 一部達成, Partly achieved, …)")
    what.add_argument("--withdraw", action="store_true", help="return the measure-year to its automatic status")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--by", metavar="NAME", help="who confirms or corrects")
    p.add_argument("--municipality", metavar="NAME", help="required when the data holds several")
    p.add_argument("--data", default=str(db.DATA_DIR), help="normalized tables (default: data/normalized/)")
    p.add_argument("--overrides", metavar="FILE", help=OVERRIDES_HELP)
    p.set_defaults(func=cmd_correct)


    p = sub.add_parser("eval", help="measure the status rules on labelled notes (a TSV file)")
    p.add_argument("file", metavar="FILE.tsv")
    p.add_argument("--text-column", default="note")
    p.add_argument("--label-column", default="label")
    p.add_argument("--mask", metavar="WORDS", help="comma-separated words replaced by ＊ before classifying "
                   "(default: the grade words, when the labels are grade words)")
    p.add_argument("--rows", metavar="FILE", help="a split file (sha256_12, half): only the notes of --half")
    p.add_argument("--half", choices=["dev", "test"])
    p.add_argument("--show-errors", action="store_true", help="print the misread notes")
    p.add_argument("--readers", metavar="FILE", help="people's own readings of the notes (sha256_12, one column per "
                   "reader): their figures beside the rules'")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("classify", help="one progress report per stdin line → status<TAB>evidence<TAB>confidence")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("add-editor", help="let a person correct statuses in the app (a local account)")
    p.add_argument("user", help="the sign-in name (letters, digits, . _ @ -)")
    p.add_argument("--name", help="the name shown on their corrections (default: USER)")
    p.add_argument("--secrets", default=".streamlit/secrets.toml", help="default: .streamlit/secrets.toml")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(func=cmd_add_editor)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as e:
        print(e.one_line(), file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return 0
    except OSError as e:  # the machine's problem, not the input's: disk full, permissions
        print(f"error: {e.filename or args.command}: {e.strerror or e}", file=sys.stderr)
        return 1
    except Exception as e:  # a bug: still one line, with the traceback only on request
        if os.environ.get("CAREPLAN_DEBUG"):
            raise
        print(f"error: internal error ({type(e).__name__}: {e}); rerun with CAREPLAN_DEBUG=1 and report it",
              file=sys.stderr)
        return 1
