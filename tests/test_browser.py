"""Browser tests: the real server, Debian's Chromium through Playwright, screenshots kept.

A missing browser is a failure, not a skip: `make test` installs it (as root), .ci/run too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import Page, expect

from dashboard.i18n import STATUSES

from .conftest import ARTIFACTS, start_server  # the server and browser fixtures are there too

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    pg = context.new_page()
    yield pg
    context.close()


def ready(page: Page) -> None:
    """Wait until the script has run and nothing is still loading; fail on an app exception."""
    app = page.locator("[data-testid=stApp]")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=30000)
    page.wait_for_function(
        """() => { const a = document.querySelector('[data-testid=stApp]');
                   const s = a && a.getAttribute('data-test-script-state');
                   return (s === 'notRunning' || s === 'compilationError')
                          && !document.querySelector('[data-testid=stSkeleton]'); }""",
        timeout=30000,
    )
    assert app.get_attribute("data-test-script-state") != "compilationError"
    expect(page.get_by_test_id("stException")).to_have_count(0)


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    ready(page)


def shot(page: Page, name: str) -> None:
    """Full-page screenshot: Streamlit scrolls inside stMain, so grow the viewport to its height."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height, 800), 6000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def params(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_params(page: Page, **expected) -> None:
    page.wait_for_function(
        "(e) => Object.entries(e).every(([k, v]) => new URLSearchParams(location.search).get(k) === v)",
        arg=expected, timeout=15000)


def test_overview_shows_japanese_title_and_both_charts(page, server):
    """The overview loads with its Japanese title, the domain chart and the status grid."""
    open_app(page, server)
    expect(page.get_by_role("heading", name="地域包括ケア 取組み進捗ダッシュボード")).to_be_visible()
    expect(page.locator(".st-key-domain-chart [data-testid=stPlotlyChart] g.trace.bars")).not_to_have_count(0)
    expect(page.locator(".st-key-status-grid [data-testid=stPlotlyChart] .barlayer .point")).to_have_count(21)
    expect(page.locator(".st-key-domain-chart")).to_contain_text("本人の選択・本人家族の心構え")
    shot(page, "overview-ja")


def test_clicking_a_bar_segment_drills_to_its_measures(page, server):
    """Clicking the 未達成 segment of 生活支援 lists those three measures and updates the URL."""
    open_app(page, server)
    page.locator(".st-key-domain-chart").scroll_into_view_if_needed()
    bars = page.locator(".st-key-domain-chart [data-testid=stPlotlyChart] g.trace.bars")
    # The not_achieved trace: its bars' hover text is in the legend order achieved, partial, not_achieved.
    not_achieved = bars.nth(2).locator("path")
    # Bars are drawn bottom-up in category order reversed: find the one whose label is 生活支援 by position.
    ticks = page.locator(".st-key-domain-chart .yaxislayer-above .ytick text")
    target_y = None
    for i in range(ticks.count()):
        if ticks.nth(i).text_content().startswith("生活支援"):  # then its lagging count and share
            box = ticks.nth(i).bounding_box()
            target_y = box["y"] + box["height"] / 2
    assert target_y is not None
    clicked = False
    for i in range(not_achieved.count()):
        box = not_achieved.nth(i).bounding_box()
        if box and box["height"] > 0 and box["y"] <= target_y <= box["y"] + box["height"]:
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            clicked = True
            break
    assert clicked, "no not_achieved bar on 生活支援"
    wait_params(page, view="measures", domain="生活支援", status="not_achieved")
    ready(page)
    table = page.locator(".st-key-measure-table")
    expect(table).to_contain_text("3件")
    shot(page, "drill-bar")


def test_clicking_a_grid_cell_drills_to_domain_and_year(page, server):
    """Clicking the 2018 cell of 住まいの確保 lists its measures for 2018."""
    open_app(page, server)
    points = page.locator(".st-key-status-grid .barlayer .point")
    # Points are in query order: domain order, then year; 住まいの確保 is domain 5, 2018 its first year.
    points.nth(4 * 3).scroll_into_view_if_needed()
    box = points.nth(4 * 3).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_params(page, view="measures", domain="住まいの確保", year="2018")
    ready(page)
    expect(page.locator(".st-key-measure-table")).to_contain_text("2件")


