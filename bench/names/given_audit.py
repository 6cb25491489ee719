"""Where each Kazakh given name of ``src/tagdyr/names/data/given_names.txt`` is attested.

    python -m bench.names.given_audit        # prints one row per name (loads names-dataset: ~2 GB)

Issue 25: a lexicon entry that exists only because a seed, demo or gold text has it moves the
scores on those texts; it must be shown to be general or go. For every name of the list's
``# kk`` block this prints whether the project's development and gold texts hold it (any case
form: the name followed by up to four letters) and whether general sources installed offline
hold it:

- ``names-dataset`` 3.3.1 (first names of any country, from public profiles), the name as
  written or with the Kazakh letters read the Russian way (Қасым -> Касым);
- ``KazNERD`` (Yeshpanov, Khassanov, Varol, LREC 2022; CC BY 4.0; ../shared/data/kaznerd): a
  token tagged PERSON in its validation split (Kazakh news);
- ``pymorphy3``'s Russian dictionary: a word it knows (not a guess from the ending),
  tagged ``Name``.

The list's README (``src/tagdyr/names/data/README.md``) records the outcome. Nothing here
imports tagdyr.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
LIST = ROOT / "src" / "tagdyr" / "names" / "data" / "given_names.txt"
PROJECT_TEXTS = (
    SHARED / "seeds",
    SHARED / "texts" / "real",
    ROOT / "bench" / "extract",
    ROOT / "bench" / "texts_real" / "gold",
    ROOT / "src" / "tagdyr" / "demo" / "data",
)
RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def kazakh_names(path: Path = LIST) -> list[str]:
    names, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            inside = line.strip() == "# kk"
        elif inside:
            names += line.split()
    return names


def _texts(folders: Iterable[Path]) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".txt", ".tsv", ".csv", ".md")
    )


def _in(text: str, name: str) -> int:
    return len(re.findall(rf"(?<![^\W\d_]){re.escape(name)}[^\W\d_]{{0,4}}(?![^\W\d_])", text))


def kaznerd_persons() -> set[str]:
    found = set()
    for line in (SHARED / "data" / "kaznerd" / "IOB2_valid.txt").read_text("utf-8").splitlines():
        token, _, tag = line.rpartition(" ")
        if tag.endswith("-PERSON"):
            found.add(token)
    return found


def main() -> None:
    import pymorphy3
    from names_dataset import NameDataset

    first = NameDataset().first_names
    morph = pymorphy3.MorphAnalyzer()
    persons = kaznerd_persons()
    texts = _texts(PROJECT_TEXTS)
    print("| name | in project texts | names-dataset | KazNERD PERSON | pymorphy3 Name |")
    print("|---|---|---|---|---|")
    for name in kazakh_names():
        russian = name.translate(RUSSIAN)
        dataset = [f for f in dict.fromkeys((name, russian)) if f in first]
        nerd = [f for f in dict.fromkeys((name, russian)) if f in persons]
        tagged = morph.word_is_known(russian) and any("Name" in p.tag for p in morph.parse(russian))
        print(
            f"| {name} | {_in(texts, name) + (_in(texts, russian) if russian != name else 0)} "
            f"| {', '.join(dataset) or '-'} | {', '.join(nerd) or '-'} "
            f"| {'yes' if tagged else '-'} |"
        )


if __name__ == "__main__":
    main()
