"""The settings page's forms: language at start, company details, the collection policy, and the
policy as a file."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from lib import company, i18n, settings
from lib.actionlog import SENT_BY
from lib.book import policy_of
from lib.policy import GRADES, STEPS, TRACKS, Policy, PolicyError, load_policy
from lib.ui import login
from lib.ui.core import KEYS, labels, lang, saved, store, t
from lib.ui.safe import drawn, redraw, stale, stored

# The templates a ladder step names (the letters' files in templates/letters/, the calls' scripts).
TEMPLATES = ("courtesy", "call_1", "reminder", "call_2", "formal_demand", "agency_handover", "legal_review")
_LADDER_SCHEMA = {
    "step": pl.String, "channel": pl.String, "template": pl.String, "offset": pl.Int64,
    "after": pl.String, "gap": pl.Int64, "required": pl.Boolean,
}  # fmt: skip


def language_setting() -> None:
    """The language new sessions start in (the sidebar switch changes only this session)."""
    saved_language = store().settings().get("language", i18n.DEFAULT_LANGUAGE)
    picked = st.segmented_control(
        t("settings.language"), i18n.LANGUAGES, default=saved_language, format_func=labels("language", i18n.LANGUAGES),
        key="settings-language", required=True,
    )  # fmt: skip
    if picked != saved_language:
        store().save_setting("language", picked)
        st.session_state[KEYS.language] = picked
        login.noted("setting", "language")
        saved(t("settings.language_saved"))


def company_form() -> None:
    """Company details printed on letters."""
    details = store().settings().get("company", {})
    st.subheader(t("settings.company"))
    with st.form("company"):
        values = {}
        grid = st.columns(2)
        for i, field in enumerate(f for f in company.FIELDS if f != "signature"):
            values[field] = grid[i % 2].text_input(t(f"company.{field}"), value=details.get(field, ""))
        values["signature"] = st.text_area(t("company.signature"), value=details.get("signature", ""))
        if st.form_submit_button(t("settings.save_company"), type="primary", icon=":material/save:"):
            values = {k: v.strip() for k, v in values.items()}
            problems = company.problems(values)
            for field, problem in problems:
                st.error(t(f"company.problem_{problem}", field=t(f"company.{field}")))
            if not problems and stored(lambda: store().save_setting("company", values), lang())[0]:
                login.noted("setting", "company")
                saved(t("settings.company_saved"))


def _rows(edited: object) -> list[dict[str, object]]:
    """Rows of a data editor's result (pandas or polars), NaN as None."""
    frame = edited if isinstance(edited, pl.DataFrame) else pl.from_pandas(edited)
    return frame.fill_nan(None).to_dicts() if frame.height else []


def _policy_of(overrides: object) -> Policy:
    """The policy saved settings describe; the defaults when they do not hold (the pages say why)."""
    try:
        return settings.checked(overrides if isinstance(overrides, dict) else {})
    except PolicyError:
        return load_policy()


def _words(names: dict[str, str]) -> Callable[[object], str]:
    """A data-editor selectbox's format_func: each code in words (the rows keep the codes)."""
    return lambda code: names.get(str(code), str(code))


