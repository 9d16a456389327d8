"""Plotly figures of the pages, built from the frames of lib/ functions (pure: frames in, figure out).

Amounts arrive in cents and are drawn in currency units; numbers use the language's separators
(1.234,56 in Italian). Points that stand for an account carry its customer id in `customdata`,
so a click on them can open the account page.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from lib.i18n import date_format, format_number, t

# Young to old: green to red, "not due" in a calm blue.
_BUCKET_COLOURS = ("#4C78A8", "#9ECF8E", "#D8D86A", "#F2B447", "#EF8A3C", "#E0583A", "#B8322F", "#7A1F2B")
_RATING_COLOURS = {"A": "#2E8B57", "B": "#8DB33A", "C": "#E69F00", "D": "#C0392B"}
_PAID_COLOUR = "#2E8B57"
# A scatter of 100k accounts is no picture anyone reads (and slow to draw): the risk map shows the
# debtors with the most overdue, up to this many, and says so.
RISK_MAP_POINTS = 2_000


def _text(values: pl.Series) -> list[str]:
    """Names, notes and labels from users or files as plotly shows them: as typed. Plotly draws a
    subset of HTML in labels and hovers (<b>, <a href>…) and decodes entities: each is escaped."""
    escaped = values.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True)
    return escaped.str.replace_all(">", "&gt;", literal=True).to_list()


def _layout(fig: go.Figure, lang: str, title: str, **more: object) -> go.Figure:
    """Language separators; the title on top, the legend in a row between it and the plot."""
    fig.update_layout(
        separators=",." if lang == "it" else ".,",
        title={"text": title, "y": 0.98, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"namelength": -1},
        **more,
    )
    return fig


def bucket_name(label: str, lang: str) -> str:
    """`not_due` → "not due", `over_365` → "over 365", ranges stay as they are (+ days)."""
    if label == "not_due":
        return t("bucket.not_due", lang)
    if label.startswith("over_"):
        return t("bucket.over", lang, days=label.removeprefix("over_"))
    return t("bucket.range", lang, days=label)


def _colours(labels: list[str]) -> dict[str, str]:
    """Bucket colours spread over the scale, whatever the number of buckets."""
    last = len(_BUCKET_COLOURS) - 1
    picks = [_BUCKET_COLOURS[0]] + [
        _BUCKET_COLOURS[1 + round(i * (last - 1) / max(len(labels) - 2, 1))] for i in range(len(labels) - 1)
    ]
    return dict(zip(labels, picks, strict=True))


def bucket_labels_of(buckets: pl.Series) -> list[str]:
    """The labels of an Enum `bucket` column (lib.ageing.age), young to old."""
    dtype = buckets.dtype
    assert isinstance(dtype, pl.Enum), f"bucket must be an Enum, not {dtype}"
    return dtype.categories.to_list()


def _bucket_panels(frame: pl.DataFrame) -> tuple[list[str], dict[str, str], list[str]]:
    """The buckets of an Enum `bucket` column (young to old), their colours, and the currencies."""
    labels = bucket_labels_of(frame["bucket"])
    return labels, _colours(labels), frame["currency"].unique(maintain_order=True).to_list()


def ageing(buckets: pl.DataFrame, lang: str) -> go.Figure:
    """One horizontal bar per currency, stacked by bucket (lib.ageing.buckets_by_currency)."""
    labels, colours, currencies = _bucket_panels(buckets)
    fig = make_subplots(rows=len(currencies), cols=1, shared_xaxes=False, vertical_spacing=0.25)
    for row, currency in enumerate(currencies, start=1):
        mine = buckets.filter(pl.col("currency") == currency)
        for label in labels:
            cents = mine.filter(pl.col("bucket") == label)["open_cents"].sum()
            fig.add_bar(
                x=[cents / 100],
                y=[currency],
                orientation="h",
                name=bucket_name(label, lang),
                marker_color=colours[label],
                legendgroup=label,
                showlegend=row == 1,
                hovertemplate=f"{bucket_name(label, lang)}: %{{x:,.2f}} {currency}<extra></extra>",
            )
    return _layout(fig, lang, barmode="stack", height=200 + 90 * len(currencies), title=t("chart.ageing", lang))


def trend(totals: pl.DataFrame, lang: str) -> go.Figure:
    """Every bucket across snapshots, stacked areas, one panel per currency (portfolio.trend_totals)."""
    labels, colours, currencies = _bucket_panels(totals)
    fig = make_subplots(rows=len(currencies), cols=1, subplot_titles=currencies, vertical_spacing=0.12)
    for row, currency in enumerate(currencies, start=1):
        mine = totals.filter(pl.col("currency") == currency)
        for label in labels:
            line = mine.filter(pl.col("bucket") == label)
            fig.add_scatter(
                x=line["as_of"].to_list(),
                y=(line["open_cents"] / 100).to_list(),
                name=bucket_name(label, lang),
                stackgroup=currency,
                mode="lines+markers",
                line_color=colours[label],
                legendgroup=label,
                showlegend=row == 1,
                hovertemplate=f"%{{x|{date_format(lang)}}} · {bucket_name(label, lang)}: %{{y:,.2f}} {currency}"
                "<extra></extra>",
            )
    # one tick per snapshot: between weekly dates Plotly would invent days and repeat them
    fig.update_xaxes(tickformat=date_format(lang), tickvals=totals["as_of"].unique().sort().to_list())
    return _layout(fig, lang, height=260 + 220 * (len(currencies) - 1), title=t("chart.trend", lang))


def pareto(top: pl.DataFrame, currency: str, lang: str) -> go.Figure:
    """Largest debtors' overdue (bars) and the cumulative share of the overdue total (line)."""
    names = _text(top["customer_name"].fill_null(top["customer_id"]))
    ids = top["customer_id"].to_list()
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(
        x=names,
        y=(top["overdue_cents"] / 100).to_list(),
        customdata=ids,
        name=t("chart.overdue", lang, currency=currency),
        marker_color=[_RATING_COLOURS.get(r, "#888") for r in top["rating"].to_list()],
        hovertemplate=f"%{{x}}: %{{y:,.2f}} {currency}<extra></extra>",
        showlegend=False,  # its colours are the ratings: the legend names them below
    )
    fig.add_scatter(
        x=names,
        y=(top["cum_share"] * 100).to_list(),
        customdata=ids,
        name=t("chart.cumulative", lang),
        mode="lines+markers",
        line_color="#333",
        secondary_y=True,
        hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
    )
    for grade in sorted(set(top["rating"].drop_nulls().to_list())):  # legend entries for the bars' colours
        fig.add_bar(x=[None], y=[None], name=t("chart.rating", lang, rating=grade),
                    marker_color=_RATING_COLOURS.get(grade, "#888"), hoverinfo="skip")  # fmt: skip
    fig.update_yaxes(title_text=t("chart.overdue", lang, currency=currency), tickformat=",.0f", secondary_y=False)
    fig.update_yaxes(
        title_text=t("chart.cumulative_axis", lang),
        range=[0, 101],
        tickvals=[0, 25, 50, 75, 100],  # its own round ticks, not the left axis' grid
        ticksuffix="%",
        showgrid=False,
        secondary_y=True,
    )
    fig.update_xaxes(tickangle=-40)
    return _layout(fig, lang, height=460, showlegend=True, title=t("chart.pareto", lang, currency=currency))


