"""Pages are staged at the folder of their URL, so every engine reads their links alike; the URLs stay as they were."""

from __future__ import annotations

from versus.pages.staging import moved_links, staging_moves
from versus.pages.urls import page_url, staged_file
from versus.site.mkdocs_warnings import reworded, source_of

MOVES = staging_moves(["index.md", "comparison.md", "changes.md", "features/debugging.md", "data/comparison.json", "changes.xml"])


def test_each_page_is_staged_where_its_url_puts_it():
    assert staged_file("index.md") == "index.md"
    assert staged_file("comparison.md") == "comparison/index.md"
    assert staged_file("features/debugging.md") == "features/debugging/index.md"
    assert staged_file("choose/index.md") == "choose/index.md"
    assert staged_file("changes.xml") == "changes.xml"
    for file in ("index.md", "comparison.md", "features/debugging.md"):
        assert page_url(staged_file(file)) == page_url(file), "the public URL must not change"


def test_markdown_links_follow_the_moved_files():
    text, written = moved_links(
        "See [the table](comparison.md#debugging), [data](data/comparison.json), ![logo](assets/logo.png),\n"
        "[elsewhere](https://example.org/x.md), [here](#top) and [ref].\n\n[ref]: changes.md\n",
        "methodology.md",
        MOVES | {"methodology.md": "methodology/index.md"},
    )
    assert text == (
        "See [the table](../comparison/index.md#debugging), [data](../data/comparison.json), ![logo](../assets/logo.png),\n"
        "[elsewhere](https://example.org/x.md), [here](#top) and [ref].\n\n[ref]: ../changes/index.md\n"
    )
    assert written == {
        "../comparison/index.md#debugging": "comparison.md#debugging",
        "../data/comparison.json": "data/comparison.json",
        "../assets/logo.png": "assets/logo.png",
        "../changes/index.md": "changes.md",
    }


def test_the_home_page_links_to_moved_pages_and_code_blocks_are_left_alone():
    text, _ = moved_links("[Compare](comparison.md)\n\n```md\n[Compare](comparison.md)\n```\n", "index.md", MOVES)
    assert text == "[Compare](comparison/index.md)\n\n```md\n[Compare](comparison.md)\n```\n"


def test_a_warning_about_a_rewritten_link_shows_it_as_written(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "notes.md").write_text("# Notes\n\nSee [the plan](no-such-page.md).\n", encoding="utf-8")
    written = {"notes/index.md": {"../no-such-page.md": "no-such-page.md"}}
    message = "Doc file 'notes/index.md' contains a link '../no-such-page.md', but the target is not found among documentation files."
    where = source_of(message, {"notes/index.md": ("content/notes.md",)}, {"content": [tmp_path / "content"]}, written)
    assert where == "content/notes.md:3"
    assert "'no-such-page.md'" in reworded(message, written)
