"""YAML's syntax errors said where an editor finds the mistake: an unclosed quote or bracket at its opening, a key indented less than its neighbours on its own line.

The parser reports where it gave up, which is often far below the mistake;
these readings of its error point at the likelier place, with a hint.
"""

from __future__ import annotations

import yaml

from versus.data.problems import Problem

# Constructs whose opening an editor must find: the parser reports where it gave up, often far below.
OPENINGS = {
    "while scanning a quoted scalar": ("this quote is never closed", "close the quote where the text ends"),
    "while parsing a flow sequence": ("this `[` is never closed", "close the list with `]`, or write it as lines starting with `- `"),
    "while parsing a flow mapping": ("this `{` is never closed", "close the mapping with `}`"),
}


def syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """The parser's error in `text` as a problem at the line an editor is to fix, with a hint."""
    opening = OPENINGS.get(error.context or "")
    if opening and error.context_mark is not None:
        found = error.problem_mark
        where = f" (the parser stopped at line {found.line + 1}: {error.problem})" if found else ""
        return Problem(
            path, error.context_mark.line + 1, error.context_mark.column + 1, f"YAML syntax error: {opening[0]}{where}", opening[1]
        )
    # An open quote closed by accident further down shows as a structure error there.
    runaway = _runaway_quote(text, error.problem_mark) if "expected" in (error.problem or "") else None
    if runaway is not None:
        start, end = runaway
        return Problem(
            path,
            start.line + 1,
            start.column + 1,
            f"YAML syntax error: this quoted text runs on to line {end.line + 1}, where the file stops making sense ({error.problem})",
            "close the quote on this line; a quote inside the text is written twice ('') or the value left unquoted",
        )
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "invalid YAML").replace(
        "found character that cannot start any token", "found a character that cannot start a value"
    )
    message = f"YAML syntax error: {problem}"
    if error.context:
        message += f" ({error.context})"
    hint = "check indentation, quotes and colons on this line and the one before"
    lines = text.splitlines()
    dedented = _dedented_line(lines, mark.line) if mark and "mapping values are not allowed" in problem else None
    if mark and dedented is not None:
        return Problem(
            path,
            dedented + 1,
            _key_column(lines[dedented]) + 1,
            f"YAML syntax error: this line is indented less than the line above it (the parser stopped at line {mark.line + 1})",
            "indent it like the keys beside it; each key of an item starts in the same column",
        )
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line_text or "\t" in (error.problem or ""):
        hint = "YAML indentation must use spaces, not tabs"
    elif "nesting depth" in (error.problem or ""):
        hint = "no data file nests this deep; check the brackets and the indentation"
    elif "end of stream" in (error.problem or ""):
        hint = "the file ends too early: a quote, bracket or block is not closed"
    elif error.context and "document" in error.context:
        hint = "a data file holds one YAML document; remove the extra `---`"
    return Problem(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, message, hint)


def _key_column(line: str) -> int:
    """Where a line's key starts: its indentation, with any list dashes (`  - id:` → 4)."""
    stripped = line.lstrip(" ")
    column = len(line) - len(stripped)
    while stripped.startswith("- "):
        rest = stripped[2:].lstrip(" ")
        column += len(stripped) - len(rest)
        stripped = rest
    return column


def _dedented_line(lines: list[str], line: int) -> int | None:
    """The line above `line` when it, not `line`, is the mis-indented one, else None.

    A key moved left of its neighbours can still be valid YAML for a moment: a key of an
    outer mapping whose plain value the parser then continues onto the next line, where it
    gives up. That next line is where it stops, not where the mistake is."""
    content = [n for n in range(line) if lines[n].strip() and not lines[n].lstrip().startswith("#")]
    if len(content) < 2 or line >= len(lines):
        return None
    before, previous = content[-2], content[-1]
    here, above, sibling = _key_column(lines[line]), _key_column(lines[previous]), _key_column(lines[before])
    return previous if above < sibling and here > above else None


def _runaway_quote(text: str, mark: object) -> tuple[yaml.Mark, yaml.Mark] | None:
    """The last quoted text spanning several lines before an error: most likely a quote left open
    and closed by accident by the next quote further down, where the error appears."""
    line = getattr(mark, "line", None)
    if line is None:
        return None
    found = None
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for token in yaml.scan("\n".join(text.splitlines()[: line + 1]), Loader=loader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and token.end_mark.line > token.start_mark.line:
                found = (token.start_mark, token.end_mark)
    except yaml.YAMLError:
        pass  # the same error, met again: the tokens before it are what counts
    return found


def reader_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    """A character YAML forbids (a control character), at its line and column."""
    position = getattr(error, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    reason = getattr(error, "reason", "unreadable character")
    return Problem(path, line, column, f"YAML cannot hold this character: {reason}", "remove the control character")
