<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed of the site as a readable page when a browser opens it (scripts/pages/feed.py links
     every feed to this file, served beside them): the feed's title, how to follow it, and each change.
     Feed readers ignore it. Everything it needs is here, so the page loads nothing from another host. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <style>
          :root { color-scheme: light dark; --text: #1f2328; --muted: #57606a; --link: #3949ab; --line: #d0d7de; --back: #fff; }
          @media (prefers-color-scheme: dark) { :root { --text: #e6edf3; --muted: #a5b0bb; --link: #9ab8f4; --line: #3d444d; --back: #1e2129; } }
          body { margin: 0 auto; max-width: 44rem; padding: 1.5rem 1rem; font: 1rem/1.6 system-ui, sans-serif; color: var(--text); background: var(--back); }
          a { color: var(--link); }
          .about { padding: .6rem .8rem; border-left: .25rem solid var(--link); color: var(--muted); }
          ol { list-style: none; padding: 0; }
          li { padding: .8rem 0; border-top: 1px solid var(--line); }
          h2 { font-size: 1.05rem; margin: 0 0 .3rem; }
          time, .section { color: var(--muted); font-size: .9rem; }
        </style>
      </head>
      <body>
        <h1><xsl:value-of select="atom:title"/></h1>
        <p><xsl:value-of select="atom:subtitle"/></p>
        <p class="about">This is a news feed: paste its address into a feed reader to hear of each change.
          <a href="{atom:link[@rel='alternate']/@href}">Back to the page it follows</a>.</p>
        <ol>
          <xsl:for-each select="atom:entry">
            <li>
              <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
              <time datetime="{atom:updated}"><xsl:value-of select="substring(atom:updated, 1, 10)"/></time>
              <span class="section"> · <xsl:value-of select="atom:category/@term"/></span>
            </li>
          </xsl:for-each>
        </ol>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