def risk_map(accounts: pl.DataFrame, thresholds: tuple[int, int, int], currency: str, lang: str) -> go.Figure:
    """Score (rating bands) against amount overdue, bubble size = documents, one colour per rating."""
    debtors = accounts.filter(pl.col("overdue_cents") > 0)
    total = debtors.height
    if total > RISK_MAP_POINTS:
        debtors = debtors.top_k(RISK_MAP_POINTS, by="overdue_cents")
    most = debtors["documents"].max()  # None when no account is overdue
    sizeref = max(most if isinstance(most, int) else 1, 1) / 900
    fig = go.Figure()
    for grade, colour in _RATING_COLOURS.items():
        mine = debtors.filter(pl.col("rating") == grade)
        if mine.is_empty():
            continue
        fig.add_scatter(
            x=mine["score"].to_list(),
            y=(mine["overdue_cents"] / 100).to_list(),
            customdata=mine["customer_id"].to_list(),
            text=_text(mine["customer_name"].fill_null(mine["customer_id"])),
            mode="markers",
            name=t("chart.rating", lang, rating=grade),
            marker={
                "color": colour,
                "size": mine["documents"].to_list(),
                "sizemode": "area",
                "sizeref": sizeref,
                "sizemin": 5,
                "line": {"width": 0.5, "color": "#fff"},
                "opacity": 0.8,
            },
            hovertemplate=f"%{{text}}<br>{t('col.score', lang)} %{{x}} · %{{y:,.2f}} {currency}"
            f"<br>%{{marker.size}} {t('col.documents', lang).lower()}<extra></extra>",
        )
    for ceiling in thresholds:
        fig.add_vline(x=ceiling + 0.5, line_dash="dot", line_color="#999")
    fig.update_xaxes(title_text=t("chart.score_axis", lang))
    fig.update_yaxes(
        title_text=t("chart.overdue", lang, currency=currency),
        type="log",
        tickvals=log_ticks(debtors["overdue_cents"] / 100),
        tickformat=",.0f",  # 1.000, 20.000: whole amounts with the language's separators
    )
    if total > debtors.height:
        shown, of = format_number(debtors.height, lang, 0), format_number(total, lang, 0)
        note = t("chart.risk_sampled", lang, shown=shown, total=of)
        fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=-0.12, showarrow=False, xanchor="left")
    return _layout(fig, lang, height=420, title=t("chart.risk", lang, currency=currency))


