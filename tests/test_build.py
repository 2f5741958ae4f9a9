"""The whole build: real data passes --strict, every id is on the page, failures lose nothing."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, edit, override, project_comparison, project_copy, run_cli
from tests.paths import PACKAGE_DIR
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.site.build import BuildFailed, build


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_feature_use_case_and_verdict_point_has_an_anchor(built_site):
    comparison = load_comparison(ROOT / "data")
    table = html_of(built_site, "comparison")
    for feature in comparison.features:
        assert f'<tr id="{feature.id}" ' in table
        assert (built_site / "features" / feature.id / "index.html").is_file()
    for use_case in comparison.use_cases:
        assert f'id="{use_case.id}"' in html_of(built_site, f"choose/{use_case.subject}")
    verdict = html_of(built_site, "verdict")
    for point in comparison.verdict.points:
        assert f'id="{point.id}"' in verdict
    pricing = html_of(built_site, "pricing")
    for note in comparison.pricing.considerations:
        assert f'id="{note.id}"' in pricing
    performance = html_of(built_site, "performance")
    for note in comparison.performance.points:
        assert f'id="{note.id}"' in performance


def test_every_subject_has_a_decision_page_linking_to_feature_rows(built_site):
    comparison = load_comparison(ROOT / "data")
    for subject in comparison.subjects:
        html = html_of(built_site, f"choose/{subject.id}")
        for use_case in (u for u in comparison.use_cases if u.subject == subject.id):
            for feature_id in use_case.features:
                assert f'href="../../comparison/#{feature_id}"' in html


def test_the_site_makes_no_request_to_another_host(built_site):
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img|iframe)[^>]*(?:src|href)="(https?:)?//[^"]*"', html)
        assert loaded == [], f"{html_file} loads {loaded}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_search_is_built_with_every_criterion(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for feature in project_comparison().features:
        assert f'"location":"features/{feature.id}/"' in index.replace(": ", ":"), feature.id


def test_search_leaves_out_what_no_reader_searches_for(built_site):
    """A fact's source numbers and its place in the data file are on its page, not in the search index,
    where they would only add weight and let a search for a line number land on every fact."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    facts = [doc for doc in index["docs"] if doc["location"].startswith("features/") and "#" in doc["location"]]
    assert facts
    for doc in facts:
        assert "Sources: [" not in doc["text"] and "Source data:" not in doc["text"] and "Edit this fact" not in doc["text"], doc


def test_failed_build_keeps_the_previous_site_byte_for_byte(small_data, tmp_path):
    site = tmp_path / "site"
    build(data_dir=small_data, site_dir=site)
    before = tree_digest(site)
    edit(small_data / "features.yml", "rating: fair", "rating: great")
    with pytest.raises(DataProblems):
        build(data_dir=small_data, site_dir=site)
    assert tree_digest(site) == before


def test_mkdocs_warning_fails_the_build_and_keeps_the_site(small_data, tmp_path, monkeypatch):
    site = tmp_path / "site"
    build(data_dir=small_data, site_dir=site)
    before = tree_digest(site)
    root = project_copy(tmp_path / "project")
    (root / "content" / "broken.md").write_text("# Broken\n\nSome text.\n\n[nowhere](missing-page.md)\n")
    with pytest.raises(BuildFailed) as failure:
        build(root=root, data_dir=small_data, site_dir=site)
    # Put at the content file and line an editor opens, not at the staged copy MkDocs saw.
    assert re.search(r"^content/broken\.md:5: mkdocs: .*'missing-page\.md'", str(failure.value), re.MULTILINE), str(failure.value)
    assert tree_digest(site) == before


def test_script_and_template_syntax_in_data_show_as_text(small_data, tmp_path):
    payload = "<script>alert(1)</script> {{ 7*7 }}"
    edit(small_data / "features.yml", "label: Beta Lite", f'label: "{payload}"')
    edit(small_data / "features.yml", "explanation: Graph mode hides the Python frames.", f'explanation: "Graph mode {payload}"')
    edit(small_data / "use_cases.yml", "title: Mobile apps", f'title: "Mobile {payload}"')
    site = tmp_path / "site"
    build(data_dir=small_data, site_dir=site)
    for url in ("comparison", "features/mobile-deployment", "features/debugging", "choose/beta"):
        html = html_of(site, url)
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "{{ 7*7 }}" in html and ">49<" not in html
        # Escaped once, not twice; the embed box's fields show HTML source, whose alt holds the data escaped.
        assert "&amp;lt;" not in re.sub(r"<textarea.*?</textarea>", "", html, flags=re.DOTALL)


