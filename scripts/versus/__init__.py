"""versus: a generator of comparison websites from YAML facts, with MkDocs and Material for MkDocs.

Stages: data (load, validate, the typed model), pages (render Markdown, exports,
feeds, pictures), site (build, serve, engines), checks (development tools); the
command line and the site tools (new, doctor, upgrade) sit on top.
"""

__version__ = "0.3.0"
# The data format this version reads (2: number criteria say their unit). A change that makes existing
# data invalid raises it by one and adds a migration (versus/upgrade.py) that `versus upgrade` applies to a site's data.
DATA_FORMAT = 2
