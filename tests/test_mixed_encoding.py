"""A file whose header is UTF-8 and whose rows are cp1251 is refused with the row and column
where the encodings change, never stored as "FÃ¸dt" (found by a new user's trial); single-byte
lists whose bytes happen to pair as UTF-8 somewhere are still read in their own code page."""

import pytest

from tagdyr.errors import EncodingError
from tagdyr.sources.encoding import decode


def test_a_utf8_header_over_cp1251_rows_is_refused_at_the_first_cp1251_byte() -> None:
    data = "Nr;Navn;Født\n".encode() + "1;Бектанов Мажит;1914\n".encode("cp1251")
    with pytest.raises(EncodingError) as caught:
        decode(data, "mixed.csv")
    said = str(caught.value)
    assert "mixes encodings" in said and "mixed.csv" in said
    assert caught.value.row == 2 and str(caught.value.column).startswith("2 ")


def test_utf8_rows_after_a_latin1_row_are_refused_too() -> None:
    data = b"Nr;Navn\n" + "1;Bjørnstad\n".encode("cp1252") + "2;Сәрсенбаев\n".encode()
    with pytest.raises(EncodingError) as caught:
        decode(data, "m.csv")
    assert caught.value.row == 2


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Nr;Имя;Год\n1;Пётр Сёмин;1910\n2;Ольга Рёва;1920\n", "cp1251"),
        ("Nr;Navn;Født\n1;Bjørnstad Ærlig;1910\n2;Åse Grønli;1921\n", "cp1252"),
        ("Nr;Имя\n1;Бектанов Мажит\n2;Жумабаев Серик\n", "koi8_r"),
    ],
)
def test_single_byte_lists_are_still_read_in_their_code_page(text: str, codec: str) -> None:
    decoded = decode(text.encode(codec), "list.csv")
    assert (decoded.text, decoded.encoding) == (text, codec)
