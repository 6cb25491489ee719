"""Mapping column headers to tagdyr's fields (docs/architecture.md), in six languages.

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
from typing import Any

from tagdyr.errors import ConfigError
from tagdyr.names.parse import Order
from tagdyr.sources.compound import SPLIT, split_rule_error
from tagdyr.sources.register import PROFILE_KEYS, Register
from tagdyr.vocab.claims import kinds as claim_kinds

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
            r"лагерный номер",
            r"fangenummer",
            r"prisoner ?number",
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
    "age": (
        'age on the document\'s date ("35 лет"): a birth year *about*, document year - age',
        (r"возраст", r"жасы", r"age", r"alter", r"alder"),
    ),
    "conscription_date": ("date of conscription (a compound cell's date part)", ()),
    "conscription_place": (
        "place of conscription: the military commissariat (RVK)",
        (r"место призыва", r"шақырылған жері", r"place of (conscription|enlistment)"),
    ),
    "burial_place": (
        "place of burial",
        (
            r"(первичное )?место (захоронения|погребения)",
            r"жерленген жері",
            r"place of burial",
            r"burial ?place",
            r"grabstelle",
            r"grav(lagt|sted)",
        ),
    ),
    "hospital": ("hospital (medical unit) the record comes from", (r"госпиталь", r"лазарет")),
    "document_kind": (
        "the kind of document the record comes from (loss report, POW card, …)",
        (r"(тип|вид) документа", r"document ?(type|kind)", r"dokumententyp"),
    ),
    "document_date": (
        "the date of the document (anchors an age)",
        (r"дата (документа|донесения)", r"document ?date", r"datum des dokuments"),
    ),
    "archive": ("the archive holding the document (ЦАМО, Arolsen Archives, …)", (r"архив",)),
    "fond": (
        "archival fond (collection, Bestand)",
        (r"(номер )?фонда?( источника информации)?", r"fond", r"bestand"),
    ),
    "opis": (
        "archival opis (inventory, Findbuch)",
        (r"(номер )?описи?( источника информации)?", r"opis", r"findbuch", r"inventory"),
    ),
    "delo": (
        "archival delo (file, storage unit, Akte)",
        (r"(номер )?дела?( источника информации)?", r"единица хранения", r"delo", r"akte"),
    ),
    "folio": ("list (sheet, folio) of the file", (r"лист", r"folio", r"blatt")),
    "document_id": (
        "the archive's own number of the document (DocID)",
        (r"doc ?id", r"dokument ?id", r"document ?id"),
    ),
}
# a claim kind's own field, declared with its header names in the vocabulary (vocab/claims.py)
FIELDS.update(
    (k.field, (k.labels["en"], k.headers)) for k in claim_kinds() if k.field and k.headers
)
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
    """An override file: header -> field (or ``-``, or the fields of a compound cell joined by
    ``+``), the name order of the list, and — for an import profile — its register."""

    path: str
    columns: dict[str, str] = field(default_factory=dict)
    order: Order | None = None
    register: Register | None = None


SECTIONS = ("columns", "names", "profile", "kinds")


def load_mapping_file(path: Path) -> MappingFile:
    """Read and fully validate a TOML mapping file (an import profile is one with a
    [profile] section)."""
    try:
        return parse_mapping(tomllib.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the mapping file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def _column_target(path: str, header: str, target: object) -> str:
    """A [columns] entry's target, validated: a field, ``-``, or a list of fields."""
    valid = f"valid fields: {', '.join(FIELDS)} (or {IGNORE!r} to keep the column verbatim only)"
    if isinstance(target, list):
        wrong = [t for t in target if t not in FIELDS]
        if wrong or not target:
            raise ConfigError(
                f"{path}: [columns] {header!r} = {target!r}: {wrong or target!r} "
                f"is not a field; {valid}"
            )
        problem = split_rule_error([str(t) for t in target])
        if problem:
            raise ConfigError(f"{path}: [columns] {header!r} = {target!r}: {problem}")
        return SPLIT.join(target)
    if target != IGNORE and target not in FIELDS:
        raise ConfigError(f"{path}: [columns] {header!r} = {target!r} is not a field; {valid}")
    return str(target)


