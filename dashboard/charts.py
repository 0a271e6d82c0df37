"""Plotly figures from query results. Rows carry their ids in customdata for drill-down."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .i18n import STATUS_COLOR, STATUS_SYMBOL, STATUSES, row_domain, status_badge, status_label, t

FONT = "Noto Sans CJK JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"


def _compact(n: int) -> str:
    """Counts that fit a grid cell: 950, 3.8k, 12k."""
    return str(n) if n < 1000 else f"{n / 1000:.1f}k" if n < 10000 else f"{n // 1000}k"


def plain(text: str) -> str:
    """Text for Plotly, which reads <b>, <br> and entities in labels: shown literally instead."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def domain_name(row, lang: str) -> str:
    return plain(row_domain(row, lang))


def status_by_domain(counts: pd.DataFrame, domains: pd.DataFrame, lang: str, font_size: int = 14,
                     height: int | None = None) -> go.Figure:
    """Stacked horizontal bars: one bar per domain, one segment per status (counts from status_counts)."""
    names = {r.domain: domain_name(r, lang) for r in domains.itertuples()}
    order = [names[d] for d in domains.domain]
    fig = go.Figure()
    for word in STATUSES:
        part = counts[counts.status == word]
        if part.empty:
            continue
        fig.add_bar(
            orientation="h",
            name=status_badge(word, lang),
            y=[names[d] for d in part.domain],
            x=part.measures,
            text=[f"{STATUS_SYMBOL[word]} {n}" for n in part.measures],
            textposition="inside",
            textfont=dict(size=font_size),
            insidetextanchor="middle",
            marker_color=STATUS_COLOR[word],
            marker_line=dict(color="white", width=1),
            customdata=[[d, word] for d in part.domain],
            hovertemplate="%{y}<br>" + status_label(word, lang) + ": %{x}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        showlegend=True,
        height=height or 90 + 48 * len(order),
        margin=dict(l=10, r=10, t=10, b=10),
        font=dict(family=FONT, size=font_size),
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(order)), title=None,
                   tickfont=dict(size=font_size)),
        xaxis=dict(title=dict(text=t("count", lang), font=dict(size=font_size - 2)),
                   dtick=1 if counts.measures.max() <= 12 else None, tickfont=dict(size=font_size - 2)),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title=None, traceorder="normal",
                    font=dict(size=font_size - 1)),
        clickmode="event+select",
        dragmode=False,
    )
    return fig


def status_grid(grid: pd.DataFrame, years: list[int], lang: str) -> go.Figure:
    """Domain × year grid of square markers (rows of status_grid); each cell lists its counts per status."""
    names = [domain_name(r, lang) for r in grid.itertuples()]
    order = list(dict.fromkeys(names))
    texts, hovers = [], []
    for row in grid.itertuples():
        counts = [(s, row.counts[s]) for s in STATUSES if row.counts.get(s)]
        parts = [f"{STATUS_SYMBOL[s]}{_compact(n)}" for s, n in counts]
        texts.append("<br>".join(" ".join(parts[i:i + 2]) for i in range(0, len(parts), 2)))
        hovers.append("<br>".join(f"{status_label(s, lang)}: {n}" for s, n in counts))
    labels = [t("year_value", lang, year=y) for y in years]
    fig = go.Figure(
        go.Scatter(
            x=[t("year_value", lang, year=y) for y in grid.fiscal_year],
            y=names,
            mode="markers+text",
            text=texts,
            textfont=dict(family=FONT, size=13, color="#111111"),
            marker=dict(
                symbol="square",
                size=76,
                color=grid.lagging_share,
                cmin=0,
                cmax=1,
                colorscale=[[0, "#F2F2F2"], [1, STATUS_COLOR["not_achieved"]]],
                opacity=0.55,
                line=dict(color="#888888", width=1),
                colorbar=dict(title=t("lagging_count", lang), tickformat=".0%", thickness=12),
            ),
            customdata=list(zip(grid.domain, grid.fiscal_year)),
            hovertext=hovers,
            hovertemplate="%{y} · %{x}<br>%{hovertext}<extra></extra>",
        )
    )
    fig.update_layout(
        height=110 + 84 * len(order),
        margin=dict(l=10, r=10, t=10, b=10),
        font=dict(family=FONT, size=14),
        xaxis=dict(type="category", categoryorder="array", categoryarray=labels, side="top", title=None),
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(order)), title=None, tickfont=dict(size=14)),
        clickmode="event+select",
        dragmode=False,
        plot_bgcolor="white",
    )
    return fig
