"""The kinds of field a data file holds: ids, text, Markdown, links, dates, flags.

Each is an annotated type with its own rule, so a rule about a kind of
field (what an id may contain, which characters text may hold, which links
Markdown may hold, what a date looks like) lives here once and every model
that uses the field gets it. A rule that refuses a value names it by a short
excerpt, never whole, and gives the hint the problem report prints.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from versus.data.limits import MAX_ALIASES, MAX_ID_LENGTH, MAX_MARKDOWN_LENGTH, MAX_TEXT_LENGTH
from versus.data.markdown_links import first_bad_target

# --- Showing a bad value -------------------------------------------------------

EXCERPT_LENGTH = 80  # characters of a bad value a problem shows; a 1 MB value is named, not echoed

# Characters that a terminal or editor would not show as themselves: shown as escapes in messages.
_UNSHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def excerpt(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """A value as a problem shows it: at most `limit` characters, then "…"; characters that
    would not show as themselves (controls, invisible and direction marks) as escapes such as \\u202e."""
    text = value if isinstance(value, str) else str(value)
    shown = _UNSHOWN.sub(_escaped, text[:limit])
    return shown + "…" if len(text) > limit else shown


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code) or (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")


# --- Ids -------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH),
    Field(description="Lower-case words joined by hyphens, e.g. `mobile-deployment`. Becomes a URL and an anchor."),
]
Aliases = Annotated[
    list[Slug],
    Field(default_factory=list, max_length=MAX_ALIASES, description="Former ids of this item: old links and anchors keep reaching it."),
]

# --- Text --------------------------------------------------------------------------

# Never in any data text. Controls (but tab and line feed) and non-characters are not allowed
# in XML, so one of them makes the Atom feed unreadable; direction controls reorder what a
# reader sees (a name can read as another); line and paragraph separators are invisible line
# breaks; tag characters are invisible letters. YAML's escapes ("\e", "\0", "\uFFFE") write them.
_NEVER = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 and C1 controls
    "\ud800-\udfff"  # lone surrogates
    "\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))  # non-characters
    + "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators
    "\U000e0000-\U000e007f"  # tag characters
)
# Also never in names, labels, titles and other plain text, which readers compare by eye:
# characters that show nothing (zero-width spaces and joiners, soft hyphens, fillers,
# invisible operators), so two names that look alike may differ. Markdown keeps the
# joiners, which some scripts and emoji need.
_INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\u206a-\u206f"
    "\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a"
)
_NOT_IN_MARKDOWN = re.compile(f"[{_NEVER}]")
_NOT_IN_TEXT = re.compile(f"[\t{_NEVER}{_INVISIBLE}]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _character_kind(character: str) -> tuple[str, str]:
    """What a refused character is, and what to do about it."""
    code = ord(character)
    if character == "\t":
        return "a tab", "use a space"
    if character in _BIDI:
        return "a bidirectional control", "remove it: it changes the order in which the text reads; write right-to-left text as is"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character", "remove it; a YAML escape such as \\e, \\0 or \\x01 in a quoted value writes one"
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "not a character", "remove it; no text may hold it (an escape such as \\uFFFE writes it)"
    if character in "\u2028\u2029":
        return "an invisible line break", "use an ordinary line break"
    return "an invisible character", "remove it: it shows nothing, so two texts that look alike would differ"


def _name_of(character: str) -> str:
    code = ord(character)
    name = unicodedata.name(character, "")
    return f"U+{code:04X}" + (f" {name}" if name else "")


def _refuse_characters(pattern: re.Pattern[str], text: str) -> str:
    if text.isascii() and text.isprintable():
        return text  # most text: no control character, nothing beyond ASCII; a tenth of the regex's cost
    found = pattern.search(text)
    if found is None:
        return text
    character = found.group()
    kind, hint = _character_kind(character)
    raise PydanticCustomError(
        "forbidden_character",
        "{character} at character {offset} is {kind}",
        {"character": _name_of(character), "offset": found.start() + 1, "kind": kind, "hint": hint},
    )


def _plain_text(text: str) -> str:
    return _refuse_characters(_NOT_IN_TEXT, text)


Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TEXT_LENGTH, strip_whitespace=True),
    AfterValidator(_plain_text),
    Field(description="Plain text."),
]

# --- Links -------------------------------------------------------------------------

HttpsUrl = Annotated[
    str,
    # RFC 3986's characters only: no spaces, quotes, angle brackets or controls, which
    # would have to be escaped in every page, the feed and the CSV.
    StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?$"),
    Field(description="An absolute https:// URL."),
]


# --- Markdown ------------------------------------------------------------------------


def _markdown_rules(text: str) -> str:
    """Refuse the characters no text may hold; read the text as CommonMark does and refuse every link
    that is not an absolute https address (data text is shown on several pages and in the feed) and
    every image (it would be loaded from another host)."""
    _refuse_characters(_NOT_IN_MARKDOWN, text)
    found = first_bad_target(text)
    if found is None:
        return text
    kind, target = found
    if kind == "image":
        raise PydanticCustomError(
            "image_in_text",
            "the image `{target}` would be loaded from another host",
            {"target": excerpt(target), "hint": "data text shows no images; link to it instead: [description](https://…)"},
        )
    raise PydanticCustomError(
        "relative_link",
        "the link `{target}` is not an absolute https:// address",
        {"target": excerpt(target), "hint": "this text is shown on several pages and in the feed; write the full https:// address"},
    )


Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_MARKDOWN_LENGTH, strip_whitespace=True),
    AfterValidator(_markdown_rules),
    Field(description="Markdown text (CommonMark). Raw HTML is shown as text, not rendered; links are absolute https:// addresses."),
]

# --- Flags and days ----------------------------------------------------------------------


def _only_true_or_false(value: object) -> object:
    """Accept only `true`/`false`: YAML 1.1's yes/no/on/off are too easy to write by accident."""
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        raise PydanticCustomError(
            "flag", "expected true or false, got '{value}'", {"value": excerpt(value), "hint": "write true or false, in lower case"}
        )
    return value


