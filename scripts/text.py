"""Data text made safe for the page: Markdown fields to HTML, plain text for Markdown, dates.

Raw HTML and template syntax inside the data always come out as visible
characters. Used by the page renderer and by the Atom feed alike.
"""

from __future__ import annotations

import functools
import html
import json
import re
from datetime import date

import markdown as markdown_lib
from markupsafe import Markup, escape

# Backtick code spans keep their text: Markdown escapes them itself.
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
MARKDOWN_EXTENSIONS = ["sane_lists", "smarty"]


def markdown_to_html(text: str) -> Markup:
    """Render a Markdown field of the data; raw HTML in it is shown as text."""
    pieces = []
    last = 0
    for match in CODE_SPAN.finditer(text):
        pieces.append(html.escape(text[last : match.start()], quote=False))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(html.escape(text[last:], quote=False))
    return Markup(_converted("".join(pieces)))


@functools.lru_cache(maxsize=1 << 16)  # bounded: `make serve` restages in one long-lived process
def _converted(escaped: str) -> str:
    # Cached: a value's explanation appears in the table and on its feature
    # page, and building a converter costs as much as a short conversion.
    rendered = _converter().reset().convert(escaped)
    # Raw HTML blocks of the page end at a blank line; keep the fragment in one block.
    return "\n".join(line for line in rendered.splitlines() if line.strip())


@functools.cache
def _converter() -> markdown_lib.Markdown:
    return markdown_lib.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")


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


def front_matter_value(text: str) -> Markup:
    """A quoted YAML value for front matter. HTML-escaped first, because the theme
    inserts `title` and `description` into the page without escaping them."""
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


def month(day: date) -> str:
    """A date as a reader scans it beside a fact: "Nov 2026"."""
    return day.strftime("%b %Y")


def long_date(day: date) -> str:
    """A date in full, for changes and access dates: "26 November 2026"."""
    return f"{day.day} {day.strftime('%B %Y')}"
