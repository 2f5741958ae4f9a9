"""The things compared: a subject's record, its releases and editions, with the rules a record keeps.

Only `id`, `name` and `summary` are required; a record that states more
(a licence, a release, a link, an edition) needs its sources and a date.
"""

from __future__ import annotations

from pydantic import Field

from versus.data.base import BrokenRule, Located, Model, References, Source
from versus.data.fields import Aliases, Day, Flag, HttpsUrl, Slug, Text


class Release(Model):
    """A published version: its number, day and release notes."""

    version: Text = Field(description="The version as its maker writes it, e.g. `8.4.3`.")
    date: Day = Field(description="The day it was released, YYYY-MM-DD.")
    url: HttpsUrl | None = Field(default=None, description="The release notes or announcement.")


class Edition(Model):
    """One edition of a product and what it costs."""

    name: Text = Field(description="e.g. `Community` or `Enterprise`.")
    price: Text = Field(description="As the vendor states it, e.g. `Free` or `From $5,000 a year per server`.")
    url: HttpsUrl | None = Field(default=None, description="The vendor's page for this edition or its pricing.")


class Subject(Located):
    """One of the things being compared."""

    id: Slug
    name: Text = Field(description="The subject's name as readers know it, e.g. `SQLite`.")
    summary: Text = Field(description="What it is, in one sentence.")
    licence: Text | None = Field(default=None, description="Its licence, e.g. an SPDX identifier such as `Apache-2.0`, or `Proprietary`.")
    licence_url: HttpsUrl | None = Field(default=None, description="The licence's text.")
    governance: Text | None = Field(default=None, description="Who decides its course, e.g. `An independent foundation`.")
    homepage: HttpsUrl | None = Field(default=None, description="The subject's own website.")
    repository: HttpsUrl | None = Field(default=None, description="Where its source is kept, for software.")
    documentation: HttpsUrl | None = Field(default=None, description="Its official documentation or manual.")
    first_release: Release | None = Field(default=None, description="The first public release: `version`, `date`, optional `url`.")
    latest_release: Release | None = Field(default=None, description="The newest release: `version`, `date`, optional `url`.")
    editions: list[Edition] = Field(default_factory=list, description="For a product sold in editions: each edition and its price.")
    sources: list[Source] = Field(default_factory=list, description="Where the record's facts come from; needed once it states any.")
    as_of: Day | None = Field(default=None, description="The day the record was last checked; needed once it states any fact.")
    aliases: Aliases
    draft: Flag = Field(default=False, description="True keeps the subject off the published site.")

    def states_facts(self) -> bool:
        """True when the record says more than what the subject is: a licence, a release, a link, an edition."""
        optional = ("licence", "licence_url", "governance", "homepage", "repository", "documentation", "first_release", "latest_release")
        return any(getattr(self, name) is not None for name in optional) or bool(self.editions)

    def broken_rules(self) -> list[BrokenRule]:
        broken = []
        if self.states_facts() and not self.sources:
            broken.append(BrokenRule("sources", "a subject record that states facts needs `sources`", "add the pages its facts come from"))
        if self.states_facts() and self.as_of is None:
            broken.append(BrokenRule("as_of", "a subject record that states facts needs `as_of`", "add the day it was checked, YYYY-MM-DD"))
        for key in ("first_release", "latest_release"):
            release: Release | None = getattr(self, key)
            if release and self.as_of and release.date > self.as_of:
                broken.append(
                    BrokenRule(
                        key,
                        f"the release of {release.date} is after the record's `as_of` {self.as_of}",
                        "a record shows releases made by the day it was checked: check the release's date, or update `as_of`",
                    )
                )
        if self.first_release and self.latest_release and self.first_release.date > self.latest_release.date:
            broken.append(
                BrokenRule(
                    "first_release", "the first release is dated after the latest", "check both dates: the first release comes first"
                )
            )
        return broken

    def references(self) -> References:
        return References.numbering([("", self.sources, self.as_of)]) if self.as_of else References(())
