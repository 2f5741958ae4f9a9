"""The generator knows nothing of the subjects it compares: they come from data alone."""

from __future__ import annotations

import re

from tests.conftest import ROOT

CODE_FOLDERS = ("scripts", "templates", "content")


def test_no_code_template_or_page_names_a_subject():
    subject_names = re.compile(r"pytorch|tensorflow|torch|keras|litert|executorch", re.IGNORECASE)
    offenders = []
    for folder in CODE_FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".j2", ".md", ".html", ".css", ".js"):
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if subject_names.search(line):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for name in ("mkdocs.yml", "Makefile"):
        if subject_names.search((ROOT / name).read_text(encoding="utf-8")):
            offenders.append(name)
    assert offenders == []
