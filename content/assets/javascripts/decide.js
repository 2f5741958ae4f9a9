// The decision helper in the browser. It applies the same rule as scripts/pages/decide.py
// (a test checks that both agree): a subject's score is the weighted mean of its points
// (0 worst to 100 best, computed at build time) over the criteria where it has points,
// weights coming from the importance the reader gives each criterion.
// State lives in the URL (?w=feature:importance,...) so a team can share a decision.
(function () {
  "use strict";

  var MOST_CHANGES = 3;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function level(data, id) {
    return data.importance.filter(function (l) { return l.id === id; })[0];
  }

  function standings(data, importance) {
    var rows = data.subjects.map(function (subject, order) {
      var points = 0, total = 0;
      data.features.forEach(function (f) {
        var cell = f.values[subject.id].points;
        if (cell !== null) { points += importance[f.id].weight * cell; total += importance[f.id].weight; }
      });
      return { subject: subject, points: points, total: total, order: order };
    });
    return rows.sort(function (a, b) { return compare(b, a) || a.order - b.order; });
  }

  // Scores are fractions points / total: compared by cross-multiplying, exactly, as Python's Fraction does.
  function compare(a, b) {
    return (a.total ? a.points : 0) * (b.total || 1) - (b.total ? b.points : 0) * (a.total || 1);
  }

  function leaderOf(rows) {
    if (!rows.length || rows[0].total === 0 || (rows.length > 1 && compare(rows[0], rows[1]) === 0)) return null;
    return rows[0].subject;
  }

  function scoreText(row) {
    if (!row.total) return "0.0";
    var tenths = Math.floor((row.points * 20 + row.total) / (2 * row.total));
    return Math.floor(tenths / 10) + "." + (tenths % 10);
  }

  function changes(data, importance, leader) {
    if (!leader) return [];
    var levels = data.importance;
    var candidates = [];
    data.features.forEach(function (feature, order) {
      var current = levels.indexOf(importance[feature.id]);
      var positions = levels.map(function (_, p) { return p; }).sort(function (a, b) {
        return Math.abs(a - current) - Math.abs(b - current) || a - b;
      });
      for (var i = 0; i < positions.length; i += 1) {
        var position = positions[i];
        if (position === current) continue;
        var trial = Object.assign({}, importance);
        trial[feature.id] = levels[position];
        var newLeader = leaderOf(standings(data, trial));
        if (newLeader && newLeader.id !== leader.id) {
          candidates.push({ distance: Math.abs(position - current), order: order, feature: feature, level: levels[position],
            direction: position < current ? "less" : "more", newLeader: newLeader });
          break;
        }
      }
    });
    candidates.sort(function (a, b) { return a.distance - b.distance || a.order - b.order; });
    return candidates.slice(0, MOST_CHANGES);
  }

  function decide(data, chosen) {
    var importance = {};
    data.features.forEach(function (f) { importance[f.id] = level(data, chosen[f.id] || data.default); });
    var rows = standings(data, importance);
    var leader = leaderOf(rows);
    var strengths = [], tradeOffs = [];
    if (leader && rows.length > 1) {
      var runnerUp = rows[1].subject;
      data.features.forEach(function (f) {
        var ours = f.values[leader.id].points, theirs = f.values[runnerUp.id].points, weight = importance[f.id].weight;
        if (weight && ours !== null && theirs !== null && ours !== theirs) (ours > theirs ? strengths : tradeOffs).push({ feature: f, level: importance[f.id], diff: Math.abs(ours - theirs) });
      });
      var byWeightedDifference = function (a, b) { return b.level.weight * b.diff - a.level.weight * a.diff; };
      strengths.sort(byWeightedDifference);
      tradeOffs.sort(byWeightedDifference);
    }
    return { importance: importance, rows: rows, leader: leader, strengths: strengths, tradeOffs: tradeOffs, changes: changes(data, importance, leader) };
  }

  function reasonItem(reason, leader, runnerUp) {
    var f = reason.feature, a = f.values[leader.id], b = f.values[runnerUp.id];
    return '<li data-feature="' + escapeHtml(f.id) + '"><a href="' + escapeHtml(f.href) + '">' + escapeHtml(f.name) + "</a> (" + escapeHtml(reason.level.label) + "): " +
      escapeHtml(leader.name) + " " + escapeHtml(a.label) + (a.level ? " (" + escapeHtml(a.level) + ")" : "") + "; " +
      escapeHtml(runnerUp.name) + " " + escapeHtml(b.label) + (b.level ? " (" + escapeHtml(b.level) + ")" : "") + "</li>";
  }

  function render(decision) {
    var html = '<div class="decision-result" data-leader="' + escapeHtml(decision.leader ? decision.leader.id : "") + '">';
    if (decision.leader) html += '<p class="decision-result__verdict"><strong>Recommendation: ' + escapeHtml(decision.leader.name) + "</strong></p>";
    else if (decision.rows.length && decision.rows[0].total) html += '<p class="decision-result__verdict"><strong>A tie</strong>: nothing you marked separates the leaders.</p>';
    else html += '<p class="decision-result__verdict"><strong>No recommendation</strong>: mark at least one criterion as mattering.</p>';
    html += '<ol class="decision-result__scores">' + decision.rows.map(function (row) {
      return '<li data-subject="' + escapeHtml(row.subject.id) + '" data-points="' + row.points + '">' + escapeHtml(row.subject.name) + ": " + scoreText(row) + " of 100</li>";
    }).join("") + "</ol>";
    if (decision.leader && decision.rows.length > 1) {
      var leader = decision.leader, runnerUp = decision.rows[1].subject;
      if (decision.strengths.length) {
        html += "<p>Where " + escapeHtml(leader.name) + " is ahead of " + escapeHtml(runnerUp.name) + ':</p><ul class="decision-result__strengths">' +
          decision.strengths.map(function (r) { return reasonItem(r, leader, runnerUp); }).join("") + "</ul>";
      }
      if (decision.tradeOffs.length) {
        html += "<p>Where " + escapeHtml(runnerUp.name) + ' is ahead:</p><ul class="decision-result__trade-offs">' +
          decision.tradeOffs.map(function (r) { return reasonItem(r, leader, runnerUp); }).join("") + "</ul>";
      }
      html += '<p>What would change the answer:</p><ul class="decision-result__changes">';
      html += decision.changes.length ? decision.changes.map(function (c) {
        return '<li>If <a href="' + escapeHtml(c.feature.href) + '">' + escapeHtml(c.feature.name) + "</a> mattered " + c.direction + " (" +
          escapeHtml(c.level.label) + "), " + escapeHtml(c.newLeader.name) + " would lead.</li>";
      }).join("") : "<li>No change to a single criterion's importance would put another subject ahead.</li>";
      html += "</ul>";
    }
    return html + "</div>";
  }

  function readUrl(data) {
    var chosen = {};
    var value = new URLSearchParams(window.location.search).get("w") || "";
    value.split(",").forEach(function (pair) {
      var parts = pair.split(":");
      var known = data.features.some(function (f) { return f.id === parts[0]; });
      if (known && level(data, parts[1])) chosen[parts[0]] = parts[1];
    });
    return chosen;
  }

  function writeUrl(data, chosen) {
    var pairs = data.features.filter(function (f) { return chosen[f.id] && chosen[f.id] !== data.default; })
      .map(function (f) { return f.id + ":" + chosen[f.id]; });
    var params = new URLSearchParams(window.location.search);
    if (pairs.length) params.set("w", pairs.join(",")); else params.delete("w");
    var query = params.toString().replace(/%3A/g, ":").replace(/%2C/g, ",");
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function setUp() {
    var form = document.querySelector("form.decision-helper");
    var source = document.getElementById("decision-data");
    var output = document.querySelector(".decision-helper__output");
    if (!form || !source || !output) return;
    var data = JSON.parse(source.dataset.decision);
    var chosen = readUrl(data);
    var update = function () {
      output.innerHTML = render(decide(data, chosen));
    };
    form.querySelectorAll("select:not([data-category])").forEach(function (select) {
      select.value = chosen[select.name] || data.default;
    });
    form.addEventListener("change", function (event) {
      var category = event.target.dataset.category;
      if (category !== undefined) {
        // One choice for a whole category sets each of its criteria; each can still be changed on its own.
        if (!event.target.value) return;
        form.querySelectorAll('select[data-in-category="' + category + '"]').forEach(function (select) {
          select.value = event.target.value;
          chosen[select.name] = event.target.value;
        });
        event.target.value = "";
        writeUrl(data, chosen);
        update();
        return;
      }
      chosen[event.target.name] = event.target.value;
      writeUrl(data, chosen);
      update();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { chosen = {}; writeUrl(data, chosen); update(); }, 0);
    });
    form.hidden = false;
    update();
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
