"""The link checker reads each engine's search index and follows links as served from a sub-folder, where a `../` too many fails."""

from __future__ import annotations

import json

from versus.checks.linkcheck import check_served, check_site


def small_site(tmp_path, search_index: str, documents_key: str):
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text('<a href="guide/">guide</a>', encoding="utf-8")
    # One `../` too many: a browser stops at the host's root, so it works there and nowhere else.
    (site / "guide" / "index.html").write_text('<h2 id="install">Install</h2><a href="../../guide/#install">again</a>', encoding="utf-8")
    index = site / search_index
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(json.dumps({documents_key: [{"location": "guide/#install"}, {"location": "guide/#missing"}]}), encoding="utf-8")
    return site


def test_zensicals_search_index_is_checked_like_mkdocs_one(tmp_path):
    for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        site = small_site(tmp_path / key, name, key)
        broken = {(link.page, link.target) for link in check_site(site)}
        assert (name, "guide/#missing") in broken


def test_a_link_that_climbs_too_far_fails_only_from_a_sub_folder(tmp_path):
    site = small_site(tmp_path, "search.json", "items")
    assert check_served(site, "") == []
    broken = check_served(site, "compare")
    assert [(link.page, link.target) for link in broken] == [("guide/", "../../guide/#install")]
    assert "sub-folder" in broken[0].reason