def log_ticks(values: pl.Series) -> list[float]:
    """Ticks 1-2-5 per power of ten covering `values` (positive amounts): a log axis a reader can
    read, instead of Plotly's digits between decades."""
    positive = values.filter(values > 0)
    if positive.is_empty():
        return []
    low, high = float(positive.min()), float(positive.max())  # type: ignore[arg-type]
    powers = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    ticks = [(m, m * 10.0**p) for p in powers for m in (1, 2, 5)]
    inside = [(m, v) for m, v in ticks if low / 2 <= v <= high * 2]
    return [v for m, v in inside if len(inside) <= 9 or m == 1]  # many decades: the powers of ten only


def roll_rates(rates: pl.DataFrame, labels: list[str], lang: str) -> go.Figure:
    """Share of each old bucket's amount by where it went (lib.diff.roll_rates of one currency)."""
    targets = [*labels, "paid"]
    grid = (
        pl.DataFrame({"from_bucket": labels})
        .join(pl.DataFrame({"to": targets}), how="cross")
        .join(rates.with_columns(pl.col("from_bucket").cast(pl.String)), on=["from_bucket", "to"], how="left")
        .with_columns((pl.col("share") * 100).round(1))
    )
    present = [b for b in labels if b in set(rates["from_bucket"].cast(pl.String).to_list())]
    z = [grid.filter(pl.col("from_bucket") == b)["share"].to_list() for b in present]
    x = [t("chart.paid", lang) if target == "paid" else bucket_name(target, lang) for target in targets]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=[bucket_name(b, lang) for b in present],
            colorscale="Blues",
            zmin=0,
            zmax=100,
            text=[[f"{v:.0f}%" if v is not None else "" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate=f"{t('chart.from', lang)} %{{y}} → %{{x}}: %{{z:.1f}}%<extra></extra>",
            colorbar={"title": "%"},
        )
    )
    fig.update_yaxes(autorange="reversed", title_text=t("chart.from", lang))
    fig.update_xaxes(title_text=t("chart.to", lang))
    return _layout(fig, lang, height=380, title=t("chart.roll", lang))


def breakdown(table: pl.DataFrame, by: str, currency: str, lang: str) -> go.Figure:
    """Open and overdue per salesperson or payment method (lib.portfolio.breakdown of one currency)."""
    names = _text(table[by].fill_null(t("chart.unassigned", lang)))
    fig = go.Figure()
    for column, colour, key in (("open_cents", "#4C78A8", "col.open"), ("overdue_cents", "#E0583A", "col.overdue")):
        fig.add_bar(
            y=names,
            x=(table[column] / 100).to_list(),
            orientation="h",
            name=t(key, lang),
            marker_color=colour,
            hovertemplate=f"%{{y}}: %{{x:,.2f}} {currency}<extra></extra>",
        )
    fig.update_yaxes(autorange="reversed")
    return _layout(
        fig, lang, barmode="group", height=160 + 28 * len(names), title=t(f"chart.by_{by}", lang, currency=currency)
    )


def timeline(events: pl.DataFrame, currency: str, lang: str) -> go.Figure:
    """An account's story (lib.account.timeline): one lane per kind of event, amounts in the hover."""
    fig = go.Figure()
    for kind in events["kind"].unique(maintain_order=True).to_list():
        mine = events.filter(pl.col("kind") == kind)
        fig.add_scatter(
            x=mine["date"].to_list(),
            y=[t(f"timeline.{kind}", lang)] * mine.height,
            mode="markers",
            name=t(f"timeline.{kind}", lang),
            text=_text(mine["label"]),
            marker={"size": 11, "symbol": _SYMBOLS.get(kind, "circle")},
            hovertemplate=f"%{{x|{date_format(lang)}}}<br>%{{text}}<extra></extra>",
        )
    fig.update_xaxes(tickformat=date_format(lang))
    fig.update_layout(showlegend=False)
    return _layout(
        fig, lang, height=120 + 45 * events["kind"].n_unique(), title=t("chart.timeline", lang, currency=currency)
    )


_SYMBOLS = {"issued": "circle-open", "due": "triangle-down", "action": "star", "promise": "diamond", "paid": "square"}


# --- the simulator ---

_OPTION_COLOURS = {"discount": "#4C78A8", "plan": "#2E8B57", "agency": "#E69F00", "legal": "#C0392B"}


