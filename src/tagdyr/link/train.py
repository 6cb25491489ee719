"""Training the linkage model on the user's own data, without labels.

u probabilities from random sampling; the prior and the m probabilities of birth, place, rank,
camp, patronymic, gender and personal number by expectation maximisation within exact-name
blocks, where matches dominate; the names' m probabilities (how clerks vary a man's name) by EM
on the names alone within blocks of one birth year and one oblast (kept from the base model
when the data have too few such pairs). Levels that EM could not estimate (never seen in the
data) keep the base model's values too, so a trained model is always complete, and no m falls
below MIN_PROBABILITY. When EM collapses on one comparison (its m underflows), that comparison
keeps the base model's m, the others are estimated without it, and the model says which.
The result is a new version of the model, saved as JSON beside the data.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from tagdyr.errors import LinkageError
from tagdyr.link.engine import make_linker, memory_bounded
from tagdyr.link.features import LinkRecord
from tagdyr.link.model import (
    Model,
    parameters_from_linker,
    trained_stamp,
)

MIN_RECORDS = 200  # below this EM fails (m = 0): keep the starting model
# EM on clean data can drive a level's m to ~0 ("adjacent rank" never seen among matches),
# which would make one clerk's slip veto a match (-38 bits); no level is that certain
MIN_PROBABILITY = 1e-3


def _em_rules() -> list[Any]:
    """Within exact-name blocks matches dominate, so EM separates them reliably there: this
    estimates m for birth, place, rank, camp, patronymic, gender and personal number (the
    names' m come from a session of their own, :func:`_names_m`)."""
    from splink import block_on

    return [block_on("surname_canon", "given_canon")]


Parameters = dict[str, dict[str, dict[str, float]]]


def _merge(base: Parameters, learned: Parameters) -> Parameters:
    """Learned m/u where EM produced usable values, the base model's elsewhere."""
    merged: Parameters = {}
    for comparison, levels in base.items():
        merged[comparison] = {}
        for label, params in levels.items():
            new = learned.get(comparison, {}).get(label)
            usable = new is not None and 0.0 < new["m"] <= 1.0 and 0.0 < new["u"] <= 1.0
            chosen = dict(new) if new is not None and usable else dict(params)
            chosen["m"] = max(chosen["m"], MIN_PROBABILITY)
            merged[comparison][label] = chosen
    return merged


def _with_data_u(base: Parameters, linker: Any) -> Parameters:
    """The base model's levels with the u the linker estimated from the data (m is estimated
    later, by EM; a level the data never showed keeps the base model's u)."""
    learned = parameters_from_linker(linker)
    result: Parameters = {}
    for comparison, levels in base.items():
        result[comparison] = {}
        for label, params in levels.items():
            u = learned.get(comparison, {}).get(label, {}).get("u", 0.0)
            result[comparison][label] = {**params, "u": u if 0.0 < u <= 1.0 else params["u"]}
    return result


def _run_em(linker: Any) -> str | None:
    """EM within exact-name blocks; None when it ran, else why it failed."""
    for rule in _em_rules():
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, populate_probability_two_random_records_match_from_trained_values=True
            )
        except Exception as exc:  # Splink's EM raises ValueError, its own errors and DuckDB's
            return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
    return None


def _exact_name_em(
    linker: Any, datasets: list[list[LinkRecord]], with_u: Model, link_type: str, engine: str
) -> tuple[Any, str]:
    """Run EM within exact-name blocks on ``linker``; returns the linker that holds the result
    and what happened.

    EM can collapse: when a level occurs only in pairs that the others already mark as
    non-matches, its m falls by orders of magnitude each iteration until it underflows and
    Splink refuses it ("m_probability value 0.0 is below the minimum allowed value"). Then the
    comparisons are left out one at a time (in the model's order) until EM runs without the
    one that collapsed; that comparison keeps the base model's m and the answer names it.
    """
    failure = _run_em(linker)
    if failure is None:
        return linker, "estimated"
    comparisons = tuple(with_u.parameters)
    for left_out in comparisons:
        rest = tuple(c for c in comparisons if c != left_out)
        retry, _ = make_linker(datasets, with_u, link_type=link_type, engine=engine, only=rest)
        if _run_em(retry) is None:
            return retry, (
                f"failed on {left_out} ({failure}): estimated without it, its m kept from "
                f"{with_u.label}"
            )
    raise LinkageError(
        f"EM did not converge on these data ({failure}), with any one comparison left out "
        "either; link with the shipped starting model instead"
    )


