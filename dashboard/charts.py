"""Plotly figures from query results. Rows carry their ids in customdata for drill-down."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .i18n import STATUS_COLOR, STATUS_SYMBOL, STATUSES, Names, status_badge, status_label, t

FONT = "Noto Sans CJK JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"


def _compact(n: int) -> str:
    """Counts that fit a grid cell: 950, 3.8k, 12k."""
    return str(n) if n < 1000 else f"{n / 1000:.1f}k" if n < 10000 else f"{n // 1000}k"


def plain(text: str) -> str:
    """Text for Plotly, which reads <b>, <br> and entities in labels: shown literally instead."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def domain_name(domain: str, names: Names, lang: str) -> str:
    return plain(names.name("domain", domain, lang))


def status_by_domain(counts: pd.DataFrame, lang: str, names: Names, font_size: int = 14, height: int | None = None,
                     reported: bool = True, fit: bool = False) -> go.Figure:
    """Stacked horizontal bars: one bar per domain, worst first (rows of status_by_domain: ranked by the
    share of lagging measures), one segment per status, and each domain's lagging count and share beside
    its bar. fit: as tall as the element it is drawn in (a slide sized to the screen)."""
    domains = counts.drop_duplicates("domain").sort_values("rank")
    labels = {d: domain_name(d, names, lang) for d in domains.domain}
    order = [labels[d] for d in domains.domain]
    fig = go.Figure()
    for word in STATUSES:
        part = counts[counts.status == word]
        if part.empty:
            continue
        fig.add_bar(
            orientation="h",
            name=status_badge(word, lang),
            y=[labels[d] for d in part.domain],
            x=part.measures,
            text=[f"{STATUS_SYMBOL[word]} {n}" for n in part.measures],
            textposition="inside",
            textfont=dict(size=font_size),
            textangle=0,  # never turned on its side in a narrow segment
            insidetextanchor="middle",
            marker_color=STATUS_COLOR[word],
            marker_line=dict(color="white", width=1),
            customdata=[[d, word] for d in part.domain],
            hovertemplate="%{y}<br>" + status_label(word, lang) + ": %{x}<extra></extra>",
        )
    widest = int(domains.domain_measures.max())
    # Each domain's lagging count and share under its name: it stays readable on a phone, where text
    # beside the bars would be cut off; on a slide fitted to the screen, beside it (one line a bar).
    ticks = [labels[d] + (("&nbsp;&nbsp;" if fit else "<br>") + f"<span style='font-size:{font_size - 3}px;color:#444'>" + plain(t(
        "bar_lagging", lang, lagging=int(r.domain_lagging), n=int(r.domain_measures), share=r.lagging_share))
        + "</span>" if reported else "") for d, r in zip(domains.domain, domains.itertuples())]
    fig.update_layout(
        barmode="stack",
        showlegend=True,
        height=None if fit else height or 90 + 52 * len(order),
        margin=dict(l=10, r=10, t=10, b=10),
        font=dict(family=FONT, size=font_size),
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(order)), title=None,
                   tickfont=dict(size=font_size), tickmode="array", tickvals=order, ticktext=ticks),
        xaxis=dict(title=None if fit else dict(text=t("count", lang), font=dict(size=font_size - 2)), range=[0, widest * 1.02],
                   dtick=max(1, -(-widest // 5)) if widest <= 100 else None, tickfont=dict(size=font_size - 2)),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title=None, traceorder="normal",
                    font=dict(size=font_size - 1)),
        clickmode="event+select",
        dragmode=False,
        # a count too small to read is left out; on a slide fitted to a short screen (150% zoom: 1.5 device
        # pixels to one) the thinner bars still carry theirs
        uniformtext=dict(minsize=8 if fit else max(font_size - 4, 9), mode="hide"),
        bargap=0.12 if fit else None,  # a slide fitted to a short screen: bars thick enough for their counts
    )
    return fig


def status_grid(grid: pd.DataFrame, years: list[int], lang: str, names: Names) -> go.Figure:
    """Domain × year grid (rows of status_grid); each cell lists its counts per status and is shaded by its
    lagging share. Cells are bars of width 0.9 in a category axis, so they share the width of the chart
    and never overlap, however narrow the screen; a bar can be clicked (a heatmap cannot)."""
    domain_labels = [domain_name(d, names, lang) for d in grid.domain]
    order = list(dict.fromkeys(domain_labels))
    row = {name: len(order) - 1 - i for i, name in enumerate(order)}  # the first domain on top
    texts, hovers = [], []
    for r in grid.itertuples():
        counts = [(s, r.counts[s]) for s in STATUSES if r.counts.get(s)]
        parts = [f"{STATUS_SYMBOL[s]}{_compact(n)}" for s, n in counts]
        texts.append("<br>".join(" ".join(parts[i:i + 2]) for i in range(0, len(parts), 2)))
        hovers.append("<br>".join(f"{status_label(s, lang)}: {n}" for s, n in counts))
    labels = [t("year_value", lang, year=y) for y in years]
    fig = go.Figure(
        go.Bar(
            x=[t("year_value", lang, year=y) for y in grid.fiscal_year],
            y=[0.9] * len(grid),
            base=[row[n] - 0.45 for n in domain_labels],
            width=0.9,
            text=texts,
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            constraintext="none",
            textfont=dict(family=FONT, size=13, color="#111111"),
            marker=dict(
                color=grid.lagging_share,
                cmin=0,
                cmax=1,
                colorscale=[[0, "#F2F2F2"], [1, "#EFA27A"]],
                line=dict(color="#888888", width=1),
                showscale=False,
            ),
            customdata=list(zip(grid.domain, grid.fiscal_year)),
            hovertext=[f"{n} · {x}<br>{h}" for n, x, h in
                       zip(domain_labels, (t("year_value", lang, year=y) for y in grid.fiscal_year), hovers)],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.update_layout(
        height=60 + 70 * len(order),
        margin=dict(l=10, r=10, t=10, b=10),
        font=dict(family=FONT, size=14),
        bargap=0,
        uniformtext=dict(mode="show", minsize=10),
        xaxis=dict(type="category", categoryorder="array", categoryarray=labels, side="top", title=None,
                   fixedrange=True, tickangle=0, tickfont=dict(size=12),  # upright, in two lines: each year over its column
                   tickmode="array", tickvals=labels, ticktext=[t("year_tick", lang, year=y) for y in years]),
        yaxis=dict(range=[-0.5, len(order) - 0.5], tickvals=list(range(len(order))),
                   ticktext=list(reversed(order)), title=None, tickfont=dict(size=14), fixedrange=True,
                   showgrid=False, zeroline=False),
        clickmode="event+select",
        dragmode=False,
        plot_bgcolor="white",
    )
    return fig


def status_columns(counts: pd.DataFrame, lang: str, font_size: int = 18, height: int | None = 360,
                   reported: bool = True) -> go.Figure:
    """One domain's statuses as columns (rows of status_by_domain for that domain), for a slide: counts
    on the columns, the domain's lagging count and share as the title."""
    first = counts.iloc[0]
    shown = counts.set_index("status")
    words = [w for w in STATUSES if w in shown.index]
    fig = go.Figure(go.Bar(
        x=[status_badge(w, lang) for w in words],
        y=[int(shown.loc[w, "measures"]) for w in words],
        text=[int(shown.loc[w, "measures"]) for w in words],
        textposition="outside",
        cliponaxis=False,
        textfont=dict(size=font_size + 2),
        marker_color=[STATUS_COLOR[w] for w in words],
        marker_line=dict(color="#555555", width=1),
        hovertemplate="%{x}: %{y}<extra></extra>",
    ))
    title = (t("chart_title_domain", lang, lagging=int(first.domain_lagging), n=int(first.domain_measures),
               share=first.lagging_share) if reported else t("bar_no_report", lang))
    fig.update_layout(
        height=height,  # None: the height of the element it is drawn in (a slide sized to the screen)
        margin=dict(l=10, r=10, t=50, b=10),
        font=dict(family=FONT, size=font_size),
        title=dict(text=plain(title), x=0, font=dict(size=font_size + 2)),
        xaxis=dict(title=None, tickfont=dict(size=font_size - 2)),
        yaxis=dict(title=None, dtick=1 if shown.measures.max() <= 12 else None, rangemode="tozero",
                   range=[0, shown.measures.max() * 1.2 + 0.5], tickfont=dict(size=font_size - 4)),
        showlegend=False,
        bargap=0.25,
        dragmode=False,
        plot_bgcolor="white",
    )
    return fig
