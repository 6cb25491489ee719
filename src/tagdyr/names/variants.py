"""How a name would look to each clerk: the renderings a researcher should search for.

From a Cyrillic name: the Kazakh original, a Soviet register's russified form and its typical
drift (Ж→Дж, ы→и, akanye), and every Latin convention (with the French "-off" and "Dj-"
habits). From a Latin name: its plausible Cyrillic originals first, then their renderings.
"""

from __future__ import annotations

from dataclasses import dataclass

from tagdyr.names.cleanup import Script, clean, dominant_script
from tagdyr.names.reverse import cyrillic_candidates
from tagdyr.names.translit import Convention, romanize, russify

CLERKS = {
    Convention.ENGLISH: "English / BGN-PCGN (British and American lists)",
    Convention.FRENCH: "French (police and departmental files, Chokay archive)",
    Convention.GERMAN: "German (POW cards)",
    Convention.NORWEGIAN: "Norwegian (repatriation lists)",
    Convention.ISO9: "ISO 9 (library catalogues)",
    Convention.KAZAKH_LATIN: "Kazakh Latin alphabet (2021)",
}


@dataclass(frozen=True, slots=True)
class Variant:
    text: str
    clerk: str


def _drift(word: str) -> list[str]:
    out = []
    if word.startswith("Ж"):
        out.append("Дж" + word[1:])
    if "ы" in word:
        out.append(word.replace("ы", "и"))
    if "о" in word[1:]:
        out.append(word[0] + word[1:].replace("о", "а", 1))
    return out


def _from_cyrillic(name: str) -> list[Variant]:
    variants = [Variant(name, "as written")]
    soviet = russify(name)
    if soviet != name:
        variants.append(Variant(soviet, "Soviet register (Kazakh letters russified)"))
    for word in soviet.split():
        for drifted in _drift(word):
            variants.append(Variant(soviet.replace(word, drifted), "Soviet clerk's drift"))
    for convention, clerk in CLERKS.items():
        source = name if convention in (Convention.ISO9, Convention.KAZAKH_LATIN) else soviet
        rendered = romanize(source, convention)
        variants.append(Variant(rendered, clerk))
        if convention is Convention.FRENCH:
            habits = rendered.replace("ov ", "off ").removesuffix("ov") + (
                "off" if rendered.endswith("ov") else ""
            )
            if habits != rendered:
                variants.append(Variant(habits, clerk + ", -off"))
            if rendered.startswith("J"):
                variants.append(Variant("Dj" + rendered[1:], clerk + ", Dj-"))
    return variants


def variants(name: str) -> list[Variant]:
    """Distinct renderings of ``name``, each with the clerk who would write it so."""
    name = clean(name)
    if dominant_script(name) is Script.LATIN:
        words = name.split()
        originals = [cyrillic_candidates(w)[:1] for w in words]
        if not all(originals):
            return [Variant(name, "as written")]
        cyrillic = " ".join(h[0].cyrillic for h in originals)
        found = [Variant(name, "as written"), Variant(cyrillic, "most plausible Cyrillic original")]
        found += [v for v in _from_cyrillic(cyrillic) if v.clerk != "as written"]
    else:
        found = _from_cyrillic(name)
    seen: set[str] = set()
    unique = []
    for v in found:
        if v.text not in seen:
            seen.add(v.text)
            unique.append(v)
    return unique
