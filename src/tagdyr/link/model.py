"""The linkage model: Splink comparisons over the feature columns, and its parameters as JSON.

The comparisons are built here in Python with Splink's dialect-aware level library, so one
model runs on DuckDB and on Spark alike. The *parameters* — m and u probabilities of every
level, the prior — live in a versioned JSON file, keyed by comparison and level label: the
shipped starting model (``link/models/tagdyr-default-v4.json``, for small inputs where EM
cannot learn) or one trained on the user's data by :func:`train` and saved beside it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from tagdyr.errors import LinkageError

DEFAULT_MODEL = "tagdyr-default-v4.json"
MODEL_FORMAT = "tagdyr-linkage-model/1"


TF_MINIMUM_RECORDS = 2000  # below this, name frequencies say nothing about a population


def _shared_when(column: str, guard: str, label: str) -> Any:
    """A level: the arrays in ``column`` share a value (the test in the backend's own SQL),
    and ``guard`` holds."""
    from splink.internals.comparison_level_creator import ComparisonLevelCreator
    from splink.internals.comparison_level_library import ArrayIntersectLevel

    class SharedWhen(ComparisonLevelCreator):
        def create_sql(self, sql_dialect: Any) -> str:
            shared = ArrayIntersectLevel(column, 1).create_sql(sql_dialect)
            return f"({guard}) AND ({shared})"

        def create_label_for_charts(self) -> str:
            return label

    return SharedWhen()


def _initial_consistent() -> Any:
    """A given name reduced to an initial on one side, and a letter class both can stand
    for ("Y." and Ысбак; "Zh." and Жумабек)."""
    return _shared_when(
        "given_initials", "given_canon_l IS NULL OR given_canon_r IS NULL", "initial consistent"
    )


def _other_raion_same_oblast() -> Any:
    """Both records name a raion, different ones (the level above caught the same), in one
    oblast: weaker than an oblast alone, since a raion was there to agree and did not."""
    return _shared_when(
        "place_regions",
        "place_raions_l IS NOT NULL AND place_raions_r IS NOT NULL",
        "same oblast, different raion",
    )


SWAPPED_WITH_A_SLIP = "name order swapped, one name slipped"
SWAP_SPELLED_ALIKE = 0.82  # the slipped name of a swapped pair: as loose as "surname similar"


def _crossed(make: Any, left: str, right: str, dialect: Any) -> str:
    """The SQL of the library level ``make(left)``, testing ``left`` of the left record
    against ``right`` of the right one (a surname against a given name)."""
    return str(make(left).create_sql(dialect)).replace(f"{left}_r", f"{right}_r")


def _crossing(dialect: Any, left: str, right: str) -> tuple[str, str]:
    """(strong, loose): the left record's ``left`` name part (surname or given) against the
    right record's ``right`` part; strong is one form (across scripts too), loose a slip of
    sound or spelling, or the given name on either side just an initial of the other's
    surname's first letter."""
    from splink.internals.comparison_level_library import ArrayIntersectLevel, JaroWinklerLevel

    def shared(column: str) -> Any:
        return ArrayIntersectLevel(column, 1)

    def alike(column: str) -> Any:
        return JaroWinklerLevel(column, SWAP_SPELLED_ALIKE)

    given_side, surname_side = ("l", "r") if left == "given" else ("r", "l")
    initial = (
        f"(given_canon_{given_side} IS NULL AND substr(given_initial_{given_side}, 1, 1) = "
        f"substr(surname_key_{surname_side}, 1, 1))"
    )
    strong = _crossed(shared, f"{left}_forms", f"{right}_forms", dialect)
    loose = " OR ".join(
        (
            _crossed(shared, f"{left}_keys", f"{right}_keys", dialect),
            _crossed(alike, f"{left}_canon", f"{right}_canon", dialect),
            initial,
        )
    )
    return strong, f"({loose})"


def _swapped_with_a_slip(label: str) -> Any:
    """The order swapped on one side and one of the names slipped: one name agrees with the
    other record's opposite field as a form, the other only in sound, spelling or initial
    ("Akhmetov Magjan" and Магжан / Ахмегов; "Tatarov S." and Сергей / Татаров)."""
    from splink.internals.comparison_level_creator import ComparisonLevelCreator

    class SwappedWithASlip(ComparisonLevelCreator):
        def create_sql(self, sql_dialect: Any) -> str:
            strong_a, loose_a = _crossing(sql_dialect, "surname", "given")
            strong_b, loose_b = _crossing(sql_dialect, "given", "surname")
            return f"(({strong_a}) AND {loose_b}) OR (({strong_b}) AND {loose_a})"

        def create_label_for_charts(self) -> str:
            return label

    return SwappedWithASlip().configure(label_for_charts=label)


def _levels(term_frequencies: bool) -> dict[str, list[Any]]:
    """Comparison name -> its levels, strongest first (null level first, as Splink wants).

    ``term_frequencies``: a match on a common name ("Ахметов") weighs less than on a rare one
    ("Истыбаев"); only meaningful on inputs large enough to estimate name frequencies. The
    names score (``tagdyr.names.frequencies``) applies the same adjustment, log2(u / share),
    with shares shipped from a real distribution instead of estimated from the input."""
    import splink.comparison_level_library as cll

    def tf(column: str, weight: float = 1.0) -> dict[str, Any]:
        if not term_frequencies:
            return {}
        return {"tf_adjustment_column": column, "tf_adjustment_weight": weight}

    def custom(sql: str, label: str) -> Any:
        return cll.CustomLevel(sql, label_for_charts=label)

    def agreement(column: str, label: str, spelled_alike: float) -> list[Any]:
        """A name part's levels of agreement, strongest first: the same canonical form, the
        order swapped, the same form across scripts, spelled alike, sounding alike; the
        name's frequency weighs each (half for the fuzzy ones)."""
        canon = f"{column}_canon"
        return [
            cll.ExactMatchLevel(canon).configure(label_for_charts=f"same {label}", **tf(canon)),
            custom(
                "surname_canon_l = given_canon_r AND given_canon_l = surname_canon_r",
                "name order swapped",
            ),
            cll.ArrayIntersectLevel(f"{column}_forms", 1).configure(
                label_for_charts=f"same {label} read across scripts", **tf(canon)
            ),
            cll.JaroWinklerLevel(canon, spelled_alike).configure(
                label_for_charts=f"{label} spelled alike", **tf(canon, 0.5)
            ),
            cll.ArrayIntersectLevel(f"{column}_keys", 1).configure(
                label_for_charts=f"{label} sounds alike", **tf(canon, 0.5)
            ),
        ]

    null = cll.NullLevel
    return {
        "surname": [
            null("surname_canon"),
            *agreement("surname", "surname", spelled_alike=0.93),
            _swapped_with_a_slip(SWAPPED_WITH_A_SLIP),
            cll.JaroWinklerLevel("surname_canon", 0.82).configure(
                label_for_charts="surname similar"
            ),
            cll.ElseLevel().configure(label_for_charts="surname different"),
        ],
        "given_name": [
            custom(
                "(given_canon_l IS NULL AND given_initial_l IS NULL) OR "
                "(given_canon_r IS NULL AND given_initial_r IS NULL)",
                "given name missing",
            ).configure(is_null_level=True),
            *agreement("given", "given name", spelled_alike=0.92),
            _swapped_with_a_slip(SWAPPED_WITH_A_SLIP),
            _initial_consistent().configure(label_for_charts="initial consistent"),
            custom(
                "given_canon_l = surname_canon_r OR surname_canon_l = given_canon_r",
                "given name written as the surname",
            ),
            cll.ElseLevel().configure(label_for_charts="given name different"),
        ],
        "patronymic": [
            null("patronymic_canon"),
            cll.ExactMatchLevel("patronymic_canon").configure(
                label_for_charts="same father's name"
            ),
            cll.JaroWinklerLevel("patronymic_canon", 0.9).configure(
                label_for_charts="father's name alike"
            ),
            cll.ElseLevel().configure(label_for_charts="father's name different"),
        ],
        "birth": [
            null("birth_year"),
            cll.ExactMatchLevel("birth_date").configure(label_for_charts="same birth date"),
            cll.DamerauLevenshteinLevel("birth_date", 1).configure(
                label_for_charts="birth date one slip off"
            ),
            cll.ExactMatchLevel("birth_year").configure(label_for_charts="same birth year"),
            cll.AbsoluteDifferenceLevel("birth_year", 1).configure(
                label_for_charts="birth year off by one"
            ),
            cll.AbsoluteDifferenceLevel("birth_year", 2).configure(
                label_for_charts="birth year off by two"
            ),
            cll.ElseLevel().configure(label_for_charts="birth year different"),
        ],
        "place": [
            custom(
                "(place_regions_l IS NULL OR place_regions_r IS NULL) AND "
                "(place_texts_l IS NULL OR place_texts_r IS NULL)",
                "place unknown",
            ).configure(is_null_level=True),
            cll.ArrayIntersectLevel("place_towns", 1).configure(label_for_charts="same town"),
            cll.ArrayIntersectLevel("place_raions", 1).configure(label_for_charts="same raion"),
            _other_raion_same_oblast().configure(label_for_charts="same oblast, different raion"),
            cll.ArrayIntersectLevel("place_regions", 1).configure(label_for_charts="same oblast"),
            cll.ArrayIntersectLevel("place_texts", 1).configure(label_for_charts="same place name"),
            cll.JaroWinklerLevel("place_text", 0.9).configure(
                label_for_charts="place name spelled alike"
            ),
            custom(
                "place_regions_l IS NOT NULL AND place_regions_r IS NOT NULL", "different oblast"
            ),
            cll.ElseLevel().configure(label_for_charts="different place name"),
        ],
        "rank": [
            null("rank_ordinal"),
            cll.ExactMatchLevel("rank_ordinal").configure(label_for_charts="same rank"),
            cll.AbsoluteDifferenceLevel("rank_ordinal", 1).configure(
                label_for_charts="adjacent rank"
            ),
            cll.ElseLevel().configure(label_for_charts="different rank"),
        ],
        "camp": [
            null("camp_key"),
            cll.ExactMatchLevel("camp_key").configure(label_for_charts="same camp"),
            cll.ElseLevel().configure(label_for_charts="different camp"),
        ],
        "gender": [
            null("gender"),
            cll.ExactMatchLevel("gender").configure(label_for_charts="same gender"),
            cll.ElseLevel().configure(label_for_charts="male and female forms"),
        ],
        "identifier": [
            null("identifier"),
            cll.ExactMatchLevel("identifier").configure(label_for_charts="same personal number"),
            cll.DamerauLevenshteinLevel("identifier", 1).configure(
                label_for_charts="personal number one slip off"
            ),
            cll.ElseLevel().configure(label_for_charts="different personal number"),
        ],
    }


def _first(column: str) -> str:
    """The first letter of a key or of an initial class ("Aa" is one of the A sounds)."""
    return f"substr({column}, 1, 1)"


NEAR_YEARS = 2  # a list's birth year against a register's: clerks' slips and ages rounded


def _near_years(condition: str, arrays_to_explode: list[str]) -> Any:
    """A blocking rule: ``condition`` and birth years that are missing on a side or at most
    :data:`NEAR_YEARS` apart (an equality join on the condition, the years a filter)."""
    from splink.blocking_rule_library import CustomRule

    years = (
        "(l.birth_year IS NULL OR r.birth_year IS NULL OR "
        f"abs(l.birth_year - r.birth_year) <= {NEAR_YEARS})"
    )
    return CustomRule(f"{condition} AND {years}", arrays_to_explode=arrays_to_explode)


def blocking_rules(link_type: str = "link_only") -> list[Any]:
    """Compound keys: cheap on common names, and between them they catch every phenomenon
    (a surname misspelt, a given name reduced to an initial, a year off, an order swapped).

    Deduplicating one large file compares it with itself: a key shared by k records costs
    k²/2 pairs, so there every rule holds a name key *and* a second selective key (a register
    of 1,000,000 men holds ~40,000 born in one year: blocking on surname and year alone would
    compare ~10⁸ pairs)."""
    from splink import block_on

    swapped = "l.surname_key = r.given_key AND l.given_key = r.surname_key"
    if link_type == "dedupe_only":
        return [
            block_on("surname_key", "given_key"),  # birth years free: duplicates drift ±1
            block_on("surname_key", "given_initial", "birth_year"),  # given name misspelt
            block_on("given_key", "birth_year", "substr(surname_key, 1, 2)"),  # surname too
            swapped,
            block_on("identifier"),
            block_on("birth_date", "substr(surname_key, 1, 1)"),
        ]
    return [
        block_on("surname_keys", "birth_year", arrays_to_explode=["surname_keys"]),
        block_on("given_keys", "birth_year", arrays_to_explode=["given_keys"]),
        block_on("surname_keys", "given_keys", arrays_to_explode=["surname_keys", "given_keys"]),
        swapped,
        # the order swapped on one side and a typo in one of the two names, or the given
        # name cut to an initial: one name agrees with the other's opposite field, and the
        # other's first letter with the opposite initial (each rule is the other's mirror)
        f"l.given_key = r.surname_key AND {_first('l.surname_key')} = {_first('r.given_initial')}",
        f"l.surname_key = r.given_key AND {_first('l.given_initial')} = {_first('r.surname_key')}",
        # a typo or OCR error inside the surname: its first sounds still agree; an initial
        # may stand for several letters ("J." is Ж, Е, Я or Й), each of them a key
        block_on(
            "substr(surname_key, 1, 2)",
            "given_initials",
            "birth_year",
            arrays_to_explode=["given_initials"],
        ),
        # the same, with the birth year missing on one side or a year or two off
        _near_years(
            "substr(l.surname_key, 1, 2) = substr(r.surname_key, 1, 2) "
            "AND l.given_initials = r.given_initials",
            arrays_to_explode=["given_initials"],
        ),
        block_on("surname_key", "given_initials", arrays_to_explode=["given_initials"]),
        block_on("surname_canon", "given_initials", arrays_to_explode=["given_initials"]),
        block_on("given_key", "substr(surname_key, 1, 1)"),
        # whatever the clerks did to the name: the same personal number or birth date
        block_on("identifier"),
        block_on("birth_date"),
    ]


@dataclass
class Model:
    """Parameters of the comparisons: m/u per level label, the prior, provenance.

    ``prior`` None (the starting model) means: derive it from the input, assuming each record
    of the larger dataset has about one true match (see :func:`prior_for`)."""

    name: str
    version: int
    prior: float | None
    parameters: dict[str, dict[str, dict[str, float]]]
    trained: dict[str, Any]

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "format": MODEL_FORMAT,
                    "name": self.name,
                    "version": self.version,
                    "probability_two_random_records_match": self.prior,
                    "trained": self.trained,
                    "parameters": self.parameters,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )

    @property
    def label(self) -> str:
        return f"{self.name}-v{self.version}"


