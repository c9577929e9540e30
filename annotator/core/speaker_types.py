"""A first guess at what kind of source a new speaker is, from its name and the registry.

The guess only prefills the type when a speaker is added; "unknown" when nothing in the name
says it, rather than the first type of the list (which made the BBC "government").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.speaker_record import Speaker


# Words that say the kind of source, checked in this order (the first kind that matches wins:
# "the defence ministry" is government, "Red Cross" an organisation, "state TV" media).
_KINDS = (
    ("anonymous", r"\b(?:sources?|an? (?:official|source|person|resident)|officials said|insiders?)\b"),
    (
        "media",
        r"\b(?:BBC|CNN|Reuters|AFP|AP|Associated Press|Al Jazeera|Guardian|Telegraph|Times|Post|"
        r"News|TV|Television|Radio|Broadcasting|Press|Courier|Gazette|Herald|Daily|Journal|"
        r"Tribune|Observer|Wire|Ledger|Chronicle|Mirror|Examiner|Inquirer|Dispatch|Digest|"
        r"Agency France|Xinhua|TASS|RIA|Yonhap|Kyodo|Bloomberg)\b",
    ),
    (
        "international organisation",
        r"\b(?:UN|U\.N\.|United Nations|UNICEF|UNHCR|WHO|World Health|World Bank|IMF|NATO|EU|"
        r"European Union|Commission|African Union|OSCE|ICRC|Red Cross|Red Crescent|IAEA|OCHA)\b",
    ),
    (
        "military",
        r"\b(?:army|armed forces|military|navy|air force|defence forces|defense forces|"
        r"general staff|command|brigade|regiment|troops|marines|coast guard)\b",
    ),
    (
        "government",
        r"\b(?:government|ministry|minister|president|prime minister|premier|chancellor|cabinet|"
        r"presidency|kremlin|white house|downing street|mayor|governor|state department|"
        r"foreign office|officials?|spokes(?:man|woman|person) for the government)\b",
    ),
    (
        "official body",
        r"\b(?:agency|service|authority|authorities|police|office|bureau|council|court|"
        r"commission(?:er)?|department|directorate|inspectorate|regulator|emergency|"
        r"statistics|census|central bank|prosecutor)\b",
    ),
    (
        "NGO",
        r"\b(?:society|foundation|charity|amnesty|human rights watch|médecins|doctors without|"
        r"oxfam|save the children|union|association|institute|observatory|NGO)\b",
    ),
    ("expert", r"\b(?:professor|dr\.?|analyst|economist|researcher|scientist|expert)\b"),
)
_CASE_SENSITIVE = {"AP", "UN", "WHO", "EU", "TASS", "RIA", "NGO", "IMF", "TV"}
# Agencies, forces and states known by their capitals alone, checked only in capitals ("US",
# not "us"; "ICE", not "ice"): they are speakers or audiences, never outlets.
_ACRONYMS = {
    "international organisation": "UNRWA WFP FAO ILO OPCW OECD WTO ASEAN AU ICC ICJ IOM UNDP UNSC OPEC IOC",
    "military": "IDF IRGC PLA GRU NORAD",
    "government": "US USA UK UAE DPRK PRC ROK DOJ DHS DOD DOS MOD FCDO",
    "official body": (
        "FBI CIA NSA DEA ATF ICE CBP FEMA CDC FDA EPA SEC FTC FCC FAA NTSB IRS NASA NYPD LAPD "
        "USDA NHS ONS NCA GCHQ HMRC CPS NIS FSB SVR KGB SBU GUR BKA DGSE RCMP ASIO MSS"
    ),
    "NGO": "MSF HRW NRC FIFA UEFA WADA",
}
_ACRONYM_KINDS = {acronym: kind for kind, words in _ACRONYMS.items() for acronym in words.split()}
_WORD = re.compile(r"\w+")


def guess_speaker_type(name: str, registry: Iterable[Speaker] = ()) -> str:
    """The kind of source a name says it is, else what registered namesakes are, else unknown."""
    for kind, pattern in _patterns():
        if any(_counts(match) for match in pattern.finditer(name)):
            return kind
    return _acronym_kind(name) or _like_registered(name, registry)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The kinds' patterns, compiled at the first guess (not when the window opens)."""
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _KINDS)


def _counts(match: re.Match) -> bool:
    """Acronyms count only in capitals: "who said" is not the WHO, "ap" not AP."""
    word = match.group(0)
    return word.upper() not in _CASE_SENSITIVE or word.isupper()


def _acronym_kind(name: str) -> str:
    return next((_ACRONYM_KINDS[w] for w in _WORD.findall(name) if w in _ACRONYM_KINDS), "")


def _like_registered(name: str, registry: Iterable[Speaker]) -> str:
    """The most common type among registered speakers sharing this name's last word."""
    words = name.split()
    if not words:
        return "unknown"
    last = words[-1].casefold()
    kinds = Counter(
        speaker.type
        for speaker in registry
        if speaker.type != "unknown"
        and speaker.name.split()[-1:]
        and speaker.name.split()[-1].casefold() == last
    )
    return kinds.most_common(1)[0][0] if kinds else "unknown"