Flag = Annotated[bool, BeforeValidator(_only_true_or_false)]

_DAY_FORMAT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAY_HINT = "write dates as YYYY-MM-DD, e.g. 2026-11-26"


def calendar_day(value: object) -> object:
    """A day written YYYY-MM-DD and nothing else: no times, time zones, week dates or
    numbers of seconds (which a lenient parser reads as dates), and a day the calendar has."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # a model built in Python, or read back from the JSON export
    if not isinstance(value, str) or not _DAY_FORMAT.fullmatch(value):
        shown = "nothing" if value is None else "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else None
        raise PydanticCustomError(
            "day_format",
            "`{value}` is not a date" if shown is None else "{value} is not a date",
            {"value": shown or excerpt(value), "hint": _DAY_HINT},
        )
    year, month, day = (int(part) for part in value.split("-"))
    reason = ""
    if year == 0:
        reason = "there is no year 0"
    elif not 1 <= month <= 12:
        reason = f"there is no month {month}"
    elif day == 0:
        reason = "there is no day 0"
    elif day > calendar.monthrange(year, month)[1]:
        length = calendar.monthrange(year, month)[1]
        reason = f"{calendar.month_name[month]} {year} has {length} days"
    if reason:
        raise PydanticCustomError(
            "day_impossible", "`{value}` is not a date: {reason}", {"value": value, "reason": reason, "hint": "check the day and the month"}
        )
    return date(year, month, day)


# A calendar day, written YYYY-MM-DD.
Day = Annotated[date, BeforeValidator(calendar_day)]


def _number(value: object) -> object:
    """A finite number written as digits (`281`, `0.5`, `-3`, `1e6`); a unit, a word, `inf`, `nan` or a number
    too large for a float (`1e999`) is refused with a hint: none of them can be shown, scored or compared."""
    if isinstance(value, str):
        try:
            number = float(value.replace("_", ""))
        except ValueError:
            raise PydanticCustomError(
                "not_a_number",
                "`{value}` is not a number",
                {"value": excerpt(value, 40), "hint": "write the number alone, e.g. `281`; the unit goes once on the criterion as `unit:`"},
            ) from None
        if not math.isfinite(number):
            raise PydanticCustomError(
                "not_a_number",
                "`{value}` is not a finite number",
                {
                    "value": excerpt(value, 40),
                    "hint": "write a number with digits, e.g. `281` or `1.5e9`; infinity and nan cannot be scored",
                },
            )
        return number
    return value


# What a number cell may say instead of a number: no limit at all, or a figure nobody has published.
NUMBER_WORDS = ("unlimited", "unknown")


def _number_or_word(value: object) -> object:
    """A number, or one of NUMBER_WORDS; anything else is refused with a hint that names both."""
    if isinstance(value, str) and value in NUMBER_WORDS:
        return value
    try:
        return _number(value)
    except PydanticCustomError as refused:
        context = dict(refused.context or {})
        context["hint"] = f"{context.get('hint', '')}, or `unlimited` or `unknown`"
        raise PydanticCustomError(refused.type, refused.message_template, context) from None


def _whole_number(value: object) -> object:
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            raise PydanticCustomError(
                "not_a_number", "`{value}` is not a whole number", {"value": value[:40], "hint": "write a whole number, e.g. `5`"}
            ) from None
    return value


Number = Annotated[float, BeforeValidator(_number), Field(description="A number written as digits, e.g. `281` or `0.5`.")]
# A number cell's value: digits, or a word for no limit or no published figure.
NumberValue = Annotated[
    float | Literal["unlimited", "unknown"],
    BeforeValidator(_number_or_word),
    Field(description="A number written as digits, e.g. `281` or `0.5`; or `unlimited`, or `unknown` when no figure is published."),
]
Score = Annotated[int, BeforeValidator(_whole_number)]
