"""Where the links and images of a data text are, as CommonMark reads them, and which targets reach everywhere.

Data text is shown on several pages and in the feed, so a link must be an
absolute https address (or mailto) and no image may load from another host.
The renderer (pages/text.py) and the check below read a text with the same
preset and options, so the links checked are the links shown.

Most texts hold no link syntax at all, and most of the rest hold only plain
inline links, `[words](https://…)`; for those the targets are read with one
regular expression and the parse is skipped (`_simple_targets` says why that
reads them exactly as CommonMark does). Any other text is parsed whole.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from markdown_it import MarkdownIt


def is_reachable_link(href: str) -> bool:
    """A link target that leads to the same place from every page and the feed: an https address with a host, or mailto."""
    if href.startswith("mailto:"):
        return len(href) > len("mailto:")
    if not href.startswith("https://"):
        return False
    try:
        return bool(urlsplit(href).hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False


# CommonMark with raw HTML shown as text: what decides where a link or an image is.
MARKDOWN_PRESET = "commonmark"
MARKDOWN_OPTIONS = {"html": False}


def markdown_parser() -> MarkdownIt:
    """CommonMark as data text is shown: raw HTML stays text, quotes become typographic.

    Built from the same preset and options as the check's reader below, so the
    links checked are the links shown. Dashes and ellipses are left as typed: a
    technical text's `--flag` or `(c)` must not turn into – or ©.
    """
    return MarkdownIt(MARKDOWN_PRESET, {**MARKDOWN_OPTIONS, "typographer": True}).enable("smartquotes")


class _LinkReader(MarkdownIt):
    """Reads where the links and images of a text are, as the renderer does, and nothing else.

    Every target is kept as written, even those the renderer drops (javascript:,
    file:), so a problem names them instead of a link silently losing its
    target; the renderer checks the targets it makes again (pages/text.py)."""

    def validateLink(self, url: str) -> bool:
        return True

    def normalizeLink(self, url: str) -> str:
        return url


# Emphasis, line breaks and typography change no link (CommonMark: links bind more tightly
# than emphasis); leaving them out makes the parse half as costly.
_LINK_READER = _LinkReader(MARKDOWN_PRESET, MARKDOWN_OPTIONS).disable(["emphasis", "newline", "text_join"])


def _inline_tokens(tokens: list) -> Iterator:
    """Every inline token, at any depth: in paragraphs, headings, lists, block quotes, link texts and image descriptions."""
    for token in tokens:
        if token.children:
            yield from _inline_tokens(token.children)
        if token.type in ("link_open", "image"):
            yield token


# Written anywhere in a text, each of these can make a link that the plain pattern below reads
# otherwise than CommonMark does: a backslash escape or an entity changes a target (`\/`, `&#47;`),
# a code span can hold the `](` the pattern stops at, `<` opens an autolink and `![` an image.
_NOT_PLAIN = ("\\", "&", "`", "<", "![")
# `[words](target)`: words without brackets, a target without spaces or parentheses, no title.
_PLAIN_LINK = re.compile(r"\[[^\[\]]*\]\(([^()\s]*)\)")


def _simple_targets(text: str) -> list[str] | None:
    """Every link target of a text whose only link syntax is plain inline links, or None for any other text.

    Exact, not a guess: CommonMark starts a link only at a `[` (images and autolinks are ruled out
    above). When every `[` of the text opens a match of `_PLAIN_LINK`, a link starting there has no
    bracket in its words, so they end at the first `]`; the `(` follows at once, and a target with no
    space or parenthesis closed by `)` is the link's whole destination, with no title and nothing to
    unescape. So every link of the text is one of the matches, with the target captured. A match may
    be no link (inside a code block, say); its target is then checked needlessly, never missed. A
    reference definition needs no mark of its own: its `[label]:` opens no match, so the count differs."""
    if any(mark in text for mark in _NOT_PLAIN):
        return None
    targets = _PLAIN_LINK.findall(text)
    return targets if len(targets) == text.count("[") else None


@functools.lru_cache(maxsize=1 << 16)  # `make serve` checks the data again on every save; most texts have not changed
def first_bad_target(text: str) -> tuple[str, str] | None:
    """The first image, or link that does not reach everywhere, as ("image" or "link", its target)."""
    if "](" not in text and "]:" not in text and "<" not in text:
        # No inline link or image (`](`), no reference definition for a `[label]` to use
        # (`]:`), no autolink (`<`): CommonMark cannot make a link here.
        return None
    simple = _simple_targets(text)
    if simple is not None and all(is_reachable_link(target) for target in simple):
        return None
    # Anything else, and a plain text with a bad target (it may not be a link at all), is read whole.
    return parsed_bad_target(text)


def parsed_bad_target(text: str) -> tuple[str, str] | None:
    """first_bad_target by a whole CommonMark parse of the text, with no shortcut."""
    for token in _inline_tokens(_LINK_READER.parse(text)):
        if token.type == "image":
            return "image", str(token.attrGet("src") or "")
        href = str(token.attrGet("href") or "")
        if not is_reachable_link(href):
            return "link", href
    return None
