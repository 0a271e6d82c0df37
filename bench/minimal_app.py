"""The floor: what Streamlit and Plotly alone cost to draw a page like the overview (headline metrics,
a stacked bar chart of 7 rows and a 7 × 3 scatter grid), from constant data, with no queries."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("minimal")
for col, value in zip(st.columns(8), range(8)):
    col.metric(f"m{value}", value)
rows = [f"domain {i}" for i in range(7)]
bars = go.Figure()
for k, color in enumerate(["#009E73", "#E69F00", "#D55E00", "#0072B2", "#E8E8E8"]):
    bars.add_bar(orientation="h", y=rows, x=[k + 1] * 7, marker_color=color, customdata=[[r, k] for r in rows])
bars.update_layout(barmode="stack", height=430)
st.plotly_chart(bars, key="bars", on_select="rerun", selection_mode="points")
grid = go.Figure(go.Scatter(x=[y for _ in rows for y in ("2018", "2019", "2020")],
                            y=[r for r in rows for _ in range(3)], mode="markers+text", text=["a"] * 21,
                            marker=dict(symbol="square", size=76, color=list(range(21)))))
grid.update_layout(height=700)
st.plotly_chart(grid, key="grid", on_select="rerun", selection_mode="points")
