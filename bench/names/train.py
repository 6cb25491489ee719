"""Estimate the names engine's evidence weights from the labelled training split.

Each pair becomes a vector of indicators — one per (part, evidence level) its best word
alignment shows (surname identical, given name initial-only, male/female forms, …) — and a
logistic regression (IRLS with a small L2 penalty) gives each indicator its weight. Unlike
naive-Bayes m/u ratios, the fit accounts for correlated evidence (a shared surname root shows
in the surname level *and* in the gender level). Coefficients are stored in log₂ units, the
intercept as the prior, so the engine's score is the model's probability. Alignment of words
depends on the weights, so the fit is iterated from the shipped weights until it settles. Only
the training seed's generated pairs (tuning profile) are used; the tuning seed, the held-out
profile and the real seed pairs are never seen here.

    python -m bench.names.train          # rewrites src/tagdyr/names/models/name-weights-v1.json
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import numpy as np

from bench.names.dataset import TRAIN_SEED, Pair, training_pairs
from tagdyr.names import similarity
from tagdyr.names.similarity import Level, Part

LEVELS = {
    Part.SURNAME: [lvl.value for lvl in Level],
    Part.GIVEN: [lvl.value for lvl in Level],
    Part.PATRONYMIC: [lvl.value for lvl in Level],
    Part.CROSSED: [lvl.value for lvl in Level],
    Part.GENDER: ["different"],
    Part.ORDER: ["swapped"],
    # term-frequency bits (names.frequencies): the fitted coefficient is the adjustment weight
    Part.SURNAME_FREQUENCY: ["bits", "bits_initial"],
    Part.GIVEN_FREQUENCY: ["bits"],
    Part.INITIAL_FREQUENCY: ["bits"],
}
FEATURES = [(part.value, level) for part, levels in LEVELS.items() for level in levels]
TRAIN_PAIRS = 8000
ITERATIONS = 4
L2 = 1.0
CLIP = 12.0


def model_path() -> Path:
    return Path(str(resources.files("tagdyr.names") / "models" / similarity.MODEL_FILE))


def _design(pairs: list[Pair]) -> tuple[np.ndarray, np.ndarray]:
    index = {feature: i for i, feature in enumerate(FEATURES)}
    x = np.zeros((len(pairs), len(FEATURES) + 1))
    x[:, -1] = 1.0  # intercept
    for row, pair in enumerate(pairs):
        for feature, value in similarity.evidence_features(pair.a, pair.b).items():
            if feature in index:
                x[row, index[feature]] = value
    y = np.array([1.0 if p.same else 0.0 for p in pairs])
    return x, y


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Newton–Raphson (IRLS) for L2-penalized logistic regression; intercept not penalized."""
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (y - p) - penalty * beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta


# Within a part, stronger agreement must never weigh less than weaker agreement.
CHAINS = (
    (
        "identical",
        "same_sound",
        "spelled_alike",
        "ocr_variant",
        "sounds_alike",
        "similar",
        "distant",
        "other_name",
        "different",
    ),
    ("initial_match", "initial_mismatch"),
)


def _monotone(values: list[float], counts: list[float]) -> list[float]:
    """Pool-adjacent-violators: the closest non-increasing sequence (weighted by counts)."""
    blocks = [[v, max(c, 1e-9), 1] for v, c in zip(values, counts, strict=True)]
    i = 0
    while i < len(blocks) - 1:
        if blocks[i][0] < blocks[i + 1][0]:
            (v1, w1, n1), (v2, w2, n2) = blocks[i], blocks[i + 1]
            blocks[i : i + 2] = [[(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2]]
            i = max(i - 1, 0)
        else:
            i += 1
    return [b[0] for b in blocks for _ in range(int(b[2]))]


def estimate(pairs: list[Pair]) -> tuple[dict[str, dict[str, float]], float]:
    """Weights (log₂ odds per part and level, monotone in agreement) and the prior."""
    x, y = _design(pairs)
    beta = fit_logistic(x, y)
    counts = dict(zip(FEATURES, (x[:, :-1] != 0).sum(axis=0), strict=True))
    raw = dict(zip(FEATURES, beta[:-1], strict=True))
    for part, levels in LEVELS.items():
        for chain in CHAINS:
            chain_levels = [lvl for lvl in chain if lvl in levels]
            if len(chain_levels) < 2:
                continue
            keys = [(part.value, lvl) for lvl in chain_levels]
            fixed = _monotone([raw[k] for k in keys], [counts[k] for k in keys])
            raw.update(zip(keys, fixed, strict=True))
    coefficients = np.array([raw[f] for f in FEATURES])
    intercept = _refit_intercept(x[:, :-1] @ coefficients, y, beta[-1])
    weights: dict[str, dict[str, float]] = {part.value: {} for part in LEVELS}
    for (part, level), value in raw.items():
        weights[part][level] = round(float(np.clip(value / math.log(2), -CLIP, CLIP)), 3)
    return weights, round(float(intercept / math.log(2)), 3)


def _refit_intercept(offset: np.ndarray, y: np.ndarray, start: float) -> float:
    """Newton steps on the intercept alone, the other coefficients held fixed."""
    b = float(start)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(offset + b)))
        step = float((y - p).sum() / max((p * (1 - p)).sum(), 1e-9))
        b += step
        if abs(step) < 1e-10:
            break
    return b


def train() -> dict[str, object]:
    pairs = training_pairs(TRAIN_PAIRS)
    path = model_path()
    model = json.loads(path.read_text(encoding="utf-8"))
    for _ in range(ITERATIONS):
        model["weights"], model["prior_log2_odds"] = estimate(pairs)
        path.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        similarity.load_weights.cache_clear()
    model["threshold"] = 0.5  # the calibrated probability: precision first, not best F1
    # below ``threshold``, down to this, the names leave it open ("possible", not "different");
    # so do pairs whose given name rests on initials alone, however high they score
    model["possible_threshold"] = 0.2
    model["version"] = 1
    model["note"] = (
        f"Estimated by bench/names/train.py from {len(pairs)} generated pairs "
        f"(seed {TRAIN_SEED}, tuning profile): L2-penalized logistic regression on "
        "evidence-level indicators and term-frequency bits; coefficients in log2 odds, "
        "intercept as the prior."
    )
    path.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return model


if __name__ == "__main__":
    trained = train()
    print(json.dumps({"prior": trained["prior_log2_odds"], **trained["weights"]}, indent=2))