def policy_form() -> None:
    """The collection policy: buckets, tracks and their ladders, capacity, offers and letter terms.
    Drawn from the policy saved when this session first drew it: a save over a change made since
    (in another tab) is refused, with both versions, until the user picks one."""
    saved_now = store().settings().get("policy")
    policy = _policy_of(drawn("policy", saved_now))
    st.caption(t("settings.policy_help"))
    with st.form("policy"):
        st.markdown(f"**{t('settings.buckets')}**")
        edges = st.text_input(
            t("settings.edges"),
            value=", ".join(map(str, policy.ageing.bucket_edges)),
            help=t("settings.edges_help"),
        )
        st.markdown(f"**{t('settings.tracks')}**")
        tracks = policy.tracks
        left, middle, right = st.columns(3)
        fast_ratings = left.multiselect(
            t("settings.fast_ratings"), GRADES, default=list(tracks.fast.ratings), placeholder=t("settings.no_ratings")
        )
        fast_days = middle.number_input(
            t("settings.fast_days"), min_value=0, value=tracks.fast.oldest_days_over, step=10
        )
        white_ratings = right.multiselect(
            t("settings.white_ratings"),
            GRADES,
            default=list(tracks.white_gloves.ratings),
            placeholder=t("settings.no_ratings"),
        )
        st.caption(t("settings.tracks_help"))
        ladders = {}
        steps = _words({step: i18n.word(f"step.{step}", lang()) for step in STEPS})
        channels = _words({c: t(f"channel.{c}") for c in SENT_BY})
        templates = _words({m: t(f"template.{m}") for m in TEMPLATES})

        for tab, track in zip(st.tabs([i18n.word(f"track.{k}", lang()) for k in TRACKS]), TRACKS, strict=True):
            with tab:
                ladders[track] = st.data_editor(
                    pl.DataFrame(settings.ladder_rows(policy.track(track).ladder), schema=_LADDER_SCHEMA, orient="row"),
                    num_rows="dynamic",
                    hide_index=True,
                    placeholder="—",
                    width="stretch",
                    key=f"ladder-{track}",
                    column_config={
                        "step": st.column_config.SelectboxColumn(
                            t("col.step"), options=list(STEPS), required=True, format_func=steps
                        ),
                        "channel": st.column_config.SelectboxColumn(
                            t("col.channel"), options=list(SENT_BY), required=True, format_func=channels
                        ),
                        "template": st.column_config.SelectboxColumn(
                            t("settings.template"), options=list(TEMPLATES), format_func=templates
                        ),
                        "offset": st.column_config.NumberColumn(
                            t("settings.offset"), help=t("settings.offset_help"), step=1
                        ),
                        "after": st.column_config.SelectboxColumn(
                            t("settings.after"), options=list(STEPS), format_func=steps
                        ),
                        "gap": st.column_config.NumberColumn(t("settings.gap"), help=t("settings.gap_help"), step=1),
                        "required": st.column_config.CheckboxColumn(
                            t("settings.required"), help=t("settings.required_help")
                        ),
                    },
                )
        st.markdown(f"**{t('settings.capacity')}**")
        left, right = st.columns(2)
        calls = left.number_input(t("weekly.calls"), min_value=0, value=policy.weekly.calls, step=5)
        letters = right.number_input(t("weekly.letters"), min_value=0, value=policy.weekly.letters, step=5)
        st.markdown(f"**{t('settings.offers')}**")
        left, middle, right = st.columns(3)
        capital = left.number_input(
            t("settings.cost_of_capital"), value=policy.offers.cost_of_capital_pct, step=0.5, format="%.2f"
        )
        fee = middle.number_input(t("settings.agency_fee"), value=policy.offers.agency_fee_pct, step=1.0, format="%.1f")
        demand_days = right.number_input(t("settings.demand_days"), value=policy.letters.demand_days, step=1)
        diffida = st.checkbox(t("settings.diffida"), value=policy.letters.diffida, help=t("settings.diffida_help"))
        if st.form_submit_button(t("settings.save_policy"), type="primary", icon=":material/save:"):
            try:
                overrides = {
                    "ageing": {"bucket_edges": settings.parse_edges(edges)},
                    "tracks": {
                        "fast": {"ratings": fast_ratings, "oldest_days_over": int(fast_days),
                                 "ladder": settings.ladder_from_rows(_rows(ladders["fast"]))},
                        "white_gloves": {"ratings": white_ratings,
                                         "ladder": settings.ladder_from_rows(_rows(ladders["white_gloves"]))},
                        "standard": {"ladder": settings.ladder_from_rows(_rows(ladders["standard"]))},
                    },
                    "weekly": {"calls": int(calls), "letters": int(letters)},
                    "offers": {"cost_of_capital_pct": float(capital), "agency_fee_pct": float(fee)},
                    "letters": {"demand_days": int(demand_days), "diffida": bool(diffida)},
                }  # fmt: skip
                settings.checked(overrides)
            except PolicyError as error:
                st.error(
                    t("settings.invalid", error=i18n.policy_message(error.code, error.params, lang())),
                    icon=":material/error:",
                )
            else:
                if stale("policy", saved_now):
                    st.session_state["pending-policy"] = overrides
                elif stored(lambda: store().save_setting("policy", overrides), lang())[0]:
                    redraw("policy")
                    login.noted("setting", "policy")
                    saved(t("settings.policy_saved"))
    if stale("policy", saved_now):
        _policy_conflict(st.session_state.get("pending-policy", st.session_state["drawn-policy"]), saved_now)
    reset = st.button(t("settings.reset"), icon=":material/restart_alt:", help=t("settings.reset_help"))
    if reset and stored(lambda: store().save_setting("policy", None), lang())[0]:
        redraw("policy")
        login.noted("setting", "policy")
        saved(t("settings.reset_done"))


def _policy_conflict(mine: object, saved_now: object) -> None:
    """The policy was saved elsewhere since this form was drawn: both versions where they differ,
    and the choice of which to keep."""
    st.warning(t("safety.policy_changed"), icon=":material/sync_problem:")
    yours, theirs = settings.differences(_policy_of(mine), _policy_of(saved_now))
    left, right = st.columns(2)
    left.caption(t("safety.yours"))
    left.code(yours or "—", language=None)
    right.caption(t("safety.saved"))
    right.code(theirs or "—", language=None)
    left, right = st.columns(2)
    save_mine = left.button(t("safety.save_mine"), key="policy-save-mine", type="primary", icon=":material/save:")
    if save_mine and stored(lambda: store().save_setting("policy", mine), lang())[0]:
        redraw("policy")
        login.noted("setting", "policy")
        saved(t("settings.policy_saved"))
    if right.button(t("safety.take_saved"), key="policy-take-saved", icon=":material/sync:"):
        redraw("policy")
        st.rerun()


def policy_file() -> None:
    """The policy in force as a TOML file, and a TOML file to put in force."""
    policy, _ = policy_of(store())
    st.download_button(
        t("settings.export"), data=settings.policy_toml(policy).encode(), file_name="policy.toml",
        mime="application/toml", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    upload = st.file_uploader(t("settings.import"), type=["toml"], help=t("settings.import_help"))
    if upload is None:
        return
    try:
        imported = settings.policy_from_toml(upload.getvalue(), upload.name)
    except PolicyError as error:
        st.error(
            t("settings.invalid", error=i18n.policy_message(error.code, error.params, lang())), icon=":material/error:"
        )
        return
    st.success(t("settings.import_ok", file=upload.name))
    use = st.button(t("settings.import_use"), type="primary", icon=":material/upload:")
    if use and stored(lambda: store().save_setting("policy", imported.to_mapping()), lang())[0]:
        redraw("policy")
        login.noted("setting", "policy")
        saved(t("settings.policy_saved"))
