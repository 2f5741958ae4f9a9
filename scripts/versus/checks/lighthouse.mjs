// Run Lighthouse on several URLs with one Chromium; print one JSON line per URL.
// Usage: node scripts/lighthouse.mjs [--quick] CATEGORIES URL... (CATEGORIES: comma-separated, e.g. accessibility,seo)
// --quick shortens the waits for a quiet page from 1 s to 0.25 s and skips the screenshot: enough for the
// accessibility, best-practice and SEO audits of a static page, not for timing it.
// Driven by scripts/lighthouse.py, which serves the site and reads these lines.
// One browser for every page saves a Chromium start per page; each audit
// still opens its own tab with fresh storage, as Lighthouse's CLI does.

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

// scripts/chromium.py's flags, passed on by scripts/lighthouse.py.
const CHROME_FLAGS = (process.env.CHROME_FLAGS || "--headless --no-sandbox").split(" ");
const quick = process.argv[2] === "--quick";
const [categories, ...urls] = process.argv.slice(quick ? 3 : 2);
const QUICK_SETTINGS = {
  pauseAfterFcpMs: 250,
  pauseAfterLoadMs: 250,
  networkQuietThresholdMs: 250,
  cpuQuietThresholdMs: 250,
  disableFullPageScreenshot: true,
  skipAboutBlank: true,
};
const config = { extends: "lighthouse:default", settings: quick ? QUICK_SETTINGS : {} };
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags: CHROME_FLAGS });
try {
  for (const url of urls) {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories.split(",") }, config);
    const report = result.lhr;
    const scores = {};
    const failing = {};
    for (const category of Object.values(report.categories)) {
      scores[category.id] = Math.round(category.score * 100);
      failing[category.id] = category.auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => report.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => `${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
    }
    const metrics = {};
    for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
      if (report.audits[id]) metrics[id] = report.audits[id].displayValue;
    }
    const problems = report.runWarnings.concat(report.runtimeError ? [report.runtimeError.message] : []);
    console.log(JSON.stringify({ url, scores, failing, metrics, problems }));
  }
} finally {
  await chrome.kill();
}