def _option_name(option: str, lang: str) -> str:
    return t(f"sim_option.{option}", lang)


def value_by_discount(
    curve: pl.DataFrame,
    plan_cents: float,
    chosen: tuple[float, float],
    break_even: float | None,
    currency: str,
    lang: str,
) -> go.Figure:
    """The lump sum's expected value at each discount (plans.discount_curve) against the plan's
    expected value (dashed); the discount chosen (discount, its expected cents) and the break-even
    discount marked."""
    deepest = curve["discount"].max()
    assert isinstance(deepest, float | int), "the discount curve is empty"
    fig = go.Figure()
    fig.add_scatter(
        x=(curve["discount"] * 100).to_list(),
        y=(curve["expected_cents"] / 100).to_list(),
        mode="lines",
        name=_option_name("discount", lang),
        line_color=_OPTION_COLOURS["discount"],
        hovertemplate=f"%{{x:.0f}}% → %{{y:,.2f}} {currency}<extra></extra>",
    )
    fig.add_scatter(
        x=[0, 100 * float(deepest)],
        y=[plan_cents / 100] * 2,
        mode="lines",
        name=_option_name("plan", lang),
        line={"color": _OPTION_COLOURS["plan"], "dash": "dash"},
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=[chosen[0] * 100],
        y=[chosen[1] / 100],
        mode="markers",
        marker={"size": 11, "color": _OPTION_COLOURS["discount"]},
        name=t("chart.sim_chosen", lang),
        hovertemplate=f"%{{x:.1f}}% → %{{y:,.2f}} {currency}<extra></extra>",
    )
    if break_even is not None:
        fig.add_scatter(
            x=[break_even * 100],
            y=[plan_cents / 100],
            mode="markers",
            marker={"size": 12, "symbol": "diamond", "color": "#333"},
            name=t("chart.sim_break_even", lang),
            hovertemplate=f"%{{x:.1f}}% → %{{y:,.2f}} {currency}<extra></extra>",
        )
    fig.update_xaxes(title_text=t("chart.sim_discount_axis", lang), ticksuffix="%")
    fig.update_yaxes(title_text=t("chart.sim_value_axis", lang, currency=currency))
    return _layout(fig, lang, height=380, title=t("chart.sim_by_discount", lang))


def value_by_instalments(
    curve: pl.DataFrame, chosen: int, discount_cents: float, currency: str, lang: str
) -> go.Figure:
    """The plan's expected value with each number of instalments (plans.instalment_curve), the
    number chosen highlighted, against the discount's expected value (dashed)."""
    counts = curve["instalments"].to_list()
    fig = go.Figure()
    fig.add_bar(
        x=counts,
        y=(curve["expected_cents"] / 100).to_list(),
        name=_option_name("plan", lang),
        marker_color=[_OPTION_COLOURS["plan"] if n == chosen else "#A8CBB5" for n in counts],
        hovertemplate=f"%{{x}} → %{{y:,.2f}} {currency}<extra></extra>",
    )
    fig.add_scatter(
        x=[min(counts) - 0.5, max(counts) + 0.5],
        y=[discount_cents / 100] * 2,
        mode="lines",
        name=_option_name("discount", lang),
        line={"color": _OPTION_COLOURS["discount"], "dash": "dash"},
        hoverinfo="skip",
    )
    fig.update_xaxes(title_text=t("chart.sim_instalments_axis", lang), dtick=1 if len(counts) <= 24 else None)
    fig.update_yaxes(title_text=t("chart.sim_value_axis", lang, currency=currency))
    return _layout(fig, lang, height=380, title=t("chart.sim_by_instalments", lang))


def expected_cash(curves: pl.DataFrame, currency: str, lang: str) -> go.Figure:
    """Each option's expected cash received up to each date (lib.simulator.cash_curves), as steps."""
    fig = go.Figure()
    for option, colour in _OPTION_COLOURS.items():
        mine = curves.filter(pl.col("option") == option)
        if mine.is_empty():
            continue
        fig.add_scatter(
            x=mine["date"].to_list(),
            y=(mine["cumulative_cents"] / 100).to_list(),
            mode="lines",
            line={"shape": "hv", "color": colour, "width": 2.5 if option == "plan" else 2},
            name=_option_name(option, lang),
            hovertemplate=f"%{{x}} · {_option_name(option, lang)}: %{{y:,.2f}} {currency}<extra></extra>",
        )
    fig.update_xaxes(tickformat="%d/%m/%Y" if lang == "it" else "%d %b %Y")
    fig.update_yaxes(title_text=t("chart.sim_cash_axis", lang, currency=currency))
    return _layout(fig, lang, height=380, title=t("chart.sim_cash", lang))