def load_model(path: Path | None = None) -> Model:
    """The shipped starting model, or a trained model saved as JSON."""
    try:
        text = (
            path.read_text(encoding="utf-8")
            if path
            else (resources.files("tagdyr.link") / "models" / DEFAULT_MODEL).read_text("utf-8")
        )
        data = json.loads(text)
    except OSError as exc:
        raise LinkageError(f"cannot read the model {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise LinkageError(f"the model {path or DEFAULT_MODEL} is not valid JSON: {exc}") from exc
    if data.get("format") != MODEL_FORMAT:
        raise LinkageError(
            f"{path or DEFAULT_MODEL} is not a tagdyr linkage model "
            f"(format {data.get('format')!r}, expected {MODEL_FORMAT!r})"
        )
    prior = data["probability_two_random_records_match"]
    return Model(
        data["name"],
        int(data["version"]),
        None if prior is None else float(prior),
        data["parameters"],
        data.get("trained", {}),
    )


def prior_for(model: Model, sizes: list[int]) -> float:
    """The model's prior, or for the starting model one derived from the input sizes: the
    chance that two random records match when each record of the largest dataset (or of the
    one deduplicated) has about one match."""
    if model.prior is not None:
        return model.prior
    largest = max(sizes) if sizes else 2
    return min(0.5, 1.0 / max(largest, 2))


def complete_parameters(model: Model) -> dict[str, dict[str, dict[str, float]]]:
    """The model's m/u, with the shipped model's for levels newer than a saved model."""
    shipped = load_model().parameters
    return {
        name: {**shipped.get(name, {}), **model.parameters.get(name, {})}
        for name in {*shipped, *model.parameters}
    }


def settings(
    model: Model,
    link_type: str,
    *,
    prior: float,
    term_frequencies: bool = False,
    blocking: list[Any] | None = None,
    only: tuple[str, ...] | None = None,
) -> Any:
    """Splink settings for ``link_type`` with the model's parameters filled in; ``only``: just
    these comparisons (a training session that estimates them alone)."""
    import splink.comparison_library as cl
    from splink import SettingsCreator

    comparisons: list[Any] = []
    parameters = complete_parameters(model)
    for name, levels in _levels(term_frequencies).items():
        if only is not None and name not in only:
            continue
        known = parameters.get(name, {})
        for level in levels:
            params = known.get(_label(level) or "", {})
            if params and not level.is_null_level:
                level.configure(m_probability=params["m"], u_probability=params["u"])
        comparisons.append(
            cl.CustomComparison(
                comparison_levels=levels, output_column_name=name, comparison_description=name
            )
        )
    return SettingsCreator(
        link_type=link_type,  # type: ignore[arg-type]  # validated by Splink
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking or blocking_rules(link_type),
        probability_two_random_records_match=prior,
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
        unique_id_column_name="unique_id",
        source_dataset_column_name="source_dataset",
    )


def _label(level: Any) -> str | None:
    label = getattr(level, "label_for_charts", None)
    return label if isinstance(label, str) else None


def parameters_from_linker(linker: Any) -> dict[str, dict[str, dict[str, float]]]:
    """m/u of every non-null level of a (trained) Splink linker, keyed by label. A level the
    data never showed (Splink: "level not observed", which it reads as 1e-6) is left out, so
    that the caller keeps its own value rather than a stand-in."""
    from splink.internals.constants import LEVEL_NOT_OBSERVED_TEXT

    result: dict[str, dict[str, dict[str, float]]] = {}
    for comparison in linker._settings_obj.comparisons:
        levels = {}
        for level in comparison.comparison_levels:
            unseen = LEVEL_NOT_OBSERVED_TEXT in (level._m_probability, level._u_probability)
            if level.is_null_level or unseen:
                continue
            m, u = level.m_probability, level.u_probability
            if m is None or u is None:
                continue
            levels[level.label_for_charts] = {"m": float(m), "u": float(u)}
        result[comparison.output_column_name] = levels
    return result


def save_model(model: Model, path: Path) -> None:
    path.write_text(model.to_json(), encoding="utf-8")


def quiet_splink() -> None:
    for name in ("splink", "splink.internals"):
        logging.getLogger(name).setLevel(logging.WARNING)


def trained_stamp(records: int, note: str) -> dict[str, Any]:
    return {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "records": records,
        "method": note,
    }