def test_selecting_a_table_row_opens_the_detail(page, server):
    """Selecting a row of the measure table shows its full text, bullets and evidence."""
    open_app(page, server + "/?view=measures&domain=" + quote("保健・福祉"))
    grid = page.locator(".st-key-measure-table [data-testid=stDataFrameResizable]")
    expect(grid).to_be_visible()
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # Row 4 (2-②): header 35 px, then rows of 78 px (wrapped text); the checkbox column is the first ~30 px.
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 78 * 3 + 39)
    wait_params(page, measure="3-2-2")
    ready(page)
    detail = page.locator(".st-key-measure-detail")
    expect(detail).to_contain_text("地域ケア会議、スーパービジョンなど基幹型の対応を充実させ、支援者へのサポート体制を整える。")
    expect(detail).to_contain_text("●地域ケア会議での事例検討は行ったが")
    expect(detail).to_contain_text("一部達成")
    shot(page, "detail")


def test_switching_to_english(page, server):
    """The language switch turns the UI and domain names English and writes lang=en."""
    open_app(page, server)
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    wait_params(page, lang="en")
    ready(page)
    expect(page.get_by_role("heading", name="Community care plan progress dashboard")).to_be_visible()
    expect(page.locator(".st-key-domain-chart")).to_contain_text("Daily-life support")
    shot(page, "overview-en")


def test_presentation_mode_pages_through_domains(page, server):
    """Presentation: sidebar hidden, 1 / 12 the title slide (as in the pack), Next moves to the first domain
    and into the URL."""
    open_app(page, server + "/?view=present")
    slide = page.locator(".st-key-presentation")
    expect(slide).to_contain_text("1 / 12")
    expect(slide.get_by_role("heading", name="白井市 2019年度の進捗")).to_be_visible()
    expect(page.locator("[data-testid=stSidebarContent]")).not_to_be_visible()
    shot(page, "present-1")
    slide.get_by_role("button", name="次へ →").click()
    expect(slide).to_contain_text("2 / 12")
    expect(slide.get_by_role("heading", name="医療・看護")).to_be_visible()
    wait_params(page, view="present", slide="2")
    ready(page)
    shot(page, "present-2")


@pytest.mark.parametrize("gap", [150, 40])
def test_presentation_counts_every_key_press_while_the_page_updates(page, server, gap):
    """A clicker pressed quickly: every key counts, in order, also while the last slide is still being drawn."""
    open_app(page, server + "/?view=present")
    nav = page.locator(".st-key-slide-nav")
    expect(nav).to_contain_text("1 / 12")
    for key in ["PageDown"] * 4:
        page.keyboard.press(key)
        page.wait_for_timeout(gap)
    expect(nav).to_contain_text("5 / 12")
    wait_params(page, slide="5")
    for key in ["ArrowRight", "Space", "ArrowLeft", "End", "PageUp", "ArrowLeft", "Home", "ArrowRight"]:
        page.keyboard.press(key)
        page.wait_for_timeout(gap)
    expect(nav).to_contain_text("2 / 12")
    wait_params(page, slide="2")
    ready(page)
    expect(page.locator(".st-key-presentation").get_by_role("heading", name="医療・看護")).to_be_visible()


def test_a_shared_link_restores_the_view(page, server):
    """A link with view, domain, measure and lang opens exactly that view."""
    open_app(page, server + "/?view=measures&domain=" + quote("生活支援") + "&measure=6-4-2&lang=en")
    expect(page.get_by_role("heading", name="Measures · FY2019")).to_be_visible()
    expect(page.locator(".st-key-measure-detail")).to_contain_text("住民の支え合いによるごみ出し支援を検討し実施する。")
    expect(page.locator(".st-key-measure-table")).to_contain_text("10 rows")
    assert params(page)["measure"] == "6-4-2"
    shot(page, "shared-link")


def test_lagging_cards_highlight_the_evidence(page, server):
    """The lagging list shows cards with the deciding phrase highlighted."""
    open_app(page, server + "/?view=lagging")
    cards = page.locator(".st-key-lagging-list")
    expect(cards).to_contain_text("17件")
    expect(cards.locator("strong", has_text="行っていない").first).to_be_visible()
    shot(page, "lagging")


