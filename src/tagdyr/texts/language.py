"""The language of a paragraph: Kazakh, Russian, English or French (mixed texts are normal, so
each paragraph is judged alone). Kazakh is told from Russian by its own letters and words,
French from English by accents and function words; no model is needed for these four."""

from __future__ import annotations

import re

LANGUAGES = ("kk", "ru", "en", "fr")
_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZAKH_WORDS = {"және", "мен", "бен", "пен", "жылы", "болды", "деген", "оның", "бұл", "соғыс",
                 "туралы", "арқылы", "үшін", "екен", "еді", "бастаған"}  # fmt: skip
_FRENCH_WORDS = {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "au", "aux", "sur",
                 "par", "qui", "que", "pour", "avec", "il", "ils", "été", "camp"}  # fmt: skip
_ENGLISH_WORDS = {"the", "and", "of", "was", "were", "in", "to", "with", "his", "he", "they",
                  "from", "by", "at", "is", "as", "for"}  # fmt: skip
_FRENCH_LETTERS = set("éèêàçùâîôûëïœ")


def detect_language(text: str) -> str:
    """ "kk", "ru", "en", "fr", or "" when the text has too few letters to tell."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return ""
    words = re.findall(r"[^\W\d_]+", text.lower())
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic >= len(letters) / 2:
        kazakh = sum(c in _KAZAKH_LETTERS for c in letters) / cyrillic
        kazakh_words = sum(w in _KAZAKH_WORDS for w in words)
        return "kk" if kazakh > 0.02 or kazakh_words >= 1 else "ru"
    french = sum(w in _FRENCH_WORDS for w in words) + 2 * sum(c in _FRENCH_LETTERS for c in text)
    english = sum(w in _ENGLISH_WORDS for w in words)
    return "fr" if french > english else "en"
