// The decision helper's rule in JavaScript, held to the Python that computes the static profile pages.
// tests/test_decide_js.py writes the cases (each comparison's helper data, weightings and Python's
// answers) to the JSON file named by DECIDE_CASES and runs `node --test` on this file.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const rule = require(path.join(__dirname, "..", "scripts", "versus", "defaults", "content", "assets", "javascripts", "decide.js"));
const casesFile = process.env.DECIDE_CASES;

// A decision as both sides state it: ids, integers and the score's text, never words.
function stated(decision) {
  const ids = (subjects) => subjects.map((subject) => subject.id);
  return {
    leader: decision.leader ? decision.leader.id : null,
    tied: ids(decision.tied),
    standings: decision.rows.map((row) => [row.subject.id, row.points, row.total, rule.scoreText(row)]),
    strengths: decision.strengths.map((reason) => reason.feature.id),
    tradeOffs: decision.tradeOffs.map((reason) => reason.feature.id),
    changes: decision.changes.map((change) => [
      change.feature.id,
      change.direction,
      change.level.id,
      change.newLeader ? change.newLeader.id : null,
      ids(change.tied),
    ]),
  };
}

test("the browser's rule gives Python's answer for every weighting", { skip: !casesFile && "run by tests/test_decide_js.py" }, () => {
  const comparisons = JSON.parse(fs.readFileSync(casesFile, "utf8"));
  let checked = 0;
  for (const { name, data, cases } of comparisons) {
    for (const { chosen, expected } of cases) {
      assert.deepEqual(stated(rule.decide(data, chosen)), expected, `${name}: ${JSON.stringify(chosen)}`);
      checked += 1;
    }
  }
  assert.ok(checked >= 100, `only ${checked} weightings`);
});
