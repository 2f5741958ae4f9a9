"""Data text made safe for the page: Markdown fields to HTML, plain text for Markdown, dates.

Raw HTML and template syntax inside the data always come out as visible
characters. Used by the page renderer, the Atom feeds and the embedded pictures alike.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape

from versus.data.markdown_links import is_reachable_link, markdown_parser

# The one style of date of every page, shared with the data's own readings (support's `since`), offered here with the other filters.
from versus.data.reading import long_date, month  # noqa: F401

# The data's Markdown read as its check reads it (scripts/data/fields.py): CommonMark,
# raw HTML shown as text, typographic quotes. markdown-it renders a short field about
# three times faster than Python-Markdown with smarty, which counts on a site with
# thousands of facts. The check refuses images and links that are not absolute https
# addresses; the renderer enforces the same on its own token stream, so no text that
# reached it some other way can load an image or link elsewhere.
_RENDERER = markdown_parser()

# Every character outside XML 1.0's `Char` production (controls but tab and line breaks,
# surrogates, U+FFFE and U+FFFF), and the discouraged C1 controls and non-characters.
_NOT_XML = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd"
    + "".join(f"{chr(plane)}-{chr(plane + 0xFFFD)}" for plane in range(0x10000, 0x110000, 0x10000))
    + "]"
)


def xml_safe(text: str) -> str:
    """Text XML can hold: each character it cannot (see _NOT_XML) becomes U+FFFD, the replacement character.

    ElementTree escapes markup but writes any character it is given; the data's checks
    refuse these characters already, and this keeps every XML file readable regardless."""
    return _NOT_XML.sub("\ufffd", text)


def _reachable_links_only(state: StateCore) -> None:
    """Show an image as its description and a link to anywhere but an https address or mailto as its text."""
    for block in state.tokens:
        if block.children:
            block.children = _neutralised(block.children)


def _neutralised(children: list[Token]) -> list[Token]:
    kept: list[Token] = []
    dropped_link = False
    for token in children:
        if token.type == "image":
            kept.append(Token("text", "", 0, content=_plain(token.children or [])))
        elif token.type == "link_open" and not is_reachable_link(str(token.attrGet("href") or "")):
            dropped_link = True  # CommonMark links never nest: the next link_close is its own
        elif token.type == "link_close" and dropped_link:
            dropped_link = False
        else:
            kept.append(token)
    return kept


def _plain(tokens: list[Token]) -> str:
    """The text of inline tokens (an image's description), without their markup."""
    return "".join(token.content if token.type in ("text", "code_inline") else _plain(token.children or []) for token in tokens)


_RENDERER.core.ruler.push("reachable_links_only", _reachable_links_only)


def markdown_to_html(text: str) -> Markup:
    """Render a Markdown field of the data; raw HTML in it is shown as text."""
    return Markup(_converted(text))


@functools.lru_cache(maxsize=1 << 16)  # bounded: `make serve` restages in one long-lived process
def _converted(text: str) -> str:
    # Cached: a change's reason appears on its fact page, the changes page and in the feed.
    rendered = _RENDERER.render(text)
    # Raw HTML blocks of the page end at a blank line; keep the fragment in one block.
    return "\n".join(line for line in rendered.splitlines() if line.strip())


def markdown_inline(text: str) -> Markup:
    """Like markdown_to_html, without the surrounding paragraph (for short, one-line fields)."""
    rendered = str(markdown_to_html(text))
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


def plain_text(text: str) -> Markup:
    """Plain data text safe anywhere in Markdown (headings too): no emphasis, links or attribute lists."""
    escaped = html.escape(text, quote=False)
    return Markup(re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", escaped))


def unclaimed_words(words: list[str], names: list[str]) -> list[str]:
    """The search words a page may claim as its tags: none that a criterion's name claims. Search stems words
    ("prices" finds "price"), so a word is left out when it and a word of a name begin alike."""
    named = {word.strip("()[],.:;!?\"'").casefold() for name in names for word in name.split()}
    return [word for word in words if not any(other and (word.startswith(other) or other.startswith(word)) for other in named)]


def front_matter_value(text: str) -> Markup:
    """A quoted YAML value for front matter. HTML-escaped first, because the theme
    inserts `title` and `description` into the page without escaping them."""
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


def field_text(text: str) -> Markup:
    """Text for a read-only field, such as code to copy: HTML-escaped, with `](` written `]&#40;`.

    The browser shows the same characters, while the staging's rewriting of Markdown
    links (scripts/pages/staging.py) no longer takes the code for a link of the page."""
    return Markup(str(escape(text)).replace("](", "]&#40;"))


def join_words(items: list[str] | tuple[str, ...], conjunction: str = "and") -> str:
    """Names joined as a reader writes them: "A", "A and B", "A, B and C" (or with "or")."""
    words = [str(item) for item in items]
    if len(words) <= 2:
        return f" {conjunction} ".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def a_or_an(word: str) -> str:
    """A noun with its indefinite article, chosen by its first letter: "an option", "a machine"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


# A capitalised word written after a lowercase word or a comma: a name, not the start of a sentence.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)\b")


def proper_words(texts: Iterable[str]) -> frozenset[str]:
    """The capitalised words these texts write in the middle of a sentence ("Python", "Google"): names,
    which keep their capital when they begin a title set mid-sentence (lower_first)."""
    return frozenset(word for text in texts for word in _MID_SENTENCE_CAPITAL.findall(text))


def lower_first(text: str, names: frozenset[str] = frozenset()) -> str:
    """A title made fit for the middle of a sentence: "Deployment and serving" → "deployment and serving".

    Only the first word can change, and it keeps its case when it is an acronym or has inner capitals
    ("GPU", "JavaScript"), or when it, or its part before a hyphen, is one of `names` ("Python-heavy teams",
    "Google Cloud integration"). Later words keep theirs."""
    first = text.split(" ", 1)[0]
    if not first or any(character.isupper() for character in first[1:]) or not first[0].isupper():
        return text
    if first in names or first.split("-", 1)[0] in names:
        return text
    return text[0].lower() + text[1:]
