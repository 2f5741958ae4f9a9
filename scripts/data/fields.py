"""The kinds of field a data file holds: ids, text, Markdown, links, dates, flags.

Each is an annotated type with its own rule, so a rule about a kind of
field (what an id may contain, which links Markdown may hold, what a date
looks like) lives here once and every model that uses the field gets it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="Lower-case words joined by hyphens, e.g. `mobile-deployment`. Becomes a URL and an anchor."),
]
HttpsUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/[^\s]*)?$"),
    Field(description="An absolute https:// URL."),
]
Aliases = Annotated[
    list[Slug],
    Field(default_factory=list, description="Former ids of this item: old links and anchors keep reaching it."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), Field(description="Plain text.")]
# Link targets in Markdown: inline `[text](target)`, autolinks `<target>` and reference definitions `[id]: target`.
MARKDOWN_LINK_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE
)
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)


def _links_reach_everywhere(text: str) -> str:
    """Refuse relative links: data text is shown on several pages and in the feed, so only an
    absolute address leads to the same place from all of them."""
    for match in MARKDOWN_LINK_TARGET.finditer(CODE_SPAN.sub("", text)):
        target = next(group for group in match.groups() if group is not None)
        if not target.startswith(("https://", "mailto:")):
            raise PydanticCustomError("relative_link", "the link `{target}` is not an absolute https:// address", {"target": target})
    return text


Markdown = Annotated[
    str,
    StringConstraints(min_length=1, strip_whitespace=True),
    AfterValidator(_links_reach_everywhere),
    Field(description="Markdown text (CommonMark). Raw HTML is shown as text, not rendered; links are absolute https:// addresses."),
]


def _only_true_or_false(value: object) -> object:
    """Accept only `true`/`false`: YAML 1.1's yes/no/on/off are too easy to write by accident."""
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        raise ValueError(f"expected true or false, got {value!r}")
    return value


Flag = Annotated[bool, BeforeValidator(_only_true_or_false)]

# A calendar day, written YYYY-MM-DD.
Day = date


def _number(value: object) -> object:
    """A number written as digits (`281`, `0.5`, `-3`, `1e6`); a unit or a word is refused with a hint."""
    if isinstance(value, str):
        try:
            return float(value.replace("_", ""))
        except ValueError:
            raise PydanticCustomError(
                "not_a_number",
                "`{value}` is not a number",
                {"value": value[:40], "hint": "write the number alone, e.g. `281`; the unit goes once on the criterion as `unit:`"},
            ) from None
    return value


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
Score = Annotated[int, BeforeValidator(_whole_number)]