OVERLAPS = """(root) => { const out = [];
  for (const block of document.querySelectorAll(root + ' [data-testid=stVerticalBlock], ' + root)) {
    if (getComputedStyle(block).flexDirection !== 'column') continue;
    const kids = [...block.children].filter(k => k.getBoundingClientRect().height > 0);
    for (let i = 1; i < kids.length; i++) {
      // where the text above really ends: its deepest line (an element may be shorter than what it draws)
      const bottom = Math.max(...[kids[i - 1], ...kids[i - 1].querySelectorAll('p, span, strong')]
        .map(e => e.getBoundingClientRect()).filter(r => r.height > 0).map(r => r.bottom));
      const top = kids[i].getBoundingClientRect().top;
      if (bottom > top + 1) out.push([kids[i - 1].innerText.slice(0, 40), bottom - top]);
    } }
  return out; }"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_nothing_in_the_lagging_view_is_drawn_over_what_follows_it(page, server, lang):
    """Each line (a heading, its caption, a card) ends above the next one: no border through a text."""
    open_app(page, server + f"/?view=lagging&lang={lang}")
    expect(page.locator(".st-key-cards")).to_be_visible()
    assert page.evaluate(OVERLAPS, ".st-key-lagging-list") == []


def test_malformed_link_shows_a_notice_not_an_exception(page, server):
    """An unknown year and status are ignored with a visible notice."""
    open_app(page, server + "/?year=1999&status=bogus")
    expect(page.get_by_test_id("stAlert").first).to_contain_text("year=1999")
    expect(page.get_by_text("status=bogus", exact=False)).to_be_visible()


HOSTILE = "1. 項目 *強調* _下線_ <b>太字</b> <script>x()</script> $x$ :red[赤]"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from dashboard.cli import main

    from .conftest import write_source

    tmp = tmp_path_factory.mktemp("hostile")
    src = write_source(tmp, f"<i>医療</i>\t1-①\t{HOSTILE}\t=1+1\t実施\t実施\t●{HOSTILE}を実施した。\t@計画\n")
    assert main(["normalize", str(src), "--out", str(tmp / "n")]) == 0
    proc, url, log = start_server(tmp / "n")
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_source_text_is_shown_exactly_as_written(page, hostile_server):
    """Markdown, HTML and formula-like text in the source appear literally in the detail."""
    open_app(page, hostile_server + "/?view=measures&measure=1-1-1")
    detail = page.locator(".st-key-measure-detail")
    expect(detail.get_by_text(HOSTILE, exact=True)).to_be_visible()
    expect(detail).to_contain_text("●" + HOSTILE + "を実施した。")
    expect(detail).to_contain_text("=1+1")
    expect(detail.locator("b, script, em, ol")).to_have_count(0)
    shot(page, "hostile-text")


def test_hostile_domain_names_are_literal_in_charts(page, hostile_server):
    """A domain label holding HTML shows as written on the chart axis, not as markup."""
    open_app(page, hostile_server)
    ticks = page.locator(".st-key-domain-chart .ytick text")
    expect(ticks.first).to_contain_text("<i>医療</i>")  # unescaped, Plotly would draw 医療 in italics


@pytest.fixture(scope="module")
def national_server(tmp_path_factory):
    """The app on 1,741 synthetic municipalities (about 84,000 measures), as Parquet."""
    from dashboard.cli import main

    out = tmp_path_factory.mktemp("national") / "n"
    assert main(["synth", "--municipalities", "1741", "--out", str(out)]) == 0
    proc, url, log = start_server(out)
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_comparison_view_on_national_data_drills_to_a_municipality(page, national_server):
    """Compare 1,741 municipalities; selecting the worst opens its own overview."""
    page.goto(national_server + "/?view=compare")
    ready(page)
    table = page.locator(".st-key-compare [data-testid=stDataFrameResizable]")
    expect(table).to_be_visible(timeout=60000)
    shot(page, "compare-national")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row's checkbox
    page.wait_for_function("() => new URLSearchParams(location.search).get('municipality')", timeout=30000)
    ready(page)
    chosen = params(page)["municipality"]
    assert chosen.startswith("合成市") and "view" not in params(page)
    expect(page.locator(".st-key-domain-chart [data-testid=stPlotlyChart]")).to_be_visible()
    metrics = page.get_by_test_id("stMetricValue")
    expect(metrics.first).not_to_have_text("84337")  # one municipality's measures, not the nation's
    shot(page, "compare-drill")


def test_charts_keep_plotlys_png_download(page, server):
    """Hovering a chart shows Plotly's own "Download plot as a png" button."""
    open_app(page, server)
    chart = page.locator(".st-key-domain-chart [data-testid=stPlotlyChart]")
    chart.hover()
    expect(chart.locator(".modebar-btn[data-title='Download plot as a PNG']")).to_have_count(1)


