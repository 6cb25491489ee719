"""Scans benchmark: tagdyr's reading of synthetic scans against plain Tesseract on the page.

    python -m bench.scans [--pages 4] [--heldout-only | --levels moderate]
                          [--seed 1945] [--heldout-seed 2027] [--errors misread.tsv]
                          [--scripts latin] [--faces typewriter] [--no-link]

The linkage benchmark's generator writes a register and a list; the list's Cyrillic entries
(Kazakh letters) and its Latin entries are rendered by ``bench.scans.generate`` (which knows
nothing of tagdyr) as typed pages in two faces, degraded by profile, and read back by
``tagdyr.scans`` (cleaning, grid or alignment, cell by cell) and by Debian's ``tesseract`` on
the whole page as it is. Reported per script, face and profile: the character error rate of
the page text (title, header and rows in reading order) and field accuracy (tagdyr: the cell
read exactly; plain Tesseract: the field found verbatim anywhere in its page text, a generous
measure). Then the linkage F1 of the OCR'd moderate lists against the register beside the F1
of the same lists as drawn. The held-out profile and seed are never tuned on; ``--seed`` and
``--heldout-seed`` draw other lists and other pages (a second seed that nobody tuned on).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import tempfile
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from bench import results_log
from bench.scans.generate import HELDOUT, PROFILES, ROWS_PER_PAGE, degrade, render

OUT = Path("bench/out/scans")
RESULTS = Path("bench/results/scans.tsv")
TUNED_SEED, HELDOUT_SEED = 1945, 2027
COLUMNS = ["id", "full_name", "birth_date", "residence", "rank", "camp"]
HEADERS = {
    "cyrillic": ["№", "Фамилия, имя", "Дата рождения", "Место жительства", "Звание", "Лагерь"],
    "latin": ["Nr", "Name", "Born", "Residence", "Rank", "Camp"],
}
TITLES = {
    "cyrillic": "Список военнопленных казахов, прибывших из лагерей Норвегии",
    "latin": "List of Soviet prisoners of war repatriated from camps in Norway",
}
# Soviet clerks wrote the Norwegian camps in Cyrillic
CAMPS_RU = {
    "Mo i Rana": "Мо-и-Рана",
    "Bardufoss": "Бардуфосс",
    "Narvik": "Нарвик",
    "Beisfjord": "Бейсфьорд",
    "Botn": "Ботн",
    "Mysen": "Мисен",
    "Tromsø": "Тромсё",
}
LANGS = {"cyrillic": "kaz+rus", "latin": "eng+deu+fra+nor"}
LEVELS = ("light", "moderate", "heavy")
FACES = ("typewriter", "printed")
SCRIPTS = ("cyrillic", "latin")


def _data(seed: int) -> Path:
    """The lists drawn afresh on every run (a fraction of a second): a copy kept from an
    earlier generator would score other lists under the same seed."""
    from bench.linkage.generate import generate

    directory = OUT / f"data-{seed}"
    generate(2000, 400, directory, seed=seed)
    return directory


def _entries(directory: Path, pages: int) -> dict[str, list[list[str]]]:
    """The list's first Cyrillic and first Latin entries, ``pages`` pages of each."""
    by_script: dict[str, list[list[str]]] = {"cyrillic": [], "latin": []}
    with (directory / "list.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            cyrillic = any("а" <= ch.lower() <= "я" or ch in "әғқңөұүһі" for ch in row["full_name"])
            script = "cyrillic" if cyrillic else "latin"
            cells = [row[c] for c in COLUMNS]
            cells[0] = cells[0].removeprefix("L")  # the list numbers its rows
            if script == "cyrillic":
                cells[5] = CAMPS_RU.get(cells[5], cells[5])
            if len(by_script[script]) < pages * ROWS_PER_PAGE:
                by_script[script].append(cells)
    return by_script


def _page_text(title: list[str], header: list[str], rows: list[list[str]]) -> str:
    lines = [*title, " ".join(header), *(" ".join(c for c in r if c) for r in rows)]
    return " ".join(" ".join(lines).split())


def _plain(image_path: Path, lang: str) -> str:
    done = subprocess.run(
        ["tesseract", str(image_path), "-", "-l", lang],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def _job(task: tuple[str, str, str, int, list[list[str]], int]) -> dict[str, Any]:
    from tagdyr.scans.reader import read_page

    script, face, level, number, rows, seed = task
    profile = {**PROFILES, **HELDOUT}[level]
    header, title = HEADERS[script], TITLES[script]
    page = render(title, header, rows, face, seed + number)
    scan = degrade(page.image, profile, seed * 7 + number)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        scan.save(path, dpi=(profile.dpi, profile.dpi))
        plain = _plain(path, LANGS[script])
    read = read_page(scan, 1)
    got_rows = [[c.text for c in r.cells] for r in read.table.rows]
    truth_text = _page_text([title], header, rows)
    ours_text = _page_text(read.table.title, [c.text for c in read.table.header], got_rows)
    plain_text = " ".join(plain.split())
    cells = [(t, got_rows[i][j] if i < len(got_rows) and j < len(got_rows[i]) else "")
             for i, r in enumerate(rows) for j, t in enumerate(r) if t]  # fmt: skip
    return {
        "script": script, "face": face, "level": level, "chars": len(truth_text),
        "ours_edits": Levenshtein.distance(truth_text, ours_text),
        "plain_edits": Levenshtein.distance(truth_text, plain_text),
        "fields": len(cells),
        "ours_fields": sum(" ".join(t.split()) == " ".join(g.split()) for t, g in cells),
        "plain_fields": sum(" ".join(t.split()) in plain_text for t, _ in cells),
        "rows": got_rows, "truth_rows": rows, "method": read.table.method, "page": number,
        "seed": seed,
    }  # fmt: skip


def _link_f1(directory: Path, rows: list[list[str]], name: str) -> float:
    from bench.linkage.evaluate import score_link, truth
    from tagdyr.link.files import link_files
    from tagdyr.settings import Settings

    work = OUT / "link" / name
    work.mkdir(parents=True, exist_ok=True)
    rows = [[r[0] if r[0].startswith("L") else f"L{r[0]}", *r[1:]] for r in rows]
    ids = {r[0] for r in rows}
    men = truth(directory)
    with (work / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "man"])
        writer.writerows([i, m] for i, m in men.items() if i.startswith("R") or i in ids)
    with (work / "list.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(r for r in rows if r[0] in ids)
    out = work / "links.csv"
    link_files(work / "list.csv", directory / "register.csv", out,
               threshold=Settings().list_match_threshold, floor=0.01)  # fmt: skip
    return score_link(out, work).f1


def _ocr_rows(result: dict[str, Any]) -> list[list[str]]:
    """The OCR'd rows with the drawn ids (a misread id must not break the truth join)."""
    rows = []
    for i, truth_row in enumerate(result["truth_rows"]):
        got = result["rows"][i] if i < len(result["rows"]) else [""] * len(COLUMNS)
        got = (got + [""] * len(COLUMNS))[: len(COLUMNS)]
        rows.append([f"L{truth_row[0]}", *got[1:]])
    return rows


def _write_errors(path: Path, results: list[dict[str, Any]]) -> None:
    """Every field tagdyr did not read exactly, one a line: where it stands, drawn, read."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(
            ["level", "seed", "script", "face", "page", "row", "column", "drawn", "read"]
        )
        for r in results:
            for i, drawn in enumerate(r["truth_rows"]):
                got = r["rows"][i] if i < len(r["rows"]) else []
                for j, text in enumerate(drawn):
                    read = got[j] if j < len(got) else ""
                    if text and " ".join(text.split()) != " ".join(read.split()):
                        writer.writerow([r["level"], r["seed"], r["script"], r["face"],
                                         r["page"], i, COLUMNS[j], text, read])  # fmt: skip


def _set_name(level: str, script: str, face: str, seed: int) -> str:
    """The log's set: level/script/face, and the seed when it is not the level's usual one."""
    usual = HELDOUT_SEED if level == "heldout" else TUNED_SEED
    name = f"{level}/{script}/{face}"
    return name if seed == usual else f"{name}/seed{seed}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=4, help="pages per script, face, profile")
    parser.add_argument("--heldout-only", action="store_true")
    parser.add_argument("--levels", nargs="+", choices=LEVELS, default=list(LEVELS))
    parser.add_argument("--seed", type=int, default=TUNED_SEED, help="lists and pages")
    parser.add_argument("--heldout-seed", type=int, default=HELDOUT_SEED)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--record", action="store_true", help="append to bench/results/scans.tsv")
    parser.add_argument("--errors", type=Path, help="write each misread field to this TSV")
    parser.add_argument("--faces", nargs="+", choices=FACES, default=list(FACES))
    parser.add_argument("--scripts", nargs="+", choices=SCRIPTS, default=list(SCRIPTS))
    parser.add_argument("--no-link", action="store_true", help="skip the linkage F1")
    args = parser.parse_args()
    commit = results_log.current_commit()  # the code that runs, even if a commit lands meanwhile
    tuned, heldout = _data(args.seed), _data(args.heldout_seed)
    sets = [] if args.heldout_only else [(tuned, args.seed, level) for level in args.levels]
    sets.append((heldout, args.heldout_seed, "heldout"))
    seeds = {level: seed for _directory, seed, level in sets}
    print("seeds: " + ", ".join(f"{level} {seed}" for level, seed in seeds.items()))
    tasks = []
    for directory, seed, level in sets:
        for script, rows in _entries(directory, args.pages).items():
            if script not in args.scripts:
                continue
            for face in args.faces:
                for n in range(args.pages):
                    chunk = rows[n * ROWS_PER_PAGE : (n + 1) * ROWS_PER_PAGE]
                    tasks.append((script, face, level, n, chunk, seed))
    with Pool(args.workers) as pool:
        results = pool.map(_job, tasks, chunksize=1)
    if args.errors:
        _write_errors(args.errors, results)
    print(f"{'script':9} {'face':11} {'profile':9} {'CER tagdyr':>10} {'CER plain':>10} "
          f"{'fields tagdyr':>13} {'fields plain':>12}")  # fmt: skip
    log: list[tuple[str, str, float, str]] = []
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in results:
        groups.setdefault((r["script"], r["face"], r["level"]), []).append(r)
    for (script, face, level), rs in groups.items():
        chars, fields = sum(r["chars"] for r in rs), sum(r["fields"] for r in rs)
        ours, plain = (
            sum(r["ours_edits"] for r in rs) / chars,
            sum(r["plain_edits"] for r in rs) / chars,
        )
        fo, fp = (
            sum(r["ours_fields"] for r in rs) / fields,
            sum(r["plain_fields"] for r in rs) / fields,
        )
        print(f"{script:9} {face:11} {level:9} {ours:10.2%} {plain:10.2%} {fo:13.1%} {fp:12.1%}")
        name = _set_name(level, script, face, seeds[level])
        log += [
            (name, "cer_tagdyr", ours, f"{len(rs)} pages"),
            (name, "cer_plain", plain, ""),
            (name, "fields_tagdyr", fo, f"{fields} fields"),
            (name, "fields_plain", fp, ""),
        ]
    print(f"\n{'linkage F1 vs register':30} {'clean list':>10} {'OCR list':>10} {'loss':>7}")
    for directory, _seed, level in sets:
        if level not in ("moderate", "heldout") or args.no_link:
            continue
        for script in args.scripts:
            for face in args.faces:
                rs = groups[(script, face, level)]
                clean = [row for r in rs for row in r["truth_rows"]]
                ocr = [row for r in rs for row in _ocr_rows(r)]
                name = f"{level}-{script}-{face}"
                f_clean, f_ocr = (
                    _link_f1(directory, clean, name + "-clean"),
                    _link_f1(directory, ocr, name + "-ocr"),
                )
                print(f"{name:30} {f_clean:10.3f} {f_ocr:10.3f} {f_clean - f_ocr:7.3f}")
                name = _set_name(level, script, face, seeds[level])
                log += [(name, "link_f1_clean", f_clean, ""),
                        (name, "link_f1_ocr", f_ocr, "")]  # fmt: skip
    if args.record:
        results_log.append(RESULTS, log, commit=commit)


if __name__ == "__main__":
    main()
