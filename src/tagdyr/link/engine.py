"""Running Splink on feature tables: candidate pairs with probabilities and evidence.

The model is a versioned JSON file (``link/models``); tagdyr never pickles models. The DuckDB
backend is embedded; Splink's own logging is silenced so the CLI shows only our progress.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tagdyr.errors import LinkageError
from tagdyr.link.features import PersonRecord, feature_table

DEFAULT_MODEL = "tagdyr-default-v1.json"
COMPARISONS = ("surname", "given_name", "birth_year", "gender")


@dataclass(frozen=True, slots=True)
class Evidence:
    comparison: str
    level: str
    match_weight: float


@dataclass(frozen=True, slots=True)
class Pair:
    left_id: str
    right_id: str
    match_probability: float
    match_weight: float
    evidence: tuple[Evidence, ...] = field(default=())

    def is_match(self, threshold: float) -> bool:
        return self.match_probability >= threshold


def load_model(path: Path | None = None) -> dict[str, Any]:
    """The model settings (Splink JSON plus tagdyr's name/version block)."""
    if path is None:
        text = (resources.files("tagdyr.link") / "models" / DEFAULT_MODEL).read_text("utf-8")
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise LinkageError(f"cannot read the model {path}: {exc.strerror}") from exc
    try:
        model: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LinkageError(f"the model {path or DEFAULT_MODEL} is not valid JSON: {exc}") from exc
    return model


def model_label(model: dict[str, Any]) -> str:
    meta = model.get("tagdyr_model", {})
    return f"{meta.get('name', 'custom')}-v{meta.get('version', '?')}"


def _splink_settings(model: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in model.items() if k != "tagdyr_model"}


def _labels(model: dict[str, Any]) -> dict[str, list[str]]:
    """comparison name -> level labels in gamma order (highest gamma first, null = -1)."""
    labels = {}
    for comparison in model["comparisons"]:
        non_null = [
            lvl["label_for_charts"]
            for lvl in comparison["comparison_levels"]
            if not lvl.get("is_null_level")
        ]
        labels[comparison["output_column_name"]] = non_null
    return labels


def _evidence(row: dict[str, Any], labels: dict[str, list[str]]) -> tuple[Evidence, ...]:
    items = []
    for name, levels in labels.items():
        gamma = row.get(f"gamma_{name}")
        weight = row.get(f"mw_{name}") or 0.0
        if gamma is None:
            continue
        label = "missing on one side" if gamma == -1 else levels[len(levels) - 1 - gamma]
        items.append(Evidence(name, label, round(float(weight), 3)))
    return tuple(items)


def predict(
    datasets: list[list[PersonRecord]],
    *,
    floor: float = 0.01,
    model: dict[str, Any] | None = None,
) -> list[Pair]:
    """All candidate pairs at or above ``floor`` across and within ``datasets``."""
    from splink import DuckDBAPI, Linker

    records = [r for dataset in datasets for r in dataset]
    if len(records) < 2:
        return []
    if not any(r.name.surname or r.name.given for r in records):
        raise LinkageError("none of the records has a name to compare")
    model = model or load_model()
    logging.getLogger("splink").setLevel(logging.WARNING)
    db = DuckDBAPI()
    tables = [db.register(feature_table(d)) for d in datasets if d]
    linker = Linker(tables, _splink_settings(model), log_level=None)
    result = linker.inference.predict(threshold_match_probability=floor)
    labels = _labels(model)
    pairs = []
    for row in result.as_record_list():
        pairs.append(Pair(
            left_id=str(row["unique_id_l"]),
            right_id=str(row["unique_id_r"]),
            match_probability=float(row["match_probability"]),
            match_weight=float(row["match_weight"]),
            evidence=_evidence(row, labels),
        ))  # fmt: skip
    result.drop_table_from_database_and_remove_from_cache()
    return pairs
