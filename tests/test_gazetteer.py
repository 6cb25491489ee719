"""The gazetteer's raions, place strings as clerks wrote them, and OCR repair of name words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tagdyr.link.features import features, record_from_name
from tagdyr.names.cleanup import repair_ocr
from tagdyr.vocab.gazetteer import places, resolve


@pytest.mark.parametrize(
    ("text", "raion", "oblast"),
    [
        ("Павлодарская обл., Баянаульский р-н", "bayanaul-raion", "pavlodar-obl"),
        ("Баянаульский РВК", "bayanaul-raion", "pavlodar-obl"),
        ("Баянауыл ауданы", "bayanaul-raion", "pavlodar-obl"),
        ("Kasachstan, Bajanaul", "bayanaul-raion", "pavlodar-obl"),  # a German clerk
        ("Kazakhstan, Baïanaoul district", "bayanaul-raion", "pavlodar-obl"),  # a French one
        ("Kasakhstan, Irtysjsk rajon", "irtyshsk-raion", "pavlodar-obl"),  # a Norwegian one
        ("Каркаралинский р-н", "karkaralinsk-raion", "karaganda-obl"),
        ("Kazakh SSR, Kzyl-Orda, Kazalinsk district", "kazalinsk-raion", "kzylorda-obl"),
        ("Абай ауданы", "abay-raion", "semey-obl"),
        ("Гурьевская обл., Жилокосинский р-н", "zhilokosa-raion", "atyrau-obl"),
    ],
)
def test_a_raion_as_any_clerk_wrote_it(text: str, raion: str, oblast: str) -> None:
    keys = resolve(text)
    assert raion in keys and oblast in keys
    assert places()[raion].kind == "raion" and places()[raion].parent == oblast


def test_a_short_raion_name_needs_a_raion_word() -> None:
    """A bare "Абай" is a street or a man ("ul. Abay, 204"); "Абайский р-н" is the raion."""
    assert "abay-raion" not in resolve("Kazakh SSR, Pavlodar, ul. Abay, 204")
    assert resolve("Kazakh SSR, Pavlodar, ul. Abay, 204")[:2] == ("pavlodar", "pavlodar-obl")
    assert "abay-raion" in resolve("Абайский р-н")


def test_every_raion_has_an_oblast_and_names_in_three_scripts() -> None:
    raions = [p for p in places().values() if p.kind == "raion"]
    assert len(raions) >= 120
    for raion in raions:
        assert raion.parent is not None and places()[raion.parent].kind == "oblast", raion.key
        assert 40 < raion.lat < 56 and 46 < raion.lon < 88, raion.key  # inside the Kazakh SSR
        scripts = {"latin" if n.isascii() else "cyrillic" for n in raion.names}
        assert scripts == {"latin", "cyrillic"}, raion.key
        assert any(n.endswith("ауданы") for n in raion.names), raion.key  # Kazakh


def test_features_name_the_raion_and_the_oblast() -> None:
    record = record_from_name("R1", "right", "Бектанов Мажит", 1914)
    from dataclasses import replace

    row = features(replace(record, places=("Павлодарская обл., Баянаульский р-н", "Павлодар ГВК")))
    assert row["place_raions"] == ["bayanaul-raion"]
    assert row["place_towns"] == ["pavlodar"]
    assert row["place_regions"] == ["pavlodar-obl"]


@pytest.mark.parametrize(
    ("scanned", "meant"),
    [
        ("KaIdyrkulov", "Kaldyrkulov"),
        ("Tcmirzadajev", "Temirzadajev"),
        ("Nourtacv", "Nourtaev"),
        ("Алтын6етов", "Алтынбетов"),
        ("Бек3ада", "Бекзада"),
        ("Tchoukaev", "Tchoukaev"),  # French tch stays
        ("Schakirow", "Schakirow"),  # German sch stays
        ("McIntosh", "McIntosh"),
        ("Ivanov", "Ivanov"),
    ],
)
def test_ocr_repair_of_name_words(scanned: str, meant: str) -> None:
    assert repair_ocr(scanned) == meant


def test_ocr_repair_makes_a_scanned_name_meet_the_register() -> None:
    scanned = features(record_from_name("L1", "left", "KaIdyrkulov Nurbaj", 1914))
    register = features(record_from_name("R1", "right", "Калдыркулов Нурбай", 1914))
    assert scanned["surname_canon"] == register["surname_canon"]
    assert set(scanned["given_keys"]) & set(register["given_keys"])


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі-", min_size=1))
def test_ocr_repair_leaves_cyrillic_without_digits_alone(word: str) -> None:
    assert repair_ocr(word) == word
    assert repair_ocr(word.capitalize()) == word.capitalize()


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzIАБВ0369", min_size=1, max_size=20))
def test_ocr_repair_keeps_the_length(word: str) -> None:
    assert len(repair_ocr(word)) == len(word)
