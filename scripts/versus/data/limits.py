"""Every size limit of the data, declared once: README's "Limits" section states the same figures.

Each bounds what a hostile or mistaken file can cost (time, memory, the size
of the site it builds) and sits far above what a real comparison needs: the
largest synthetic data set of the benchmark (1000 criteria × 10 subjects)
has an 8.4 MB features.yml, lists of 1000 items and texts of a few hundred
characters.
"""

from __future__ import annotations

# Ids become file names (features/<id>.md, a redirect folder per alias), URL segments and
# anchors: 64 characters fit every file system's name limit and any URL with room to spare.
MAX_ID_LENGTH = 64

# How deep lists and mappings may nest. The deepest value of the data model lies about
# ten levels down (features > values > subject > history > change_sources > url); a
# limit well short of Python's recursion limit turns a hostile file into one problem.
MAX_DEPTH = 32

# The bytes of one data file: read whole into memory, so a file of gigabytes is refused unread.
MAX_FILE_BYTES = 32 * 1024 * 1024

# Items of one list or keys of one mapping: 10 times the benchmark's largest list.
MAX_ENTRIES = 10_000

# Former ids of one item, and search words of one criterion: each alias writes a redirect page.
MAX_ALIASES = 50

# Characters of a plain text (a name, a label, a title, a summary): a table cell or a heading.
MAX_TEXT_LENGTH = 2_000

# Characters of a Markdown text (an explanation, a reason, the home page's argument): a few pages of prose.
MAX_MARKDOWN_LENGTH = 20_000

# Problems printed by one run: the first ones, then how many more; a million mistakes print in a moment.
MAX_PROBLEMS = 200
