"""Mapping column headers to tagdyr's fields (DESIGN.md §5), in six languages.

Automatic mapping reads headers as clerks and historians wrote them ("Фамилия и.и.з.",
"Аты-жөні", "Etternavn", "Geburtsjahr", "Nom", "г.г. рож.") and can be overridden by a small
TOML file::

    # chokay.toml
    [columns]
    "г.г. арест." = "conscription"
    "Степень захв." = "occupation"
    "Примечание" = "-"          # keep verbatim only

    [names]
    order = "surname_first"     # or "given_first"

Unknown columns are always kept verbatim in the record; they are simply not normalized.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from tagdyr.errors import ConfigError
from tagdyr.names.parse import Order

# field -> (description, header patterns matched against the normalized header)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "id": (
        "the list's own entry number or id",
        (
            r"id",
            r"№.*",
            r"no",
            r"nr",
            r"n",
            r"номер",
            r"нөмір",
            r"п ?п",
            r"num[eé]ro",
            r"l[oø]pe ?nr",
            r"lfd ?nr",
            r"#",
        ),
    ),
    "full_name": (
        "the whole name, order unknown",
        (
            r"ф ?и ?о",
            r"фамилия,? (и|имя).*",
            r"аты ?жөні",
            r"толық аты.*",
            r"full ?name",
            r"name",
            r"names?",
            r"nom et pr[eé]noms?",
            r"nom pr[eé]noms?",
            r"navn",
            r"fullt navn",
            r"vor ?und ?zuname",
            r"name,? vorname",
            r"тегі,? аты.*",
        ),
    ),
    "surname": (
        "family name",
        (
            r"фамилия",
            r"тегі",
            r"тек",
            r"surname",
            r"last ?name",
            r"family ?name",
            r"nom",
            r"nom de famille",
            r"etternavn",
            r"familienname",
            r"nachname",
            r"zuname",
        ),
    ),
    "given_name": (
        "given (first) name",
        (
            r"имя",
            r"аты",
            r"есімі",
            r"first ?name",
            r"given( ?names?)?",
            r"forename",
            r"pr[eé]noms?",
            r"fornavn",
            r"vorname",
        ),
    ),
    "patronymic": (
        "patronymic",
        (
            r"отчество",
            r"әкесінің аты",
            r"patronymic",
            r"middle ?name",
            r"patronyme",
            r"farsnavn",
            r"vatersname",
        ),
    ),
    "birth_date": (
        "date of birth (any common format)",
        (
            r"дата рождения",
            r"туған күні",
            r"date of birth",
            r"birth ?date",
            r"born",
            r"dob",
            r"date de naissance",
            r"n[eé] le",
            r"f[oø]dselsdato",
            r"f[oø]dt",
            r"geburtsdatum",
            r"geboren( am)?",
        ),
    ),
    "birth_year": (
        "year of birth",
        (
            r"год рождения",
            r"г ?р",
            r"год рожд.*",
            r"г ?г ?рож.*",
            r"г ?рожд?",
            r"туған жылы",
            r"year of birth",
            r"birth ?year",
            r"ann[eé]e de naissance",
            r"f[oø]dsels[aå]r",
            r"geburtsjahr",
            r"jahrgang",
        ),
    ),
    "birth_place": (
        "place of birth",
        (
            r"место рождения",
            r"туған жері",
            r"place of birth",
            r"birth ?place",
            r"lieu de naissance",
            r"f[oø]dested",
            r"geburtsort",
        ),
    ),
    "residence": (
        "residence or address",
        (
            r"место жительства",
            r"адрес.*",
            r"мекен ?жайы",
            r"тұрғылықты жері",
            r"residence",
            r"address",
            r"domicile",
            r"adresse",
            r"bosted",
            r"hjemsted",
            r"wohnort",
            r"heimatort",
            r"heimatanschrift",
        ),
    ),
    "rank": (
        "military rank",
        (
            r"звание",
            r"воинское звание",
            r"әскери атағы",
            r"атағы",
            r"rank",
            r"grade",
            r"grad",
            r"dienstgrad",
            r"rang",
            r"milit[æa]r grad",
        ),
    ),
    "nationality": (
        "nationality (ethnicity)",
        (
            r"национальность",
            r"ұлты",
            r"nationality",
            r"ethnicity",
            r"nationalit[eé]",
            r"nasjonalitet",
            r"nationalit[äa]t",
            r"volkszugeh[öo]rigkeit",
        ),
    ),
    "camp": (
        "camp",
        (r"лагерь.*", r"шталаг", r"лагері", r"camp.*", r"stalag", r"leir", r"fangeleir", r"lager"),
    ),
    "unit": (
        "unit, detachment, maquis group",
        (
            r"часть",
            r"воинская часть",
            r"отряд",
            r"бөлім.*",
            r"unit",
            r"detachment",
            r"unit[eé]",
            r"maquis",
            r"groupe",
            r"avdeling",
            r"enhet",
            r"truppenteil",
            r"einheit",
        ),
    ),
    "identifier": (
        "a personal number: POW tag (Erkennungsmarke), prisoner or service number",
        (
            r"erkennungsmarke",
            r"erk ?marke",
            r"kriegsgefangenen ?(nr|nummer)",
            r"(pow|prisoner|personal|service|army) ?(no|nr|number|id)",
            r"fange ?(nr|nummer)",
            r"личный номер",
            r"номер (военнопленного|жетона)",
            r"жетон",
            r"жеке нөмір",
            r"matricule",
        ),
    ),
    "fate": (
        "fate, reason for leaving the army",
        (
            r"судьба",
            r"причина выбытия",
            r"тағдыры",
            r"fate",
            r"reason for (retirement|leaving)",
            r"sort",
            r"destin",
            r"skjebne",
            r"schicksal",
            r"verbleib",
        ),
    ),
    "date": (
        "date of the event the list records",
        (r"дата", r"дата выбытия", r"күні", r"date", r"dato", r"datum", r"date of disposal"),
    ),
    "source": (
        "citation of the row's own source",
        (r"источник.*", r"дерек ?көзі", r"source", r"kilde", r"quelle", r"archive"),
    ),
    "conscription": (
        "conscription (year or date, and place)",
        (
            r"год призыва",
            r"дата ?и? место призыва",
            r"призван",
            r"дата призыва",
            r"әскерге шақырылған.*",
            r"conscription",
            r"enlist(ed|ment).*",
            r"incorporation",
            r"innkalt",
            r"einberufen",
            r"г ?г ?приз.*",
        ),
    ),
    "capture_place": (
        "place of capture",
        (
            r"место пленения",
            r"место плен.*",
            r"тұтқынға түскен жері",
            r"place of capture",
            r"captured at",
            r"lieu de capture",
            r"tatt til fange",
            r"ort der gefangennahme",
        ),
    ),
    "capture_date": (
        "date of capture",
        (
            r"дата пленения",
            r"date of capture",
            r"captured",
            r"date de capture",
            r"datum der gefangennahme",
        ),
    ),
    "occupation": (
        "occupation or trade",
        (
            r"специальность",
            r"профессия",
            r"мамандығы",
            r"кәсібі",
            r"occupation",
            r"profession",
            r"trade",
            r"m[eé]tier",
            r"yrke",
            r"beruf",
        ),
    ),
    "repatriation_date": (
        "date of repatriation",
        (
            r"дата репатриации",
            r"репатриирован",
            r"repatriated",
            r"repatriation date",
            r"date de rapatriement",
            r"repatriert",
            r"hjemsendt",
        ),
    ),
    "arrest_date": (
        "date of arrest",
        (
            r"арестован.*",
            r"дата ареста",
            r"қамауға алынған",
            r"arrested",
            r"date of arrest",
            r"date d'arrestation",
            r"arrestert",
            r"verhaftet",
        ),
    ),
    "sentence_date": (
        "date of sentence",
        (
            r"осужд[её]н.*",
            r"дата осуждения",
            r"сотталған",
            r"sentenced",
            r"convicted",
            r"date of sentence",
            r"condamn[eé]",
            r"d[oø]mt",
            r"verurteilt",
        ),
    ),
    "sentence": (
        "sentence and article",
        (
            r"приговор",
            r"мера наказания",
            r"статья",
            r"үкім",
            r"sentence",
            r"article",
            r"peine",
            r"straff",
            r"urteil",
        ),
    ),
    "death_date": (
        "date of death",
        (
            r"умер",
            r"дата смерти",
            r"погиб",
            r"қайтыс болған",
            r"died",
            r"date of death",
            r"death",
            r"d[eé]c[eé]d[eé]",
            r"d[oø]d",
            r"gestorben",
            r"todesdatum",
        ),
    ),
    "rehabilitation_date": (
        "date of rehabilitation",
        (
            r"реабилитирован.*",
            r"дата реабилитации",
            r"ақталған",
            r"rehabilitated",
            r"rehabilitation",
            r"r[eé]habilit[eé]",
            r"rehabilitert",
            r"rehabilitiert",
        ),
    ),
}
IGNORE = "-"
_PATTERNS = [
    (name, re.compile(rf"^(?:{pattern})$"))
    for name, (_, patterns) in FIELDS.items()
    for pattern in patterns
]


def normalize_header(header: str) -> str:
    """Lower case, ё→е, punctuation to spaces (keeping №), spaces collapsed."""
    text = unicodedata.normalize("NFC", header).lower().replace("ё", "е")
    text = re.sub(r"[^\w№#' ]+|_", " ", text)
    return " ".join(text.split())


def match_header(header: str) -> str | None:
    """The field a header names, or None if it names none. The contract's own column names
    (``full_name``, ``birth_year``, …) always name their field."""
    if header.strip().lower() in FIELDS:
        return header.strip().lower()
    norm = normalize_header(header)
    if not norm:
        return None
    for name, pattern in _PATTERNS:
        if pattern.match(norm):
            return name
    return None


@dataclass(frozen=True, slots=True)
class MappingFile:
    """An override file: header -> field (or ``-``), and the name order of the list."""

    path: str
    columns: dict[str, str] = field(default_factory=dict)
    order: Order | None = None


def load_mapping_file(path: Path) -> MappingFile:
    """Read and fully validate a TOML mapping file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the mapping file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    unknown_sections = set(data) - {"columns", "names"}
    if unknown_sections:
        raise ConfigError(
            f"{path}: unknown section(s) {sorted(unknown_sections)}; valid: [columns], [names]"
        )
    columns = data.get("columns", {})
    for header, target in columns.items():
        if target != IGNORE and target not in FIELDS:
            raise ConfigError(
                f"{path}: [columns] {header!r} = {target!r} is not a field; valid fields: "
                f"{', '.join(FIELDS)} (or {IGNORE!r} to keep the column verbatim only)"
            )
    order_text = data.get("names", {}).get("order")
    order = None
    if order_text is not None:
        valid = [Order.SURNAME_FIRST.value, Order.GIVEN_FIRST.value]
        if order_text not in valid:
            raise ConfigError(f"{path}: [names] order = {order_text!r}; valid: {valid}")
        order = Order(order_text)
    return MappingFile(str(path), dict(columns), order)


def map_columns(headers: list[str], override: MappingFile | None, filename: str) -> dict[int, str]:
    """Column index -> field for one header row; the override wins over automatic matching."""
    if override:
        missing = [h for h in override.columns if h not in headers]
        if missing:
            raise ConfigError(
                f"{override.path}: maps column(s) {missing} that {filename} does not have; "
                f"its columns are {headers}"
            )
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        target = override.columns.get(header) if override else None
        if target is None:
            target = match_header(header)
        if target and target != IGNORE and target not in mapping.values():
            mapping[index] = target
    fields = set(mapping.values())
    if "full_name" in fields and "given_name" in fields and "surname" not in fields:
        # German "Name" + "Vorname": "Name" is the surname there
        for index, target in mapping.items():
            if target == "full_name":
                mapping[index] = "surname"
    return mapping
