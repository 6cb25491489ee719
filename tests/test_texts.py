"""Texts: reading TXT (cp1251 too), HTML without boilerplate and DOCX; the language of each
paragraph; person mentions with their base forms and clusters; `tagdyr extract --jsonl`.
The sentences are our own, written in the style of the literature."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.errors import SourceError
from tagdyr.texts.language import detect_language
from tagdyr.texts.mentions import cluster_mentions, find_mentions
from tagdyr.texts.reader import read_text

KK = (
    "Т. Жангелдиннің естелігінде Қадем Жұманиязов бастаған партизан бөлімі туралы айтылады. "
    "Кейін Тоқтағали Жангелдин Францияда соғысты."
)
RU = "Командир отряда Б.\nВолин и Қ.Қайсенов. Жамал Ақәділова и Жылбек Ақәділов — разные люди."
EN = "Bektanov Mazhit, sub-lieutenant, born 1914. Kozybaev M.K. wrote about N.E.\u00a0Edygenov."
FR = "Les prisonniers Joumaniazov et Kassym Djoumaniazov étaient au camp de Mysen."


def _mentions(*texts: str) -> list[tuple[str, str, str]]:
    found = []
    for n, text in enumerate(texts):
        found.extend(find_mentions(text, f"t{n}"))
    return [(m.text, m.base, m.cluster) for m in cluster_mentions(found)]


def test_mentions_and_base_forms_in_four_languages() -> None:
    found = {text: base for text, base, _ in _mentions(KK, RU, EN, FR)}
    assert found == {
        "Т. Жангелдиннің": "Т. Жангелдин",
        "Қадем Жұманиязов": "Қадем Жұманиязов",
        "Тоқтағали Жангелдин": "Тоқтағали Жангелдин",
        "Б.\nВолин": "Б. Волин",
        "Қ.Қайсенов": "Қ. Қайсенов",
        "Жамал Ақәділова": "Жамал Ақәділова",
        "Жылбек Ақәділов": "Жылбек Ақәділов",
        "Bektanov Mazhit": "Bektanov Mazhit",
        "Kozybaev M.K.": "Kozybaev M. K.",
        "N.E.\u00a0Edygenov": "N. E. Edygenov",
        "Joumaniazov": "Joumaniazov",
        "Kassym Djoumaniazov": "Kassym Djoumaniazov",
    }


def test_offsets_point_at_the_text_as_it_stands() -> None:
    for text in (KK, RU, EN, FR):
        for mention in find_mentions(text):
            assert text[mention.start : mention.end] == mention.text


def test_clusters_join_one_man_and_keep_namesakes_apart() -> None:
    cluster = {text: c for text, _, c in _mentions(KK, RU, EN, FR, "Н. Едігенов туралы.")}
    assert cluster["Т. Жангелдиннің"] == cluster["Тоқтағали Жангелдин"]
    assert cluster["Жамал Ақәділова"] != cluster["Жылбек Ақәділов"]
    assert cluster["N.E.\u00a0Edygenov"] == cluster["Н. Едігенов"]  # across scripts
    assert cluster["Қадем Жұманиязов"] == cluster["Joumaniazov"]
    assert cluster["Kassym Djoumaniazov"] != cluster["Қадем Жұманиязов"]  # Касым is not Қадем
    two = {c for t, _, c in _mentions("Кабыша Омарова и Ғалым Омарова видели.")}
    assert len(two) == 2


@pytest.mark.parametrize(
    ("text", "language"),
    [(KK, "kk"), ("Командир отряда был казах из Павлодара.", "ru"), (EN, "en"), (FR, "fr")],
)
def test_language_of_a_paragraph(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_reading_txt_html_and_docx(tmp_path: Path) -> None:
    txt = tmp_path / "article.txt"
    russian = "Командир отряда Б. Волин и К. Кайсенов."  # cp1251 has no Kazakh letters
    txt.write_bytes((russian + "\n\n" + "Второй абзац о лагере Нарвик.").encode("cp1251"))
    document = read_text(txt)
    assert document.encoding == "cp1251" and document.text.startswith("Командир")
    assert [document.text[a:b] for a, b in document.paragraphs][
        1
    ] == "Второй абзац о лагере Нарвик."
    assert document.languages == ("ru", "ru")

    html = tmp_path / "page.html"
    html.write_text(
        "<html><body><nav>Басты бет · Мұрағат</nav><div class='popular'><p>Popular: Омаров</p>"
        f"</div><article><h1>Мақала</h1><p>{KK}</p></article><footer>© 2024</footer></body></html>",
        encoding="utf-8",
    )
    page = read_text(html)
    assert "Мұрағат" not in page.text and "Popular" not in page.text and "©" not in page.text
    assert KK in page.text

    docx = tmp_path / "memoir.docx"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in (EN, FR))
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        )
    memoir = read_text(docx)
    assert memoir.text == EN + "\n\n" + FR and memoir.languages == ("en", "fr")


def test_unknown_formats_and_broken_docx_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"scan\.tiff: .*not \.tiff"):
        read_text(tmp_path / "scan.tiff")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(SourceError, match=r"broken\.docx: not a readable DOCX"):
        read_text(broken)


def test_extract_writes_the_mentions_contract(tmp_path: Path) -> None:
    kk, en = tmp_path / "kk.txt", tmp_path / "en.txt"
    kk.write_text(KK, encoding="utf-8")
    en.write_text("Tokhtagali Zhangeldin and T. Zhangeldin are one man.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(kk), str(en), "--jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert all(set(r) == {"file", "start", "end", "text", "base", "cluster"} for r in rows)
    text = {str(kk): KK, str(en): en.read_text(encoding="utf-8")}
    assert all(text[r["file"]][r["start"] : r["end"]] == r["text"] for r in rows)
    clusters = {r["text"]: r["cluster"] for r in rows}
    assert (
        clusters["Т. Жангелдиннің"]
        == clusters["Tokhtagali Zhangeldin"]
        == clusters["T. Zhangeldin"]
    )


def test_a_text_in_the_database_links_its_mentions_and_shows_them(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """On SQLite and PostgreSQL: mentions become records, figures are stored, a re-import of
    the same bytes is a no-op, linkage joins "Т. Жангелдиннің" and "Тоқтағали Жангелдин", and
    the source page shows the text with each mention linked to its person."""
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from tagdyr.persons.linking import link_database
    from tagdyr.settings import load_settings
    from tagdyr.sources.importer import SourceInfo
    from tagdyr.store import schema as s
    from tagdyr.texts.store import import_text
    from tagdyr.web.app import create_app

    article = tmp_path / "article.txt"
    article.write_text(KK + "\n\nБөлімде 90 адам болды.", encoding="utf-8")
    info = SourceInfo("kk-article", "A Kazakh article", "Our test article, 2026")
    first = import_text(engine, article, info)
    assert first.records == 3 and not first.unchanged
    assert import_text(engine, article, info).unchanged
    with engine.connect() as conn:
        figures = conn.execute(select(s.figure.c.value, s.figure.c.text)).all()
        kind = conn.execute(select(s.source.c.kind).where(s.source.c.key == "kk-article")).scalar()
        records = conn.execute(select(func.count()).select_from(s.record)).scalar()
    assert figures == [(90.0, "90 адам")] and kind == "text" and records == 3
    link_database(engine, threshold=0.5, floor=0.01)
    client = TestClient(create_app(load_settings(database_url=str(engine.url)), engine=engine))
    page = client.get("/source/kk-article").text
    links = dict(
        (text, uid)
        for uid, text in __import__("re").findall(r'<a href="/person/(\w+)">([^<]+)</a>', page)
    )
    assert links["Т. Жангелдиннің"] == links["Тоқтағали Жангелдин"] != links["Қадем Жұманиязов"]
    dossier = client.get(f"/person/{links['Т. Жангелдиннің']}").text
    assert "characters 0–15" in dossier and "естелігінде" in dossier  # span and sentence kept


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Бектанов Мажит 1914 жылы туған, Павлодардан.", "1914"),
        ("Бектанов Мажит, 1914 года рождения, уроженец Павлодара.", "1914"),
        ("Bektanov Mazhit, sub-lieutenant, born February 29, 1914.", "1914"),
        ("Bektanov Mazhit, né en 1914 à Pavlodar.", "1914"),
        ("Bektanov Mazhit. In 1945 he was repatriated.", ""),  # another sentence, no birth
    ],
)
def test_a_birth_year_stated_after_a_mention(text: str, year: str) -> None:
    from tagdyr.texts.claims import claims_about

    births = [
        c.value[:4] for c in claims_about(text, 0, len("Bektanov Mazhit")) if c.kind == "birth"
    ]
    assert births == ([year] if year else [])


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Сонымен қатар Алматы облысының тумасы Нұрым Сыдықовты атап өтеді.",
            "Нұрым Сыдықовты",
            {("birth_place", "Алматы облысы")},
        ),
        (
            "Олардың ішінде көкшетаулық Серік Исмағұлов болды.",
            "Серік Исмағұлов",
            {("residence", "Көкшетау")},
        ),
        (
            "Former soldiers such as S. Zhumashev (Atyrau) were among them.",
            "S. Zhumashev",
            {("residence", "Atyrau")},
        ),
        (
            "Bektanov Mazhit was arrested by the UMGB on January 24, 1950 and rehabilitated "
            "on December 22, 1989.",
            "Bektanov Mazhit",
            {("arrest", "1950-01-24"), ("rehabilitation", "1989-12-22")},
        ),
        (
            "Кабыш Омаров награжден орденом «Красной Звезды» и попал в плен в июле 1941 года.",
            "Кабыш Омаров",
            {("award", "«Красной Звезды»"), ("capture", "1941-07")},
        ),
        (
            "Олар И. Пашин, И.В. Бартов болған, «Батылдығы үшін», «Əскери қызметі үшін» "
            "медальдарымен марапатталған.",
            "И. Пашин",
            {("award", "«Батылдығы үшін»"), ("award", "«Əскери қызметі үшін»")},
        ),
        (
            "Kadem Djoumaniazov, né à Khiva, s'évada en 1943 du camp de Carmaux.",
            "Kadem Djoumaniazov",
            {("birth_place", "Khiva"), ("escape", "1943")},
        ),
        ("Бектанов Мажит жил в Павлодаре. Его арестовали позже.", "Бектанов Мажит", set()),
    ],
)
def test_claims_a_sentence_makes_about_a_person(
    text: str, name: str, expected: set[tuple[str, str]]
) -> None:
    from tagdyr.texts.claims import claims_about

    start = text.index(name)
    found = {(c.kind, c.value) for c in claims_about(text, start, start + len(name))}
    assert found == expected
    for claim in claims_about(text, start, start + len(name)):
        assert text[claim.start : claim.end] == claim.text


def test_an_event_belongs_to_the_person_named_last_before_it() -> None:
    from tagdyr.texts.claims import claims_about

    text = "Кабыш Омаров и Кадем Жуманиязов: Жуманиязов арестован 12 мая 1946 года."
    spans = tuple(
        (m.start(), m.end())
        for m in re.finditer(r"Кабыш Омаров|Кадем Жуманиязов|Жуманиязов(?= арест)", text)
    )
    kinds = [[c.kind for c in claims_about(text, s, e, spans)] for s, e in spans]
    assert kinds == [[], [], ["arrest"]]


def test_an_imported_mention_carries_its_birth_year(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from tagdyr.sources.importer import SourceInfo
    from tagdyr.store import schema as s
    from tagdyr.texts.store import import_text

    article = tmp_path / "note.txt"
    article.write_text("Бектанов Мажит 1914 жылы туған. Ол 1945 жылы елге оралды.", "utf-8")
    import_text(engine, article, SourceInfo("note", "A note", "Our note"))
    with engine.connect() as conn:
        year = conn.execute(select(s.record.c.birth_year)).scalar_one()
        claims = conn.execute(select(s.claim.c.kind, s.claim.c.value)).all()
    assert year == 1914 and ("birth", "1914") in claims


BIBLIOGRAPHY_TEXT = (
    "Серік Жұманиязов бастаған бөлім 90 адамнан тұрды [1; 25]. "
    "Кейін Т. Жангелдин бұл туралы жазды [2, б. 14].\n\n"
    "Әдебиеттер\n"
    "1. Сейітов Ә. Партизан жолы. Алматы, 1975.\n"
    "2. Жангелдин Т. Естеліктер. Алматы, 1968.\n"
)


def test_citations_resolve_to_the_texts_own_bibliography() -> None:
    from tagdyr.texts.citations import citation_after, citations

    cited = citations(BIBLIOGRAPHY_TEXT)
    assert [(c.number, c.pages, c.entry) for c in cited] == [
        (1, "25", "Сейітов Ә. Партизан жолы. Алматы, 1975."),
        (2, "б. 14", "Жангелдин Т. Естеліктер. Алматы, 1968."),
    ]
    second = BIBLIOGRAPHY_TEXT.index("Т. Жангелдин") + len("Т. Жангелдин")
    assert citation_after(cited, BIBLIOGRAPHY_TEXT, second) == cited[1]


def test_mentions_carry_their_cited_source_and_authors_are_no_mentions(  # type: ignore[no-untyped-def]
    engine, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from tagdyr.sources.importer import SourceInfo
    from tagdyr.store import schema as s
    from tagdyr.texts.store import import_text

    article = tmp_path / "cited.txt"
    article.write_text(BIBLIOGRAPHY_TEXT, encoding="utf-8")
    assert import_text(engine, article, SourceInfo("cited", "Cited", "Our article")).records == 2
    with engine.connect() as conn:
        rows = conn.execute(select(s.record.c.full_name, s.record.c.normalized)).all()
    cited = {name: json.loads(normalized)["citation"] for name, normalized in rows}
    assert cited == {
        "Серік Жұманиязов": "Сейітов Ә. Партизан жолы. Алматы, 1975., 25",
        "Т. Жангелдин": "Жангелдин Т. Естеліктер. Алматы, 1968., б. 14",
    }


def test_a_pdf_text_layer_with_its_pages(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from tagdyr.sources.importer import SourceInfo
    from tagdyr.store import schema as s
    from tagdyr.texts.store import import_text
    from tests.files import write_pdf

    pdf = write_pdf(
        tmp_path / "report.pdf",
        [["The camp held 70 men."], ["Bektanov Mazhit, sub-lieutenant, born 1914."]],
    )
    document = read_text(pdf)
    assert "Bektanov Mazhit" in document.text and len(document.pages) == 2
    assert document.page_of(document.text.index("Bektanov")) == 2
    import_text(engine, pdf, SourceInfo("report", "A report", "Our report"))
    with engine.connect() as conn:
        location, year = conn.execute(select(s.record.c.location, s.record.c.birth_year)).one()
    assert location.startswith("report.pdf, page 2, characters") and year == 1914

    blank = write_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(SourceError, match=r"scan\.pdf: the PDF has no text layer"):
        read_text(blank)


@pytest.mark.parametrize(
    ("sentence", "unit", "role"),
    [
        ("Командиром отряда «Заря» был Б. Волин.", "отряд «Заря»", "Командиром"),
        ("Қ.Қайсенов «Заря» отрядының командирі болды.", "отряд «Заря»", "командирі"),
        ("Kadem Zhumaniyazov was the commander of the Zarya detachment.", "Zarya detachment",
         "commander"),
        ("Joumaniazov devient chef du maquis Bir-Hakeim en 1944.", "maquis Bir-Hakeim", "chef"),
    ],
)  # fmt: skip
def test_the_unit_and_role_a_sentence_states(sentence: str, unit: str, role: str) -> None:
    from tagdyr.texts.claims import unit_of

    found = unit_of(sentence, 0, 5)
    assert found and (found.unit, found.role) == (unit, role)
    assert unit_of("Омаров жил в Мюнхене. Командир отряда «Заря» был другой.", 0, 6) is None


def test_mentions_of_one_unit_make_related_people(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two men named as fighters of one detachment, in Russian and in Kazakh: the dossier of
    one lists the other under the same unit."""
    from fastapi.testclient import TestClient

    from tagdyr.persons.linking import link_database
    from tagdyr.settings import load_settings
    from tagdyr.sources.importer import SourceInfo
    from tagdyr.texts.store import import_text
    from tagdyr.web.app import create_app

    article = tmp_path / "unit.txt"
    article.write_text(
        "Командиром отряда «Заря» был Б. Волин.\n\nҚ.Қайсенов «Заря» отрядының жауынгері болды.",
        encoding="utf-8",
    )
    import_text(engine, article, SourceInfo("unit-article", "On the unit", "Our article"))
    link_database(engine, threshold=0.9, floor=0.01)
    client = TestClient(create_app(load_settings(database_url=str(engine.url)), engine=engine))
    source = client.get("/source/unit-article?lang=en").text
    uid = re.search(r"<a href=\"/person/(\w+)\">Б. Волин</a>", source)
    assert uid
    dossier = client.get(f"/person/{uid[1]}?lang=en").text
    assert "Same unit: отряд «Заря»" in dossier and "Қайсенов" in dossier
    by_unit = client.get("/search", params={"q": "Қайсенов", "unit": "отряд «Заря»"}).text
    assert "Қ. Қайсенов" in by_unit and 'class="total">(1)' in by_unit
    assert "Unit: отряд «Заря»" in by_unit  # the active filter, removable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # initials after a sentence glued with "..", split by a line break, NBSP and a space
        ("Бөлім құрылды..А.М.\nСиницынның кітабында айтылады.", ["А.М.\nСиницынның"]),
        ("Авторлар: А.Л.\u00a0 Манаенков, Е.П. Горелин.", ["А.Л.\u00a0 Манаенков", "Е.П. Горелин"]),
        # Latin ə typed for Kazakh ә, Turkish letters, an apostrophe inside a surname
        ("Партизан Əди Шəріпов естелік жазды.", ["Əди Шəріпов"]),
        ("Among them were N. Il'yasov and Zh. Katshikov.", ["N. Il'yasov", "Zh. Katshikov"]),
        # a surname with trailing initials, two-letter initials, given names of the lists
        (
            "Authors: Belan P.S., Gabdullina A. Zh. and Rolf Keller.",
            ["Belan P.S.", "Gabdullina A. Zh.", "Rolf Keller"],
        ),
        ("Его командиром был Василий Шарудо.", ["Василий Шарудо"]),
        # "Ұлы Отан соғысы" (the Great Patriotic War), places and eponyms are no persons
        ("Ұлы Отан соғысында Украина партизандары Дзержинский атындағы бригадада болды.", []),
        ("He studied at Satbayev University and lived in Moscow.", []),
        ("Dr. Gulnara Mendikulova worked in the Kremlin archive.", ["Gulnara Mendikulova"]),
        # a short mention repeats a person named in full before
        (
            "Кадем Жуманиязов был ранен. Позднее Кадему удалось бежать.",
            ["Кадем Жуманиязов", "Кадему"],
        ),
        (
            "M.M. Panikar describes the camps; Panikar counts 800 people per train.",
            ["M.M. Panikar", "Panikar"],
        ),
        # a name in Russian case forms of an adjectival surname, a French particle
        ("Он писал о Петре Шленском.", ["Петре Шленском"]),
        ("Le colonel Henri de Valmont inspecta Lyon.", ["Henri de Valmont"]),
    ],
)
def test_person_mentions_in_hard_forms(text: str, expected: list[str]) -> None:
    assert [m.text for m in find_mentions(text)] == expected


