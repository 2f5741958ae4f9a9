"""The bench's data: synthetic comparisons of any size, shaped like real data, and the plain Markdown site that is the engine's floor.

Both are seeded, so every run writes the same files and two runs' figures
are measured on the same data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

RATINGS = ["excellent", "good", "fair", "limited", "poor"]
WORDS = [
    "model",
    "graph",
    "tensor",
    "kernel",
    "runtime",
    "export",
    "compile",
    "serve",
    "deploy",
    "mobile",
    "browser",
    "server",
    "cluster",
    "memory",
    "latency",
    "throughput",
    "batch",
    "gradient",
    "optimizer",
    "dataset",
    "loader",
    "device",
    "accelerator",
    "quantize",
    "prune",
    "trace",
    "debug",
    "profile",
    "schedule",
    "checkpoint",
    "shard",
    "replica",
    "pipeline",
    "operator",
    "layer",
    "module",
    "eager",
    "lazy",
    "static",
    "dynamic",
    "portable",
    "stable",
    "mature",
    "modern",
    "legacy",
    "official",
    "community",
    "vendor",
    "release",
    "support",
    "guide",
]


def synthetic_data(target: Path, features: int, subjects: int, *, seed: int = 1) -> Path:
    """Write a valid data folder with this many features and subjects, use cases and a verdict.

    Text is varied (seeded, so every run writes the same files) and shaped like
    the real data: Markdown explanations, one or two sources per value, a
    history on some values, a use case per ten features per subject.
    """
    words = random.Random(seed)
    newest = date(2026, 6, 30)

    def sentence(count: int) -> str:
        chosen = [words.choice(WORDS) for _ in range(count)]
        return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."

    def day(back: int = 180) -> str:
        return (newest - timedelta(days=words.randrange(back))).isoformat()

    def source(path: str) -> dict:
        return {"url": f"https://docs.example.org/{path}", "title": sentence(4).rstrip("."), "publisher": "Example Publisher"}

    subject_ids = [f"subject-{n}" for n in range(1, subjects + 1)]
    feature_ids = [f"feature-{n:04d}" for n in range(1, features + 1)]
    target.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict] = {
        "site.yml": {
            "title": f"{subjects} subjects compared on {features} features",
            "description": sentence(20),
            "why_it_matters": sentence(30) + "\n\n" + sentence(30),
            "as_of": newest.isoformat(),
        },
        "subjects.yml": {
            "subjects": [
                {
                    "id": subject_id,
                    "name": f"Subject {n}",
                    "summary": sentence(12),
                    "licence": "Apache-2.0",
                    "licence_url": f"https://example.org/{subject_id}/licence",
                    "governance": f"The Subject {n} Foundation",
                    "homepage": f"https://example.org/{subject_id}",
                    "repository": f"https://example.org/{subject_id}/repo",
                    "documentation": f"https://example.org/{subject_id}/docs",
                    "first_release": {"version": "0.1", "date": "2016-01-01", "url": f"https://example.org/{subject_id}/0.1"},
                    "latest_release": {"version": "2.10", "date": "2025-12-01", "url": f"https://example.org/{subject_id}/2.10"},
                    "sources": [source(f"{subject_id}/about")],
                    "as_of": day(),
                }
                for n, subject_id in enumerate(subject_ids, 1)
            ]
        },
    }
    feature_rows = []
    for n, feature_id in enumerate(feature_ids):
        values = {}
        for subject_id in subject_ids:
            cell = {
                "label": sentence(3).rstrip("."),
                "rating": words.choice(RATINGS),
                "explanation": f"{sentence(25)} It is **{words.choice(WORDS)}** by default; see [the guide](https://docs.example.org/{feature_id}). {sentence(15)}",
                "sources": [source(f"{subject_id}/{feature_id}/{k}") for k in range(words.choice((1, 2)))]
                or [source(f"{subject_id}/{feature_id}")],
                "as_of": day(),
            }
            if n % 5 == 0:
                cell["history"] = [
                    {
                        "label": sentence(3).rstrip("."),
                        "rating": words.choice(RATINGS),
                        "as_of": "2024-01-01",
                        "changed_on": "2025-01-01",
                        "reason": sentence(12),
                        "change_sources": [source(f"{subject_id}/{feature_id}/release-notes")],
                    }
                ]
            values[subject_id] = cell
        feature_rows.append(
            {"id": feature_id, "name": f"Feature {n + 1}: {words.choice(WORDS)}", "question": sentence(10)[:-1] + "?", "values": values}
        )
    files["features.yml"] = {"features": feature_rows}
    # A use case cites as evidence only rows its subject leads (the check holds it to that); the others it cites are context.
    rank = {rating: place for place, rating in enumerate(RATINGS)}  # best first
    led: dict[str, list[str]] = {subject_id: [] for subject_id in subject_ids}
    if len(subject_ids) == 1:  # alone, a subject's every row is its own (the check asks no lead of it)
        led[subject_ids[0]] = list(feature_ids)
    for feature_id, row in zip(feature_ids, feature_rows, strict=True):
        ranks = {subject_id: rank[str(row["values"][subject_id]["rating"])] for subject_id in subject_ids}  # type: ignore[index]
        if len(set(ranks.values())) > 1:
            for subject_id, place in ranks.items():
                if place == min(ranks.values()):
                    led[subject_id].append(feature_id)
    use_cases = []
    for subject_id in subject_ids:
        for n in range(max(1, features // 10) if led[subject_id] else 0):
            backing = sorted({words.choice(feature_ids) for _ in range(3)})
            evidence = [f for f in backing if f in led[subject_id]] or [words.choice(led[subject_id])]
            use_cases.append(
                {
                    "id": f"{subject_id}-use-{n + 1}",
                    "subject": subject_id,
                    "title": sentence(5).rstrip("."),
                    "reason": sentence(30),
                    "features": evidence,
                    "context": [f for f in backing if f not in evidence],
                }
            )
    files["use_cases.yml"] = {"use_cases": use_cases}
    notes = [
        {"id": f"note-{n}", "title": sentence(3).rstrip("."), "text": sentence(40), "sources": [source(f"notes/{n}")], "as_of": day()}
        for n in range(1, 5)
    ]
    files["pricing.yml"] = {"summary": sentence(20), "considerations": notes}
    files["performance.yml"] = {"summary": sentence(20), "points": notes}
    files["verdict.yml"] = {
        "points": [
            {
                "id": f"verdict-{subject_id}",
                "title": f"Where {subject_id} wins",
                "winner": subject_id,
                "summary": sentence(12),
                "text": sentence(40),
                "use_cases": [u["id"] for u in use_cases if u["subject"] == subject_id][:5],
                "as_of": day(),
            }
            for subject_id in subject_ids
            if led[subject_id]
        ]
    }
    levels = [
        ("not-relevant", "Doesn't matter", 0),
        ("nice-to-have", "Nice to have", 1),
        ("important", "Important", 2),
        ("critical", "Critical", 4),
    ]
    files["decision.yml"] = {
        "importance": [{"id": level, "label": label, "weight": weight} for level, label, weight in levels],
        "default_importance": "nice-to-have",
        "profiles": [
            {
                "id": f"profile-{n}",
                "title": sentence(3).rstrip("."),
                "summary": sentence(10),
                "importance": {feature_id: words.choice(levels)[0] for feature_id in sorted({words.choice(feature_ids) for _ in range(5)})},
            }
            for n in range(1, 4)
        ],
    }
    for name, content in files.items():
        text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=1000)
        (target / name).write_text(f"# generated by versus/checks/bench_data.py for benchmarking; do not edit\n{text}", encoding="utf-8")
    return target


FLOOR_PAGE = """# Page {n}: {title}

{paragraph}

## Details

{paragraph}

- {item}
- {item}
- {item}

| Name | Value |
|---|---|
| {item} | {n} |
"""


def plain_site(target: Path, pages: int) -> Path:
    """A site of `pages` plain Markdown pages with MkDocs + Material and its search: the engine's floor for that many pages."""
    words = random.Random(pages)

    def sentence(count: int) -> str:
        return " ".join(words.choice(WORDS) for _ in range(count)).capitalize() + "."

    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for n in range(pages):
        text = FLOOR_PAGE.format(n=n, title=sentence(3), paragraph=" ".join(sentence(15) for _ in range(4)), item=sentence(4))
        (docs / ("index.md" if n == 0 else f"page-{n:04d}.md")).write_text(text, encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text("site_name: Floor\ntheme:\n  name: material\nplugins:\n  - search\n", encoding="utf-8")
    return config