NAMES = ("surname", "given_name")


class TrainingWarning(UserWarning):
    """A part of the training failed and the base model's values stand in for it."""


def _names_m(
    datasets: list[list[LinkRecord]], model: Model, link_type: str
) -> tuple[Parameters, str]:
    """m of the name comparisons by EM on the names alone, within blocks of one birth year and
    one oblast: the other evidence is held fixed there, so the names must tell matches apart.
    Returns the learned values (empty if none) and what happened: "estimated", "skipped: …"
    (the data have no oblasts to block on) or "failed: …" (EM raised; the message says why)."""
    from splink import block_on

    if not any(r.places for d in datasets for r in d):
        return {}, "skipped: no record has a place to block on"
    linker, _ = make_linker(datasets, model, link_type=link_type, only=NAMES)
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("birth_year", "region_key"),
            estimate_without_term_frequencies=True,
        )
    except Exception as exc:  # Splink's EM raises its own errors and DuckDB's
        reason = " ".join(str(exc).split())[:300]
        return {}, f"failed: {type(exc).__name__}: {reason}"
    learned = parameters_from_linker(linker)
    return {name: learned[name] for name in NAMES if name in learned}, "estimated"


def _warn(message: str) -> None:
    warnings.warn(message, TrainingWarning, stacklevel=3)


def train_model(
    datasets: list[list[LinkRecord]],
    base: Model,
    *,
    link_type: str = "link_only",
    engine: str = "duckdb",
    max_pairs: float = 5e6,
    warn: Callable[[str], None] = _warn,
) -> Model:
    """A new version of ``base`` with parameters estimated from ``datasets``.

    A step of EM that fails is never silent: ``warn`` is told (the CLI prints it) and the saved
    model records it under ``trained["em"]``, beside the steps that succeeded."""

    datasets = [d for d in datasets if d]
    total = sum(len(d) for d in datasets)
    if total < MIN_RECORDS:
        raise LinkageError(
            f"{total} records are too few to train a model on (EM needs at least "
            f"{MIN_RECORDS}); link with the shipped starting model instead"
        )
    with memory_bounded("training the model"):
        linker, _ = make_linker(datasets, base, link_type=link_type, engine=engine)
        linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=1945)
        with_u = Model(
            base.name, base.version, base.prior, _with_data_u(base.parameters, linker), {}
        )
        linker, exact_em = _exact_name_em(linker, datasets, with_u, link_type, engine)
    if exact_em != "estimated":
        warn(f"EM within exact-name blocks {exact_em}")
    learned = parameters_from_linker(linker)
    for names in ("surname", "given_name"):  # keep m, take the data's u
        for label, params in learned.get(names, {}).items():
            if label in base.parameters.get(names, {}):
                params["m"] = base.parameters[names][label]["m"]
    parameters = _merge(with_u.parameters, learned)
    prior = float(linker._settings_obj._probability_two_random_records_match)
    names_m, names_em = _names_m(
        datasets, Model(base.name, base.version, prior, parameters, {}), link_type
    )
    parameters = _merge(parameters, names_m)
    names_source = (
        "EM on the names alone within birth-year and oblast blocks"
        if names_em == "estimated"
        else f"kept from {base.label} ({names_em})"
    )
    if names_em.startswith("failed"):
        warn(
            f"EM on the names could not be estimated from these data ({names_em}); the names' "
            f"m probabilities are kept from {base.label}"
        )
    stamp = trained_stamp(
        total,
        "u: random sampling; prior and m of the non-name comparisons: EM within "
        f"exact-name blocks; the names' m: {names_source}; from {base.label}",
    )
    stamp["em"] = {"exact-name blocks": exact_em, "names": names_em}
    return Model(
        name=base.name if base.name.endswith("-trained") else f"{base.name}-trained",
        version=base.version + 1,
        prior=prior,
        parameters=parameters,
        trained=stamp,
    )
