"""MkDocs' warnings about links point at the content or data file and line an editor opens."""

from __future__ import annotations

from versus.site.mkdocs_warnings import source_of


def test_a_link_warning_is_put_at_the_line_that_holds_the_link(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "verdict.md").write_text("# Verdict\n\nSee [the table](comparisn.md).\n", encoding="utf-8")
    message = "Doc file 'verdict.md' contains a link 'comparisn.md', but the target is not found among documentation files."
    assert (
        source_of(
            message, {"verdict.md": ("content/verdict.md", "data/")}, {"content": [tmp_path / "content"], "data": [tmp_path / "data"]}
        )
        == "content/verdict.md:3"
    )


def test_a_generated_page_searches_its_data_files_then_names_its_template(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "features.yml").write_text("features:\n  - id: a\n    note: see /absolute/path\n", encoding="utf-8")
    sources = {"features/a.md": ("templates/pages/feature.md.j2", "data/features.yml")}
    folders = {"data": [data], "templates": [tmp_path / "templates"]}
    found = "Doc file 'features/a.md' contains an absolute link '/absolute/path', it was left as is."
    assert source_of(found, sources, folders) == "data/features.yml:3"
    computed = "Doc file 'features/a.md' contains an unrecognized relative link 'elsewhere/', it was left as is."
    assert source_of(computed, sources, folders) == "templates/pages/feature.md.j2"


def test_other_warnings_are_left_alone():
    assert source_of("Config value 'nav': something else", {"a.md": ("content/a.md",)}, {}) is None
