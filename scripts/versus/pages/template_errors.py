"""Report a mistake in a page or template as `path:line: message`, never a traceback."""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Iterator
from pathlib import Path

import jinja2

from versus.data.problems import shown_path
from versus.paths import OutsideTheSite


class TemplateProblem(Exception):
    """A template or content page could not be rendered."""


@contextlib.contextmanager
def template_problem(root: Path | None = None) -> Iterator[None]:
    """Turn Jinja's errors into one clickable line naming the template and line; a link out of the site into one line too."""
    try:
        yield
    except OutsideTheSite as error:
        raise TemplateProblem(str(error)) from None
    except jinja2.TemplateSyntaxError as error:
        shown = shown_path(error.filename, root) if error.filename else "template"
        raise TemplateProblem(f"{shown}:{error.lineno}: template syntax error: {error.message}") from None
    except jinja2.TemplateError as error:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".md", ".j2"))]
        where = f"{shown_path(frames[-1].filename, root)}:{frames[-1].lineno}" if frames else "template"
        raise TemplateProblem(f"{where}: template error: {error.message or error}") from None