def test_web_boilerplate_of_a_page_saved_as_text_is_left_out() -> None:
    article = (
        "Кабыш Омаров вернулся домой.\n\nПопулярное\n\n"
        "Встреча Путина и Трампа\nАида Балаева подарила украшения\n"
    )
    assert [m.text for m in find_mentions(article)] == ["Кабыш Омаров"]


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("Жамал Омарова", "Жамал Омарова"),  # an undeclined woman's name: her nominative
        ("Бектанова Зауре", "Бектанова Зауре"),
        ("Кабыша Омарова", "Кабыш Омаров"),
        ("Дмитрии Сачаеве", "Дмитрий Сачаев"),
        ("Петре Шленском", "Петр Шленский"),
        ("Сильван Гиоге", "Сильван Гиоге"),  # a foreign name the dictionary lacks
    ],
)
def test_base_forms_of_russian_case_forms(text: str, base: str) -> None:
    from tagdyr.names.morph import base_name

    assert base_name(text, "ru") == base


def test_a_kazakh_paragraph_keeps_a_russian_surname_ending() -> None:
    (mention,) = find_mentions("Олар П.И. Осипова туралы жазды.")
    assert mention.base == "П. И. Осипова"


def test_superscript_footnotes_resolve_to_their_lines() -> None:
    from tagdyr.texts.citations import citations

    text = (
        "The works of Kozybaev M.K.¹ and the list of 1945².\n\n"
        "- 1 M.K. Kozybaev, Kazakhstan is the Arsenal of the Front, Alma-Ata 1970.\n\n"
        "2 Riksarkivet, RA / S-1681 / D / Db / L0015\n"
    )
    found = [(c.number, c.entry) for c in citations(text)]
    assert found == [
        (1, "M.K. Kozybaev, Kazakhstan is the Arsenal of the Front, Alma-Ata 1970."),
        (2, "Riksarkivet, RA / S-1681 / D / Db / L0015"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "rank"),
    [
        (
            "The list gives Bektanov Mazhit, sub-lieutenant, born 1914.",
            "Bektanov Mazhit",
            "sub-lieutenant",
        ),
        ("Кабыш Омаров встретил войну в звании лейтенанта.", "Кабыш Омаров", "лейтенанта"),
        (
            "Dans la Drôme, le lieutenant Marat Ospanov dirigeait le groupe.",
            "Marat Ospanov",
            "lieutenant",
        ),
    ],
)
def test_a_rank_beside_a_mention(text: str, name: str, rank: str) -> None:
    from tagdyr.texts.claims import claims_about

    start = text.index(name)
    ranks = [c.value for c in claims_about(text, start, start + len(name)) if c.kind == "rank"]
    assert ranks == [rank]


