"""A review as Markdown a reviewer pastes into a pull request or a chat: the one-line summary first, then each change.

GitHub-flavoured Markdown: lists for what changed, tables for the scores and
recommendations. Data text is escaped, so a name or label never becomes
markup, a link or a broken table; sources are links in angle brackets, since
the data's addresses hold no spaces or angle brackets.
"""

from __future__ import annotations

import re

from versus.pages.review_records import (
    KIND_WORDS,
    CategoryChange,
    CellChange,
    ItemChange,
    Recommendation,
    Review,
    SourceLink,
    names,
)

# Characters Markdown (or GitHub's autolinking and tables) reads as markup.
MARKUP = re.compile(r"([\\`*_\[\]<>|~])")


def text(value: str) -> str:
    """Data text as Markdown that shows it as written, on one line."""
    return MARKUP.sub(r"\\\1", " ".join(value.split()))


def page_link(page: str) -> str:
    """An absolute address as a link; a path relative to the site (no site_url) as code, since a pull request cannot resolve it."""
    return f"<{page}>" if page.startswith(("https://", "http://")) else f"`{page}`"


def review_markdown(found: Review) -> str:
    """The whole review: summary, cells, items, settings, effects, and the What changed page's new entries."""
    lines = [_first_letter_up(found.summary), ""]
    if found.base_problem:
        # The problem is worded as `check` words it, with code spans: only what could become HTML is escaped.
        problem = " ".join(found.base_problem.replace("<", "&lt;").replace(">", "&gt;").split())
        lines += [f"The data at `{found.base}` cannot be compared cell by cell: {problem}", ""]
    lines += _cells(found.cells)
    lines += _items(found.items)
    if found.settings:
        lines += ["#### Scales and weights", ""]
        lines += [f"- {s.what}: {text(s.was) or '(none)'} → {text(s.now) or '(removed)'}" for s in found.settings]
        lines.append("")
    lines += _effects(found)
    if found.new_entries:
        lines += ["#### New on the What changed page and in the feeds", ""]
        for entry in found.new_entries:
            reason = f" {text(entry.reason)}" if entry.reason else ""
            lines.append(f"- {entry.changed_on}, {entry.section}: **{text(entry.fact)}**: {text(entry.description)}.{reason}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _first_letter_up(line: str) -> str:
    return line[:1].upper() + line[1:]


def _sources(links: tuple[SourceLink, ...]) -> str:
    return ", ".join(f"[{text(link.title)}](<{link.url}>) ({text(link.publisher)})" for link in links)


def _cells(cells: tuple[CellChange, ...]) -> list[str]:
    if not cells:
        return []
    lines = ["#### Changed cells", ""]
    for cell in cells:
        headline = text(cell.description) if cell.value_changed else "value unchanged"
        lines.append(f"- **{text(cell.feature_name)} · {text(cell.subject_name)}**: {headline}")
        if cell.value_changed and (cell.was.level or cell.now.level) and cell.was.level_text() != cell.now.level_text():
            lines.append(f"  - level: {text(cell.was.level_text()) or '(none)'} → {text(cell.now.level_text()) or '(none)'}")
        if cell.sources_added:
            lines.append(f"  - sources added: {_sources(cell.sources_added)}")
        if cell.sources_removed:
            lines.append(f"  - sources removed: {_sources(cell.sources_removed)}")
        if cell.sources_retitled:
            lines.append(f"  - sources retitled: {_sources(cell.sources_retitled)}")
        if cell.was_as_of != cell.now_as_of:
            lines.append(f"  - as of {cell.was_as_of} → {cell.now_as_of}")
        else:
            lines.append(f"  - as of {cell.now_as_of} (unchanged)")
        if cell.other_fields:
            lines.append(f"  - also changed: {', '.join(cell.other_fields)}")
        if cell.value_changed and not cell.in_history:
            lines.append("  - no past value added under `history:`, so the What changed page will not list this change")
        lines.append(f"  - page: {page_link(cell.page)}")
    return [*lines, ""]


def _item(item: ItemChange) -> str:
    kind = KIND_WORDS.get(item.kind, (item.kind, ""))[0]
    name = f" ({text(item.name)})" if item.name else ""
    if item.action == "renamed":
        return f"- {kind} `{item.old_id}` renamed to `{item.id}`{name}: the alias `{item.old_id}` keeps its old links working"
    if item.action == "removed":
        return f"- ⚠️ {kind} `{item.id}`{name} removed with no alias: links to it break (hint: {item.warning})"
    if item.action == "alias removed":
        return f"- ⚠️ {kind} `{item.id}`{name} lost its alias `{item.old_id}`: links to `{item.old_id}` break (hint: {item.warning})"
    if item.action == "edited":
        return f"- {kind} `{item.id}`{name} edited: {', '.join(item.fields)}"
    return f"- {kind} `{item.id}`{name} added"


def _items(items: tuple[ItemChange, ...]) -> list[str]:
    if not items:
        return []
    order = ("removed", "alias removed", "renamed", "added", "edited")  # what breaks links first
    ranked = sorted(items, key=lambda item: order.index(item.action))
    return ["#### Added, removed, renamed and edited", "", *(_item(item) for item in ranked), ""]


def _score(was: int | None, now: int | None) -> str:
    shown = ["–" if value is None else str(value) for value in (was, now)]
    return shown[1] if was == now else f"{shown[0]} → {shown[1]}"


def _leaders(leaders: tuple[str, ...]) -> str:
    return text(names(leaders)) if leaders else "no one"


def _categories(categories: tuple[CategoryChange, ...]) -> list[str]:
    subjects: dict[str, str] = {}
    for category in categories:
        subjects.update({score.subject: score.subject_name for score in category.scores})
    header = ["Category", *(text(name) for name in subjects.values()), "Leads"]
    lines = ["Category scores, out of 100:", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for category in categories:
        by_subject = {score.subject: score for score in category.scores}
        cells = [_score(by_subject[sid].was, by_subject[sid].now) if sid in by_subject else "" for sid in subjects]
        leads = _leaders(category.now_leaders)
        if category.leaders_changed:
            leads = f"{_leaders(category.was_leaders)} → **{leads}**"
        lines.append("| " + " | ".join([text(category.category_name), *cells, leads]) + " |")
    return [*lines, ""]


def _recommendation(answer: str, score: str) -> str:
    return text(answer) + (f" ({score})" if score else "")


def _recommendations(recommendations: tuple[Recommendation, ...]) -> list[str]:
    lines = ["Recommendations (the leader's score of 100):", "", "| Profile | Before | After |", "|---|---|---|"]
    for r in recommendations:
        after = _recommendation(r.now, r.now_score)
        lines.append(f"| {text(r.title)} | {_recommendation(r.was, r.was_score)} | {f'**{after}**' if r.changed else after} |")
    return [*lines, ""]


def _effects(found: Review) -> list[str]:
    moved = any((r.was, r.was_score) != (r.now, r.now_score) for r in found.recommendations)
    if not (found.row_leaders or found.verdict_checks or found.categories or moved):
        return []
    lines = ["#### Effects on the conclusions", ""]
    if found.row_leaders:
        lines += ["Best in row:", ""]
        lines += [f"- {text(row.feature_name)}: {_leaders(row.was)} → {_leaders(row.now)}" for row in found.row_leaders]
        lines.append("")
    if found.verdict_checks:
        lines += ["Verdict points to re-read: their winner no longer leads a criterion they rest on:", ""]
        lines += [
            f"- {text(check.title)} (won by {text(check.winner)}), through the use case `{check.use_case}`: "
            f"{text(check.feature_name)}, now led by {_leaders(check.now)}"
            for check in found.verdict_checks
        ]
        lines.append("")
    if found.categories:
        lines += _categories(found.categories)
    # The table is shown whole once any answer or score moved; otherwise the summary's "no recommendation changed" says it.
    if moved:
        lines += _recommendations(found.recommendations)
    return lines