def test_generated_markdown_never_lands_in_content(tmp_path, small_data):
    before = tree_digest(ROOT / "content")
    build(data_dir=small_data, site_dir=tmp_path / "site")
    assert tree_digest(ROOT / "content") == before


def test_mkdocs_config_has_no_build_logic_and_keeps_search():
    config = (PACKAGE_DIR / "defaults" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "macros" not in config
    assert re.search(r"^plugins:\n(?:  #.*\n)*  - search\b", config, re.MULTILINE)
    assert "font: false" in config


def test_cli_build_reports_data_problems_without_traceback(small_data):
    edit(small_data / "features.yml", "rating: fair", "rating: great")
    result = run_cli("build", "--data", small_data)
    assert result.code == 1
    assert re.search(
        r"features\.yml:41:17: `great` is not a level of the scale `quality` \(hint: use one of: excellent, good", result.stderr
    )
    assert "Traceback" not in result.output
    assert "nothing was built" in result.stderr


def test_cli_check_on_real_data_passes():
    result = run_cli("check")
    assert result.code == 0, result.output
    assert result.stdout.startswith("data is valid:")


def test_template_error_names_the_page_and_line(small_data, tmp_path):
    root = project_copy(tmp_path / "project")
    (root / "content" / "oops.md").write_text("# Oops\n\n{{ comparison.no_such_field }}\n")
    from versus.pages.template_errors import TemplateProblem, template_problem

    with pytest.raises(TemplateProblem) as problem, template_problem(root):
        build(root=root, data_dir=small_data, site_dir=tmp_path / "site")
    assert str(problem.value).startswith("content/oops.md:3: template error:")
    assert "no_such_field" in str(problem.value)


def test_a_template_edited_after_a_build_is_used_by_the_next(small_data, tmp_path):
    """Compiled templates are kept between builds; an edit must never be hidden by them."""
    root = project_copy(tmp_path / "project")
    build(root=root, data_dir=small_data, site_dir=tmp_path / "site")
    assert any((root / ".build" / "compiled-templates").iterdir())
    edit(override(root, "templates/pages/feature.md.j2"), "## References", "## Works cited")
    build(root=root, data_dir=small_data, site_dir=tmp_path / "site")
    page = next((tmp_path / "site" / "features").glob("*/index.html")).read_text(encoding="utf-8")
    assert "Works cited" in page and ">References<" not in page


def test_the_theme_compiled_once_is_reused_and_a_changed_template_is_compiled_again(tmp_path, small_data):
    """The engine's templates are kept compiled in .build/compiled-theme, one file per template name,
    so a second build adds none; a site's own theme template that changed shows at once."""
    root = project_copy(tmp_path / "project")
    build(root=root, data_dir=small_data, site_dir=tmp_path / "first")
    compiled = root / ".build" / "compiled-theme"
    kept = sorted(path.name for path in compiled.iterdir())
    assert kept, "the first build keeps the theme's compiled templates"
    build(root=root, data_dir=small_data, site_dir=tmp_path / "second")
    assert sorted(path.name for path in compiled.iterdir()) == kept
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")
    main = override(root, "templates/overrides/main.html")
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("{% block extrahead %}", "{% block extrahead %}<!-- a changed theme template -->", 1), encoding="utf-8")
    build(root=root, data_dir=small_data, site_dir=tmp_path / "third")
    assert "<!-- a changed theme template -->" in (tmp_path / "third" / "index.html").read_text(encoding="utf-8")


def test_the_theme_lists_the_same_static_files_without_walking_its_hidden_folders(tmp_path):
    """The engine publishes the theme's static files from a listing of its folders; skipping the hidden
    folders there (Material's 14,000 icons) must publish exactly the files it published before."""
    import yaml
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from versus.site.engines import quicker_theme

    overrides = tmp_path / "overrides"
    for name in ("extra/shown.css", ".hidden/inside.css", "extra/.hidden/inside.js", ".dotfile", "top.js"):
        (overrides / name).parent.mkdir(parents=True, exist_ok=True)
        (overrides / name).write_text("/* a theme file */\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump({"site_name": "T", "theme": {"name": "material", "custom_dir": "overrides"}}), encoding="utf-8")

    def published(quicker: bool) -> list[str]:
        config = load_config(config_file=str(config_file))
        if quicker:
            quicker_theme(config.theme)
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return sorted(file.src_uri for file in files)

    plain = published(quicker=False)
    assert {"extra/shown.css", "top.js"} <= set(plain)
    assert len(plain) > 10  # Material's own scripts, styles and fonts
    assert published(quicker=True) == plain