def test_presentation_uses_large_type(page, server):
    """Slides are set in large type for a meeting room."""
    open_app(page, server + "/?view=present&slide=2&domain=" + quote("生活支援"))
    text = page.locator(".st-key-presentation p", has_text="団塊の世代にとって参加しやすいイベント")
    size = text.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 20  # Streamlit's body text is 16 px


def test_presentation_evidence_is_cut_only_between_phrases(page, server):
    """Evidence short enough is shown whole; a longer one is cut where a phrase begins, never mid-word."""
    open_app(page, server + "/?view=present&slide=2&domain=" + quote("本人の選択・本人家族の心構え"))
    shown = []
    for n in (2, 3):
        if n > 2:
            page.keyboard.press("ArrowRight")
            wait_params(page, slide=str(n))
            ready(page)
        shown += page.locator(".st-key-presentation .slide-evidence").all_inner_texts()
    assert any("2025年問題や地域包括ケアシステムをテーマとした広報掲載は行っていない。" in e for e in shown), shown
    assert any("介護予防に資する講座は他班で実施しているが、紹介を十分できていない。" in e for e in shown), shown
    assert any("…説明を行ったが、様々な世代が" in e for e in shown), shown  # 48 characters: cut before a phrase


def test_a_filtered_presentation_leaves_out_a_domain_with_nothing_and_says_so(page, server):
    """status=partial,not_achieved leaves 医療・看護 no measure: no slide for it, named on the title slide."""
    open_app(page, server + "/?view=present&status=partial,not_achieved")
    slide = page.locator(".st-key-presentation")
    expect(slide.locator(".st-key-slide-nav")).to_contain_text("1 / 11")
    expect(page.locator(".st-key-slide-left-out")).to_have_text("この絞り込みで取組みが残らない領域はスライドを省略: 医療・看護")
    page.keyboard.press("ArrowRight")
    wait_params(page, slide="2")
    ready(page)
    expect(slide.get_by_role("heading", level=1)).to_have_text("介護・リハビリテーション")
    expect(slide.locator(".st-key-slide-chart-box [data-testid=stPlotlyChart]")).to_be_visible()
    shot(page, "present-filtered-2")
    # five domains left out, on the compact slide (1280×720 at 150 %): the line wraps, nothing is cut
    page.set_viewport_size({"width": 853, "height": 480})
    open_app(page, server + "/?view=present&status=not_achieved&lang=en")
    note = page.locator(".st-key-slide-left-out p")
    expect(note).to_contain_text("Health and welfare, Securing housing, Dementia prevention and support")
    assert note.evaluate("(p) => p.scrollWidth <= p.clientWidth + 1 && p.scrollHeight <= p.clientHeight + 1")
    assert page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                         " return m.scrollHeight <= m.clientHeight + 1; }"), "the title slide needs scrolling"
    page.screenshot(path=str(ARTIFACTS / "present-filtered-853x480-en.png"))


def test_downloading_the_filtered_table_as_csv(page, server):
    """The CSV button gives the filtered rows, UTF-8 with a BOM, made when clicked."""
    open_app(page, server + "/?view=measures&domain=" + quote("住まいの確保"))
    with page.expect_download() as info:
        page.get_by_role("button", name="CSVをダウンロード").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("番号,領域,取組み,年度,目標,状況,状況コード,")
    assert len(text.splitlines()) == 3 and "住まいの確保" in text


def test_the_filter_lists_offer_no_option_in_another_language(page, server):
    """The domain and status lists in the Japanese UI: their own options only (no Streamlit "Select all")."""
    open_app(page, server + "/")
    for n in range(2):
        page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(n).click()
        options = page.get_by_role("option")
        expect(options.first).to_be_visible()
        texts = options.all_inner_texts()
        assert len(texts) in (7, len(STATUSES)) and not any("Select" in x for x in texts), texts
        page.keyboard.press("Escape")