def parse_mapping(data: dict[str, Any], path: str) -> MappingFile:
    """A mapping file's parsed TOML, fully validated; errors name the key and list what is
    valid there."""
    unknown_sections = set(data) - set(SECTIONS)
    if unknown_sections:
        raise ConfigError(
            f"{path}: unknown section(s) {sorted(unknown_sections)}; valid: "
            + ", ".join(f"[{name}]" for name in SECTIONS)
        )
    columns = {
        header: _column_target(path, header, target)
        for header, target in data.get("columns", {}).items()
    }
    register = parse_register(data, path, columns) if "profile" in data else None
    if "kinds" in data and register is None:
        raise ConfigError(f"{path}: [kinds] belongs to a profile: add a [profile] section")
    order_text = data.get("names", {}).get("order")
    order = None
    if order_text is not None:
        valid = [Order.SURNAME_FIRST.value, Order.GIVEN_FIRST.value]
        if order_text not in valid:
            raise ConfigError(f"{path}: [names] order = {order_text!r}; valid: {valid}")
        order = Order(order_text)
    return MappingFile(path, columns, order, register)


def parse_register(data: dict[str, Any], path: str, columns: dict[str, str]) -> Register:
    """The [profile] and [kinds] sections of an import profile, validated."""
    section = data["profile"]
    unknown = set(section) - set(PROFILE_KEYS)
    if unknown:
        raise ConfigError(
            f"{path}: [profile] has unknown key(s) {sorted(unknown)}; valid keys: "
            + "; ".join(f"{key} ({what})" for key, what in PROFILE_KEYS.items())
        )
    if not isinstance(section.get("name"), str) or not section["name"]:
        raise ConfigError(f"{path}: [profile] name is missing: the name --profile takes")
    for key, value in section.items():
        if key != "detect" and not isinstance(value, str):
            raise ConfigError(f"{path}: [profile] {key} = {value!r} must be a string")
    detect = section.get("detect", [])
    if not isinstance(detect, list) or any(h not in columns for h in detect):
        raise ConfigError(
            f"{path}: [profile] detect = {detect!r} must list headers of [columns]; "
            f"its headers: {list(columns)}"
        )
    if section.get("kind", "register") not in ("list", "register", "file"):
        raise ConfigError(
            f"{path}: [profile] kind = {section['kind']!r}; valid: list, register, file"
        )
    register = Register(
        name=section["name"],
        title=section.get("title", ""),
        source_citation=section.get("source_citation", ""),
        citation=section.get("citation", ""),
        archive=section.get("archive", ""),
        kind=section.get("kind", "register"),
        languages=section.get("languages", ""),
        detect=tuple(detect),
        kinds=_kinds(data.get("kinds", {}), path, columns),
    )
    wrong = [p for p in register.placeholders() if p not in FIELDS]
    if wrong:
        raise ConfigError(
            f"{path}: [profile] citation = {register.citation!r} names {wrong}, not fields; "
            f"valid fields: {', '.join(FIELDS)}"
        )
    return register


def _kinds(
    section: dict[str, Any], path: str, columns: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """[kinds]: record kind -> the headers whose filled cell marks a record of that kind."""
    kinds: dict[str, tuple[str, ...]] = {}
    for kind, markers in section.items():
        if not isinstance(markers, list) or any(m not in columns for m in markers):
            raise ConfigError(
                f"{path}: [kinds] {kind!r} = {markers!r} must list headers of [columns]; "
                f"its headers: {list(columns)}"
            )
        kinds[kind] = tuple(markers)
    return kinds


def _override_target(override: MappingFile, header: str) -> str | None:
    """The target an override gives a header: as written, or — for a profile — as normalized
    (an export's headers in another case or spacing)."""
    if header in override.columns:
        return override.columns[header]
    if override.register is None:
        return None
    wanted = normalize_header(header)
    for written, target in override.columns.items():
        if normalize_header(written) == wanted:
            return target
    return None


def map_columns(headers: list[str], override: MappingFile | None, filename: str) -> dict[int, str]:
    """Column index -> field for one header row; the override wins over automatic matching."""
    if override and override.register is None:  # a profile names every column its register has
        missing = [h for h in override.columns if h not in headers]
        if missing:
            raise ConfigError(
                f"{override.path}: maps column(s) {missing} that {filename} does not have; "
                f"its columns are {headers}"
            )
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        target = _override_target(override, header) if override else None
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
