"""The meeting pack: the slides (PPTX) and the handout (PDF), read back and rendered to PNG.

Files and PNGs land in tests/artifacts/pack/ (the deck through LibreOffice, the handout through pdftoppm).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt

from dashboard import db, i18n, pack, queries
from dashboard.cli import main
from dashboard.errors import InputError

from .apptest import new_session
from .conftest import ROOT, built_once, cli

ARTIFACTS = ROOT / "tests" / "artifacts" / "pack"
# One folder per pytest-xdist worker: two workers never render into (or clean) the same files.
if os.environ.get("PYTEST_XDIST_WORKER"):
    ARTIFACTS = ARTIFACTS / os.environ["PYTEST_XDIST_WORKER"]
LONG = "合成市0001"  # 31 lagging measures in the synthetic set: continuation slides
CASES = {  # name: (data set, --municipality, --lang)
    "seed-ja": ("seed", None, "ja"),
    "seed-en": ("seed", None, "en"),
    "synth-ja": ("synth", LONG, "ja"),
}


@dataclass
class Made:
    lang: str
    pptx: Path
    pdf: Path
    domains: pd.DataFrame  # each domain once, in order
    counts: pd.DataFrame  # status_counts rows, with `label`: the domain's name in `lang` (names.sql)
    lagging: pd.DataFrame  # lagging rows, with `label` as above
    as_of: str


@pytest.fixture(scope="session")
def pack_files(tmp_path_factory, seed_dir) -> Path:
    """Each case's deck and handout, written once per run by the export command (in process), and the
    synthetic set (synth/) they come from."""
    def build(folder: Path) -> None:
        assert main(["synth", "--municipalities", "3", "--out", str(folder / "synth")]) == 0
        for name, (which, municipality, lang) in CASES.items():
            data = seed_dir if which == "seed" else folder / "synth"
            args = ["export", "--data", str(data), "--lang", lang] + (["--municipality", municipality] if municipality else [])
            for suffix in ("pptx", "pdf"):
                assert main(args + ["--out", str(folder / f"{name}.{suffix}")]) == 0

    return built_once(tmp_path_factory, "pack", build)


@pytest.fixture(scope="session")
def synth_dir(pack_files) -> Path:
    return pack_files / "synth"


@pytest.fixture(scope="session")
def made(pack_files, seed_dir) -> dict[str, Made]:
    files = pack_files
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (which, municipality, lang) in CASES.items():
        con = db.open_data(seed_dir if which == "seed" else files / "synth")
        names = i18n.Names.from_rows(queries.run(con, "names"))

        def labelled(frame: pd.DataFrame) -> pd.DataFrame:  # label: the domain's name in the case's language
            return frame.assign(label=[names.name("domain", d, lang) for d in frame.domain])

        counts = labelled(queries.run(con, "status_counts", municipality=municipality, year=2019, domains=None,
                                      statuses=None, q=None))
        out[name] = Made(lang, files / f"{name}.pptx", files / f"{name}.pdf",
                         counts.drop_duplicates("domain")[["domain_order", "domain", "label"]], counts,
                         labelled(queries.run(con, "lagging", municipality=municipality, year=2019, domains=None,
                                              statuses=None, q=None, carry_over=None)),
                         "2020年1月" if lang == "ja" else "January 2020")
    return out


def slide_title(slide) -> str:
    return next(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def slide_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def runs(slide):
    for shape in slide.shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                yield from paragraph.runs


def by_domain(made: Made) -> dict[str, list]:
    """The deck's domain slides grouped by the domain their title names (continuations included)."""
    deck = Presentation(made.pptx)
    label = "label"
    names = list(made.domains[label])
    out: dict[str, list] = {}
    for slide in list(deck.slides)[1:]:
        title = slide_title(slide)
        base = re.sub(r" （\d+/\d+）$| \(\d+/\d+\)$", "", title)
        assert base in names, title
        out.setdefault(base, []).append((re.search(r"[（(]1/\d+[）)]$", title) is None and title != base, slide))
    return out


