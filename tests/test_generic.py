"""The generator knows nothing of the subjects it compares: they come from data alone."""

from __future__ import annotations

import re

from tests.paths import DATA_DIR, PACKAGE_DIR, ROOT
from versus.data.validate import load_comparison

CODE_FOLDERS = (PACKAGE_DIR, ROOT / "templates", ROOT / "content")  # the generator, and what the example overrides


def subject_words() -> re.Pattern[str]:
    """The ids and names of the subjects in the data, as whole words."""
    comparison = load_comparison(DATA_DIR)
    words = {word for subject in comparison.subjects for word in (subject.id, subject.name)}
    return re.compile("|".join(rf"\b{re.escape(word)}\b" for word in sorted(words)), re.IGNORECASE)


def test_no_code_template_or_page_names_a_subject():
    names = subject_words()
    offenders = []
    for folder in CODE_FOLDERS:
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".py", ".j2", ".md", ".html", ".css", ".js"):
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if names.search(line):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for name in ("mkdocs.yml", "Makefile"):
        if names.search((ROOT / name).read_text(encoding="utf-8")):
            offenders.append(name)
    assert offenders == []
