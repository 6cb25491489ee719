"""Train the Kazakh person model on the tuning part of KazNERD's validation split (never on its
set-aside third) and write it into the package:

    python -m bench.extract.train_kazakh            # writes src/tagdyr/texts/models/
    python -m bench.extract.train_kazakh --check    # trains on 4/5 of the tuning part and
                                                    # scores the other fifth (choosing settings)

KazNERD: Yeshpanov, Khassanov and Varol, LREC 2022, https://github.com/IS2AI/KazNERD, CC BY 4.0.
Classes other than persons are kept where they border on persons (organisations, positions,
places, nationalities: "Президент" is a POSITION, "Goldman Sachs" an ORGANISATION); the rest are
O. Two cores, about a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import time

from bench.extract import peers
from tagdyr.texts import kazakh_model

KEPT = ("PERSON", "ORGANISATION", "POSITION", "GPE", "LOCATION", "NORP")
SETTINGS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}


def _label(tag: str) -> str:
    return tag if tag[2:] in KEPT else "O"


def _fold(key: str) -> int:
    return int(hashlib.sha256(f"fold:{key}".encode()).hexdigest()[:8], 16) % 5


def train(sentences: list[peers.Sentence], path: str) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        trainer.append(
            kazakh_model.features(list(sentence.tokens)), [_label(t) for t in sentence.tags]
        )
    trainer.set_params(SETTINGS)
    trainer.train(path)


def check(train_on: list[peers.Sentence], score_on: list[peers.Sentence]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/check.crfsuite"
        train(train_on, path)
        kazakh_model.MODEL = type(kazakh_model.MODEL)(path)
        kazakh_model._tagger.cache_clear()
        gold, found = set(), set()
        for sentence in score_on:
            gold |= {(sentence.key, *s) for s in peers.person_spans(sentence)}
            found |= {(sentence.key, *s) for s in kazakh_model.person_spans(sentence.text)}
    right = len(gold & found)
    p, r = right / max(len(found), 1), right / max(len(gold), 1)
    print(f"fold check: gold {len(gold)}, P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.extract.train_kazakh")
    parser.add_argument("--check", action="store_true", help="score a fifth of the tuning part")
    args = parser.parse_args()
    tuning = [s for s in peers.kaznerd_sentences() if peers.part_of(s.key) == peers.TUNING]
    began = time.perf_counter()
    if args.check:
        check([s for s in tuning if _fold(s.key)], [s for s in tuning if not _fold(s.key)])
    else:
        kazakh_model.MODEL.parent.mkdir(exist_ok=True)
        train(tuning, str(kazakh_model.MODEL))
        size = kazakh_model.MODEL.stat().st_size
        print(f"{kazakh_model.MODEL}: {len(tuning)} sentences, {size / 1e6:.1f} MB")
    print(f"{time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