def pdftotext(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.parametrize("name", CASES)
def test_slides_are_the_title_then_each_domain_in_order_with_continuations(made, name):
    """Slide 1 is the title; then every domain in source order, its continuations right after it."""
    m = made[name]
    deck = Presentation(m.pptx)
    groups = by_domain(m)
    label = "label"
    assert list(groups) == list(m.domains[label])
    for slides in groups.values():
        assert [continued for continued, _ in slides] == [False] + [True] * (len(slides) - 1)
    assert len(deck.slides) == 1 + sum(len(s) for s in groups.values())
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_a_long_lagging_list_continues_on_next_slides(made):
    """合成市0001's long lists go on over continuation slides; the seed's fit mostly on one."""
    continued = [title for title, slides in by_domain(made["synth-ja"]).items() if len(slides) > 1]
    assert len(continued) >= 3
    assert any(re.search(r"（2/\d+）$", slide_title(s)) for s in Presentation(made["synth-ja"].pptx).slides)


@pytest.mark.parametrize("name", CASES)
def test_each_domain_lists_its_lagging_numbers_in_order_with_the_phrase_in_bold(made, name):
    """Every lagging measure of a domain is on its slides, most serious first, the deciding phrase a bold run."""
    m = made[name]
    groups = by_domain(m)
    label = "label"
    for domain, rows in m.lagging.groupby(label, sort=False):
        slides = [s for _, s in groups[domain]]
        heads = [r.text for s in slides for r in runs(s) if r.font.bold and r.text in set(rows.number)]
        assert heads == list(rows.number), domain
        bold = {r.text for s in slides for r in runs(s) if r.font.bold}
        text = "".join(slide_text(s) for s in slides)
        for row in rows.itertuples():
            # whole, or (where two rows do not fit a slide whole) shortened with …: at least its first 40
            # characters, and the deciding phrase always, in bold
            assert row.measure in text or (row.measure[:40] in text and "…" in text), row.number
            if isinstance(row.evidence_phrase, str):
                assert row.evidence_phrase in bold
                assert row.evidence in text or "…" in text, row.number


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_domain_slide_holds_per_slide_lagging_measures_as_the_screen_does(made, lang, seed_dir):
    """pack.PER_SLIDE to a slide (the on-screen presentation's paging too), in the files as in `slides`."""
    m = made[f"seed-{lang}"]
    model = pack.build(db.open_data(seed_dir), year=2019)
    pages = pack.slides(model, lang)
    assert len(Presentation(m.pptx).slides) == len(pages) and pdf_pages(m.pdf) == len(pages)
    for domain in model.domains:
        shown = [len(p.rows) for p in pages if p.domain is domain]
        expected = [len(r) for r in pack.parts(len(domain.lagging))]
        assert shown == expected and all(n <= pack.PER_SLIDE for n in shown), domain.name


@pytest.mark.parametrize("name", CASES)
def test_every_domain_slide_has_a_native_chart_of_its_status_counts(made, name):
    """Each domain slide (continuations too) holds a bar chart of the domain's status counts, in status colours."""
    m = made[name]
    label = "label"
    for domain, slides in by_domain(m).items():
        counts = m.counts[m.counts[label] == domain].set_index("status").measures
        for _, slide in slides:
            charts = [s.chart for s in slide.shapes if s.has_chart]
            assert len(charts) == 1, domain
            plot = charts[0].plots[0]
            values = dict(zip(plot.categories, plot.series[0].values))
            assert {k: v for k, v in values.items() if v} == {pack.badge(s, m.lang): n for s, n in counts.items()}
            colours = {str(p.format.fill.fore_color.rgb) for p in plot.series[0].points}
            assert colours <= {c.lstrip("#").upper() for c in i18n.STATUS_COLOR.values()}


@pytest.mark.parametrize("name", CASES)
def test_every_text_is_at_least_18pt_in_the_japanese_font(made, name):
    """Every run, and every chart text, is 18 pt or more, Noto Sans CJK JP as Latin and East Asian face."""
    for slide in Presentation(made[name].pptx).slides:
        for run in runs(slide):
            assert run.font.size is not None and run.font.size >= Pt(18), run.text
            rpr = run.font._rPr
            assert rpr.find(qn("a:latin")).get("typeface") == pack.FONT
            assert rpr.find(qn("a:ea")).get("typeface") == pack.FONT
        for shape in slide.shapes:
            if shape.has_chart:
                chart = shape.chart
                for font in (chart.font, chart.plots[0].data_labels.font, chart.category_axis.tick_labels.font):
                    assert font.size >= Pt(18)


@pytest.mark.parametrize("name", CASES)
def test_every_shape_is_inside_the_slide(made, name):
    """No shape starts or ends outside the 16:9 slide."""
    deck = Presentation(made[name].pptx)
    for i, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (i, shape.name)
            assert shape.left + shape.width <= deck.slide_width, (i, shape.name)
            assert shape.top + shape.height <= deck.slide_height, (i, shape.name)


def test_the_title_slide_gives_the_headline_figures(made):
    """Municipality, plan period, report year, as-of, measures, lagging and each status's count."""
    text = slide_text(Presentation(made["seed-ja"].pptx).slides[0])
    for expected in ("白井市", "2018–2020年度", "2019年度の進捗", "2020年1月時点", "取組み数\n51", "17件（33%）"):
        assert expected in text
    for status in i18n.STATUSES:
        assert i18n.status_label(status) in text


def test_english_labels_and_domain_names_with_the_source_text_as_written(made):
    """--lang en: labels and domain names in English; measures and evidence stay Japanese."""
    deck = Presentation(made["seed-en"].pptx)
    text = "\n".join(slide_text(s) for s in deck.slides)
    assert "Lagging measures" in text and "Evidence:" in text and "Plan period FY2018–2020" in text
    for ja_label in ("遅れている取組み", "根拠", "取組み数", "一部達成", "医療・看護"):
        assert ja_label not in text
    assert "地域リハビリテーション事業を開始し" in text


@pytest.mark.parametrize("lang, mark", [("ja", "（訂正済み）"), ("en", " (corrected)")])
def test_a_corrected_status_is_marked_beside_it(seed_dir, tmp_path, lang, mark):
    """A status a planner corrected reads 'corrected' beside it (a confirmed one 'confirmed'); automatic
    ones neither."""
    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text("recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
                         "2026-11-20T10:00:00+09:00,白井市,6-3-5,2019,correct,not_achieved,partial,未実施,高齢者支援課\n",
                         encoding="utf-8")
    model = pack.build(db.open_data(seed_dir, overrides=overrides), year=2019)
    deck = Presentation(__import__("io").BytesIO(pack.deck(model, lang)))
    heads = [p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs if re.match(r"\d-[①-⑳]", p.text)]
    assert [h for h in heads if mark in h] == [f"3-⑤　✗ {i18n.status_label('not_achieved', lang)}{mark}"]


def test_every_status_word_is_counted_and_fits(seed_dir):
    """Statuses come from data/status_words.csv: every word (要確認 too) shows on the title slide, inside it."""
    model = pack.build(db.open_data(seed_dir), year=2019)
    assert set(model.counts) == set(i18n.STATUSES) and "unclear" in model.counts
    for lang in ("ja", "en"):
        deck = Presentation(__import__("io").BytesIO(pack.deck(model, lang)))
        title = deck.slides[0]
        assert i18n.status_label("unclear", lang) in slide_text(title)
        for shape in title.shapes:
            assert shape.top + shape.height <= deck.slide_height and shape.left + shape.width <= deck.slide_width


def _model(rows: list[pack.Row]) -> pack.Model:
    counts = {s: 0 for s in i18n.STATUSES} | {"partial": len(rows)}
    domain = pack.Domain("生活支援", {"en": "Daily-life support"}, {"partial": len(rows)}, tuple(rows))
    return pack.Model("白井市", {"en": "Shiroi"}, "白井市 <テスト> & \"表\"", 2018, 2020, 2019, "2020-01", 2019, True, counts,
                      len(rows), 1.0, (domain,))


def test_a_row_longer_than_a_slide_is_shortened_around_its_phrase():
    """A 600-character evidence is cut with … around its deciding phrase, so the row fits one slide."""
    evidence = "あ" * 300 + "実施できていない" + "い" * 300
    row = pack.Row("1-①", "取組み" * 60, "partial", False, evidence, 300, 308)
    pages = pack.slides(_model([row]), "ja")
    shown = pages[1].rows[0]
    assert len(pages) == 2 and shown.evidence[shown.start:shown.end] == "実施できていない"
    assert shown.evidence.startswith("…") and shown.evidence.endswith("…") and shown.measure.endswith("…")
    assert pack.row_height(shown, "ja", pack.LIST_W) <= pack.BODY_H - pack.LIST_HEAD_H
    deck = Presentation(__import__("io").BytesIO(pack.deck(_model([row]), "ja")))
    for shape in deck.slides[1].shapes:
        assert shape.top + shape.height <= deck.slide_height


def test_source_text_stays_literal_in_both_files(tmp_path):
    """Markup-like source text (<b>, &, quotes) appears as written in the deck and the handout."""
    hostile = '<b>太字</b> & "引用" =1+1'
    model = _model([pack.Row("1-①", hostile, "partial", False, "研修は<i>未実施</i>。", 6, 9)])
    deck = Presentation(__import__("io").BytesIO(pack.deck(model, "ja")))
    assert hostile in slide_text(deck.slides[1])
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(pack.handout(model, "ja"))
    text = pdftotext(pdf)
    assert squeeze(hostile) in squeeze(text) and "研修は<i>未実施</i>。" in squeeze(text)
    assert squeeze('白井市 <テスト> & "表"') in squeeze(text)  # the footer's source title, from CSS content


@pytest.mark.parametrize("name", CASES)
def test_the_handout_has_a_page_per_slide_on_a4_landscape(made, name):
    """The PDF has as many pages as the deck has slides, each A4 landscape."""
    m = made[name]
    assert pdf_pages(m.pdf) == len(Presentation(m.pptx).slides)
    info = subprocess.run(["pdfinfo", str(m.pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(width - 841.89) < 1 and abs(height - 595.28) < 1


@pytest.mark.parametrize("name", CASES)
def test_the_handout_text_has_every_domain_and_evidence_phrase(made, name):
    """pdftotext finds each domain's name and each lagging measure's deciding phrase."""
    m = made[name]
    text = squeeze(pdftotext(m.pdf))
    for domain in m.domains["label"]:
        assert squeeze(domain) in text
    for row in m.lagging.itertuples():
        assert squeeze(row.number) in text
        if isinstance(row.evidence_phrase, str):
            assert squeeze(row.evidence) in text


@pytest.mark.parametrize("name", CASES)
def test_every_handout_page_has_its_number_the_source_and_the_as_of_date(made, name):
    """The footer: 'i / n', the municipality with the source title, the as-of date."""
    m = made[name]
    n = pdf_pages(m.pdf)
    for page in (1, n):
        text = pdftotext(m.pdf, page)
        assert f"{page} / {n}" in text
        assert squeeze(m.as_of) in squeeze(text)
        assert ("白井市" if name.startswith("seed") else "合成データ") in text


def test_the_handout_embeds_the_japanese_font(made):
    """WeasyPrint embeds Noto Sans CJK JP (CFF) in the PDF."""
    fonts = subprocess.run(["pdffonts", str(made["seed-ja"].pdf)], capture_output=True, text=True, check=True).stdout
    lines = [line for line in fonts.splitlines() if "Noto-Sans-CJK-JP" in line or "NotoSansCJKjp" in line]
    assert lines and all(" yes " in line for line in lines)


def _margins_blank(png: Path, band: float = 0.02) -> bool:
    """Nothing but background in a band along each edge of the page image: nothing ran off."""
    image = Image.open(png).convert("L")
    w, h = image.size
    bw, bh = max(int(w * band), 2), max(int(h * band), 2)
    for box in ((0, 0, w, bh), (0, h - bh, w, h), (0, 0, bw, h), (w - bw, 0, w, h)):
        if image.crop(box).getextrema()[0] < 200:
            return False
    return True


@pytest.fixture(scope="session")  # kept while other modules' tests run in between
def rendered(made) -> dict[str, dict[str, list[Path]]]:
    """PNGs of every page: the handout with pdftoppm, the deck through LibreOffice then pdftoppm."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "rendering the deck needs LibreOffice: apt-get install -y libreoffice-impress"
    profile = ARTIFACTS / ".lo-profile"
    out: dict[str, dict[str, list[Path]]] = {}
    for name, m in made.items():
        for old in ARTIFACTS.glob(f"{name}-*.png"):
            old.unlink()
        deck_pdf = ARTIFACTS / "deck" / f"{name}.pdf"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(deck_pdf.parent), str(m.pptx)], check=True, capture_output=True, timeout=240)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(deck_pdf), str(ARTIFACTS / f"{name}-deck")], check=True)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(m.pdf), str(ARTIFACTS / f"{name}-handout")], check=True)
        out[name] = {kind: sorted(ARTIFACTS.glob(f"{name}-{kind}-*.png")) for kind in ("deck", "handout")}
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_rendered_pages_keep_everything_inside_the_margins(made, rendered, name):
    """Every rendered slide and handout page (one PNG each) has blank edges: nothing ran off."""
    slides = len(Presentation(made[name].pptx).slides)
    for kind in ("deck", "handout"):
        pngs = rendered[name][kind]
        assert len(pngs) == slides, kind
        assert [p.name for p in pngs if not _margins_blank(p)] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_the_rendered_deck_shows_the_japanese_text_in_noto_sans_cjk(made, rendered, name):
    """LibreOffice renders the deck with Noto Sans CJK JP, and its text keeps the evidence phrases."""
    deck_pdf = ARTIFACTS / "deck" / f"{name}.pdf"
    fonts = subprocess.run(["pdffonts", str(deck_pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJK" in fonts.replace(" ", "").replace("-", "")
    text = squeeze(pdftotext(deck_pdf))
    phrases = [p for p in made[name].lagging.evidence_phrase if isinstance(p, str)]
    assert phrases and all(squeeze(p) in text for p in phrases)


def test_several_municipalities_need_one_named(synth_dir):
    """With several municipalities and no --municipality: InputError; naming one builds its pack."""
    con = db.open_data(synth_dir)
    with pytest.raises(InputError, match="holds 3 municipalities"):
        pack.build(con)
    assert pack.build(con, municipality="合成市0002").municipality == "合成市0002"


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["--out", "{tmp}/pack.pptx"], 0, ""),
        (["--lang", "en", "--domain", "生活支援", "--out", "{tmp}/pack.pdf"], 0, ""),
        (["--out", "{tmp}/pack.ppt"], 2, "error: {tmp}/pack.ppt: --out must end in .csv, .xlsx, .pptx or .pdf\n"),
        (["--data", "{synth}", "--out", "{tmp}/pack.pdf"], 2, "error: --municipality: the data holds 3"),
        (["--domain", "無い領域", "--out", "{tmp}/pack.pdf"], 2, "error: --domain: 無い領域: no such domain"),
    ],
)
def test_export_command_writes_the_pack_or_says_why_not_in_one_line(tmp_path, synth_dir, args, code, stderr):
    """`python -m dashboard export … --out FILE.pptx|FILE.pdf`: exit 0 and the file, or exit 2 and one line."""
    args = [a.format(tmp=tmp_path, synth=synth_dir) for a in args]
    done = cli("export", *args)
    assert done.returncode == code, done.stderr
    out = Path(args[-1])
    if code == 0:
        magic = b"PK" if out.suffix == ".pptx" else b"%PDF"
        assert out.read_bytes().startswith(magic) and done.stderr == ""
    else:
        assert done.stderr.startswith(stderr.format(tmp=tmp_path)) and done.stderr.count("\n") == 1
        assert not out.exists()


def test_the_presentation_view_offers_both_files_made_on_click(seed_dir, monkeypatch):
    """The present view has the two download buttons; their files come from the same functions."""

    from dashboard.views import present

    monkeypatch.setenv("CAREPLAN_DATA", str(seed_dir))
    monkeypatch.delenv("CAREPLAN_OVERRIDES", raising=False)
    at = new_session({"view": "present"})
    buttons = {b.proto.label for b in at.get("download_button")}
    assert buttons == {i18n.t("pack_download_deck"), i18n.t("pack_download_handout")}
    assert present._pack_file("pdf", 2019, None, "ja").startswith(b"%PDF")
    assert present._pack_file("pptx", 2019, None, "en").startswith(b"PK")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_year_without_a_report_never_shows_zero_lagging(seed_con, lang):
    """2020 has targets only: the title slide and every domain slide say there is no report yet, as the
    app does, never "0 lagging (0%)"."""
    model = pack.build(seed_con, year=2020)
    assert not model.reported
    deck = Presentation(__import__("io").BytesIO(pack.deck(model, lang)))
    text = "\n".join(slide_text(s) for s in deck.slides)
    zero = i18n.t("pack_lagging_share", lang, n=0, share=0.0)
    assert zero not in text and i18n.t("no_report_yet_metric", lang) in text
    assert text.count(i18n.t("pack_domain_sub_no_report", lang, municipality=model.place(lang), year=2020,
                             n=0, lagging=0).split(" · ")[-1]) == len(model.domains)
    html = pack.handout_html(model, lang)
    assert zero not in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_filtered_pack_has_the_slides_of_the_filtered_deck_on_screen(seed_dir, monkeypatch, tmp_path, lang):
    """status=partial,not_achieved: 医療・看護 has none of them, so neither the screen nor the files give it a
    slide, and both title slides name the filter and the domain left out; the other slides line up."""
    from dashboard.views import present

    monkeypatch.setenv("CAREPLAN_DATA", str(seed_dir))
    monkeypatch.delenv("CAREPLAN_OVERRIDES", raising=False)
    at = new_session({"view": "present", "status": "partial,not_achieved", "lang": lang})
    screen = " ".join(m.value for m in at.markdown)
    left_out = "医療・看護" if lang == "ja" else "Medical and nursing care"
    assert i18n.t("slides_left_out", lang, names=left_out) in screen.replace("\\", "")
    assert "1 / 11" in screen
    titles = []
    for _ in range(10):
        at.button(key="slide-next").click().run()
        titles.append(at.title[0].value.replace("\\", ""))  # Markdown escapes
    filters = i18n.t("filters_line", lang, items=i18n.t("status", lang) + ": " + i18n.t("list_separator", lang).join(
        i18n.status_label(s, lang) for s in ("partial", "not_achieved")))
    pptx, pdf = tmp_path / "pack.pptx", tmp_path / "pack.pdf"
    pptx.write_bytes(present._pack_file("pptx", 2019, None, lang, [], ["partial", "not_achieved"], None, filters))
    pdf.write_bytes(present._pack_file("pdf", 2019, None, lang, [], ["partial", "not_achieved"], None, filters))
    deck = Presentation(pptx)
    assert [slide_title(s) for s in list(deck.slides)[1:]] == titles and left_out not in titles
    title = slide_text(deck.slides[0])
    assert filters in title and i18n.t("slides_left_out", lang, names=left_out) in title
    assert pdf_pages(pdf) == 11 and squeeze(i18n.t("slides_left_out", lang, names=left_out)) in squeeze(pdftotext(pdf, 1))
    for i, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.top + shape.height <= deck.slide_height, (i, shape.name)