def test_a_unit_in_brackets_belongs_to_the_name_before_it() -> None:
    from tagdyr.texts.claims import claims_about

    text = (
        "Олардың ішінде Сатымбек Төлешев («Заря» отрядының командирі), Василий Шарудо "
        "(«Железняк» партизандық бригадасының командирі) болды."
    )
    spans = tuple(
        (text.index(n), text.index(n) + len(n)) for n in ("Сатымбек Төлешев", "Василий Шарудо")
    )
    units = [
        [c.value for c in claims_about(text, s, e, spans) if c.kind == "unit"] for s, e in spans
    ]
    assert units == [["отряд «Заря»"], ["бригада «Железняк»"]]


def test_extract_with_claims_writes_kinds(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text(
        "Bektanov Mazhit, sub-lieutenant, born February 29, 1914, was arrested on January 24, "
        "1950¹. Almost 300 Kazakhstanis fought there.\n\n1 Riksarkivet, RA / S-1681\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(text), "--jsonl", "--claims"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    kinds = {(r.get("kind", "person"), str(r.get("value", r.get("base")))) for r in rows}
    assert {("person", "Bektanov Mazhit"), ("birth", "1914-02-29"), ("rank", "sub-lieutenant"),
            ("arrest", "1950-01-24"), ("figure", "300.0")} <= kinds  # fmt: skip
    (cited,) = [r for r in rows if r.get("kind") == "citation"]
    assert cited["entry"] == "Riksarkivet, RA / S-1681" and cited["number"] == 1
    assert all(text.read_text("utf-8")[r["start"] : r["end"]] == r["text"] for r in rows)


def test_every_kind_of_claim_has_a_column_and_a_label(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each kind the claims module reads is stored by the importer and named in three
    languages; a text stating one of each imports whole."""
    from sqlalchemy import select

    from tagdyr.i18n import _STRINGS as MESSAGES
    from tagdyr.sources.importer import SourceInfo
    from tagdyr.store import schema as s
    from tagdyr.texts.claims import KINDS
    from tagdyr.texts.store import _CLAIM_COLUMNS, HEADERS, import_text

    assert set(KINDS) <= set(_CLAIM_COLUMNS) and len(HEADERS) == len(set(HEADERS))
    stored = set(KINDS) - {"birth_place", "role"}  # kept with the birth claim / verbatim
    assert all(f"kind_{kind}" in MESSAGES and len(MESSAGES[f"kind_{kind}"]) == 3 for kind in stored)
    article = tmp_path / "fates.txt"
    article.write_text(
        "Bektanov Mazhit, sub-lieutenant, born in Pavlodar, was captured in July 1941, escaped in "
        "1943, was repatriated on June 18, 1945, arrested on January 24, 1950, convicted on "
        "April 12, 1950, died in 1950 and was rehabilitated on December 22, 1989.",
        encoding="utf-8",
    )
    import_text(engine, article, SourceInfo("fates", "Fates", "Our note"))
    with engine.connect() as conn:
        kinds = {k for (k,) in conn.execute(select(s.claim.c.kind))}
    assert {"rank", "capture", "escape", "repatriation", "arrest"} <= kinds
