"""Finished HTML through the engine's Markdown step untouched: the marks the templates put around it, and the extension that honours them.

The pages hand the engine large blocks of HTML that are already final (the
comparison table, a criterion's answers and facts, references, embed boxes).
Python-Markdown, which MkDocs, ProperDocs and Zensical all use, would read
each block with its HTML parser only to set it aside unchanged; at a thousand
criteria that parsing is a large part of the build. The template filter
`finished` writes MARK_START and MARK_END on lines of their
own around such a block, and this extension, listed in the default
`markdown_extensions`, sets the block aside whole before the HTML parser runs,
by the same stash and placeholder Python-Markdown uses for raw HTML. The
output is the same either way: a site whose own `markdown_extensions` leave
this one out gets the same pages, the marks kept as HTML comments.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

MARK_START = "<!-- finished html -->"
MARK_END = "<!-- /finished html -->"
# After whitespace is normalised (priority 30), before raw HTML blocks are parsed (html_block, priority 20).
PRIORITY = 25


def finished_block(html: str) -> Markup:
    """The filter `finished`: HTML the template made, between the marks, each on a line of its own, with blank lines
    around them so that without this extension the HTML parser reads the block as it did."""
    return Markup(f"\n{MARK_START}\n{str(html).strip(chr(10))}\n{MARK_END}\n")


class _SetAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        kept: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == MARK_START:
                    block = []
                else:
                    kept.append(line)
            elif line == MARK_END:
                kept += ["", self.md.htmlStash.store("\n".join(block).strip("\n")), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # never closed: left for the HTML parser, as written
            kept += [MARK_START, *block]
        return kept


class FinishedHtml(Extension):
    """The Markdown extension: `markdown_extensions: [versus.pages.finished_html]`."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_SetAside(md), "finished_html", PRIORITY)


def makeExtension(**options: object) -> FinishedHtml:
    return FinishedHtml(**options)
