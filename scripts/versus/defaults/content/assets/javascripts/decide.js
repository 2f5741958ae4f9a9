// The decision helper in the browser. It applies the same rule as scripts/pages/decide.py, which
// computes the static profile pages (tests/decide.test.js, run by tests/test_decide_js.py, checks
// that both agree over hundreds of weightings): a subject's score is the weighted mean of its points
// (0 worst to 100 best, computed at build time) over the criteria where it has points, weights coming
// from the importance the reader gives each criterion. The result is shown in the HTML of the static
// pages: the page carries it as <template> elements made by the same macros, which render() fills.
// State lives in the URL (?w=feature:importance,...) so a team can share a decision.
// site.js loads this file only on a page that has the helper, so other pages never download it.
(function () {
  "use strict";

  var MOST_CHANGES = 3;

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
    return rank(rows);
  }

  // Best first; equal scores keep data order.
  function rank(rows) {
    return rows.slice().sort(function (a, b) { return compare(b, a) || a.order - b.order; });
  }

  // Scores are fractions points / total: compared by cross-multiplying, exactly, as Python's Fraction does.
  function compare(a, b) {
    return (a.total ? a.points : 0) * (b.total || 1) - (b.total ? b.points : 0) * (a.total || 1);
  }

  function leaderOf(rows) {
    if (!rows.length || rows[0].total === 0 || (rows.length > 1 && compare(rows[0], rows[1]) === 0)) return null;
    return rows[0].subject;
  }

  // The subjects sharing the top score, when two or more do and something counts.
  function tiedAtTop(rows) {
    if (rows.length < 2 || rows[0].total === 0 || compare(rows[0], rows[1]) !== 0) return [];
    return rows.filter(function (row) { return compare(row, rows[0]) === 0; }).map(function (row) { return row.subject; });
  }

  function scoreText(row) {
    if (!row.total) return "0.0";
    var tenths = Math.floor((row.points * 20 + row.total) / (2 * row.total));
    return Math.floor(tenths / 10) + "." + (tenths % 10);
  }

  // With a leader: per criterion, the nearest level that would tie the top (if one comes first) and the
  // nearest that would put another subject ahead. In a tie: the nearest level that would give one the lead.
  // With a leader: per criterion, the nearest level that would tie the top (if one comes first) and the
  // nearest that would put another subject ahead. In a tie: the nearest level that would give one the lead.
  // One criterion's new weight moves each subject's points by the weight's change times its points there:
  // each trial updates the standings in hand instead of scoring every criterion again, so the whole search
  // is linear in the number of criteria, as in scripts/pages/decide.py.
  function changes(data, importance, rows, leader) {
    if (!leader && !tiedAtTop(rows).length) return [];
    var levels = data.importance;
    var candidates = [];
    data.features.forEach(function (feature, order) {
      var current = levels.indexOf(importance[feature.id]);
      var tieFound = !leader;
      var positions = levels.map(function (_, p) { return p; }).sort(function (a, b) {
        return Math.abs(a - current) - Math.abs(b - current) || a - b;
      });
      for (var i = 0; i < positions.length; i += 1) {
        var position = positions[i];
        if (position === current) continue;
        var step = levels[position].weight - importance[feature.id].weight;
        var ranked = rank(rows.map(function (row) {
          var cell = feature.values[row.subject.id].points;
          return cell === null ? row : { subject: row.subject, points: row.points + step * cell, total: row.total + step, order: row.order };
        }));
        var newLeader = leaderOf(ranked);
        var change = { distance: Math.abs(position - current), order: order, feature: feature, level: levels[position],
          direction: position < current ? "less" : "more", newLeader: newLeader, tied: [] };
        if (newLeader && (!leader || newLeader.id !== leader.id)) {
          change.kind = 1;
          candidates.push(change);
          break;
        }
        var tied = newLeader ? [] : tiedAtTop(ranked);
        if (!tieFound && tied.length) {
          change.kind = 0;
          change.newLeader = null;
          change.tied = tied;
          candidates.push(change);
          tieFound = true;
        }
      }
    });
    candidates.sort(function (a, b) { return a.distance - b.distance || a.order - b.order || a.kind - b.kind; });
    return candidates.slice(0, MOST_CHANGES);
  }

  function decide(data, chosen) {
    var importance = {};
    data.features.forEach(function (f) { importance[f.id] = level(data, chosen[f.id] || data.default); });
    var rows = standings(data, importance);
    var leader = leaderOf(rows);
    var tied = leader ? [] : tiedAtTop(rows);
    var strengths = [], tradeOffs = [];
    // With a leader, where it is ahead of the runner-up and behind; in a tie, the same for the first two tied.
    if ((leader || tied.length) && rows.length > 1) {
      var first = rows[0].subject, second = rows[1].subject;
      data.features.forEach(function (f) {
        var ours = f.values[first.id].points, theirs = f.values[second.id].points, weight = importance[f.id].weight;
        if (weight && ours !== null && theirs !== null && ours !== theirs) (ours > theirs ? strengths : tradeOffs).push({ feature: f, level: importance[f.id], diff: Math.abs(ours - theirs) });
      });
      var byWeightedDifference = function (a, b) { return b.level.weight * b.diff - a.level.weight * a.diff; };
      strengths.sort(byWeightedDifference);
      tradeOffs.sort(byWeightedDifference);
    }
    return { importance: importance, rows: rows, leader: leader, tied: tied, strengths: strengths, tradeOffs: tradeOffs,
      changes: changes(data, importance, rows, leader) };
  }

  // Names as a reader writes them: "A", "A and B", "A, B and C" (scripts/pages/text.py join_words).
  function joinWords(names) {
    return names.length <= 2 ? names.join(" and ") : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function names(subjects) {
    return joinWords(subjects.map(function (s) { return s.name; }));
  }

  // A part of the result from its <template> (templates/macros/decide.j2, the macros of the static pages),
  // each slot {name} in its text and attributes filled with values[name], as text: never parsed as HTML.
  function part(name, values) {
    var fragment = document.querySelector('.decision-templates template[data-part="' + name + '"]').content.cloneNode(true);
    var fill = function (text) {
      return text.replace(/\{(\w+)\}/g, function (slot, key) { return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : slot; });
    };
    var walker = document.createTreeWalker(fragment, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) node.data = fill(node.data);
      else Array.prototype.forEach.call(node.attributes, function (attribute) { attribute.value = fill(attribute.value); });
    }
    return fragment;
  }

  // A part that holds others: its element `selector` receives each of items, made by make(item).
  function group(name, values, selector, items, make) {
    var fragment = part(name, values);
    var holder = fragment.querySelector(selector);
    items.forEach(function (item) { holder.append(make(item)); });
    return fragment;
  }

  // The result in the order and HTML of decision_result (templates/macros/decide.j2).
  function render(decision) {
    var rows = decision.rows, leader = decision.leader, tied = decision.tied;
    var parts = [leader ? part("verdict-leader", { name: leader.name })
      : tied.length ? part("verdict-tie", { names: names(tied), score: scoreText(rows[0]) }) : part("verdict-none", {})];
    parts.push(group("scores", {}, "ol", rows, function (row) {
      var top = leader ? row.subject.id === leader.id : tied.indexOf(row.subject) !== -1;
      return part(top ? "score-top" : "score", { subject: row.subject.id, name: row.subject.name, points: row.points, score: scoreText(row) });
    }));
    if ((leader || tied.length) && rows.length > 1) {
      var first = rows[0].subject, second = rows[1].subject;
      var reason = function (r) {
        return part("reason", { feature_id: r.feature.id, href: r.feature.href, feature: r.feature.name, importance: r.level.label,
          first: first.name, first_value: r.feature.values[first.id].words, second: second.name, second_value: r.feature.values[second.id].words });
      };
      if (decision.strengths.length) parts.push(group("strengths", { ahead: first.name, behind: second.name }, "ul", decision.strengths, reason));
      if (decision.tradeOffs.length) parts.push(group("trade-offs", { ahead: second.name, behind: first.name }, "ul", decision.tradeOffs, reason));
      var changes = decision.changes.length ? decision.changes : [null];
      parts.push(group(leader ? "changes-led" : "changes-tied", {}, "ul", changes, function (c) {
        if (!c) return part(leader ? "no-change-led" : "no-change-tied", {});
        var values = { href: c.feature.href, feature: c.feature.name, direction: c.direction, importance: c.level.label };
        return c.newLeader ? part("change-leader", Object.assign(values, { leader: c.newLeader.name }))
          : part("change-tie", Object.assign(values, { tied: names(c.tied) }));
      }));
    }
    return group("result", { leader: leader ? leader.id : "" }, ".decision-result", parts, function (fragment) { return fragment; });
  }

  // The answer in one line, kept in view at the foot of the screen while the reader changes priorities.
  function summary(decision) {
    var rows = decision.rows;
    if (decision.leader) {
      return "Recommendation: " + decision.leader.name + ", " + scoreText(rows[0]) + " of 100" +
        (rows.length > 1 ? " (next: " + rows[1].subject.name + ", " + scoreText(rows[1]) + ")" : "");
    }
    if (decision.tied.length) return "A tie between " + names(decision.tied) + ", " + scoreText(rows[0]) + " of 100 each";
    return "No recommendation: mark at least one criterion as mattering";
  }

  // The rule alone, for tests/decide.test.js under Node, which holds it to the Python of the static pages.
  if (typeof module === "object" && module.exports) module.exports = { decide: decide, scoreText: scoreText };
  if (typeof document === "undefined") return;

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
    var bar = document.querySelector(".decision-summary");
    // The recommendation is shown once: the line at the foot of the screen fades while the result's own
    // verdict is in view, and stays in the page, where screen readers hear each new answer from it.
    var watcher = bar && "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      bar.classList.toggle("decision-summary--beside-result", entries[entries.length - 1].isIntersecting);
    }) : null;
    var update = function () {
      var decision = decide(data, chosen);
      output.replaceChildren(render(decision));
      if (bar) {
        bar.querySelector(".decision-summary__text").textContent = summary(decision);
        bar.hidden = false;
      }
      if (watcher) {
        watcher.disconnect();
        watcher.observe(output.querySelector(".decision-result__verdict"));
      }
    };
    // A category's select shows the level all its criteria share, and "As set below" once they differ,
    // so the choice a reader made stays in view until a criterion of it is changed on its own.
    var showCategories = function () {
      form.querySelectorAll("select[data-category]").forEach(function (select) {
        var values = [];
        form.querySelectorAll('select[data-in-category="' + select.dataset.category + '"]').forEach(function (member) {
          if (values.indexOf(member.value) === -1) values.push(member.value);
        });
        select.value = values.length === 1 ? values[0] : "";
      });
    };
    form.querySelectorAll("select:not([data-category])").forEach(function (select) {
      select.value = chosen[select.name] || data.default;
    });
    showCategories();
    form.addEventListener("change", function (event) {
      var category = event.target.dataset.category;
      if (category !== undefined) {
        // One choice for a whole category sets each of its criteria; each can still be changed on its own.
        if (!event.target.value) { showCategories(); return; }
        form.querySelectorAll('select[data-in-category="' + category + '"]').forEach(function (select) {
          select.value = event.target.value;
          chosen[select.name] = event.target.value;
        });
        writeUrl(data, chosen);
        update();
        return;
      }
      chosen[event.target.name] = event.target.value;
      showCategories();
      writeUrl(data, chosen);
      update();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { chosen = {}; showCategories(); writeUrl(data, chosen); update(); }, 0);
    });
    form.hidden = false;
    update();
  }

  // Loaded on demand, possibly after the page has loaded: Material's document$ replays the current page.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
