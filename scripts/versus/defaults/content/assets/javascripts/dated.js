// The comparison as it stood on a day: comparison/?as_of=YYYY-MM-DD. The cells of every
// day were rendered at build time by the table's own cell macro (comparison/dated-rows.json,
// fetched only for a dated view): each distinct cell once in "cells", and each state of a
// row as the day it began and one index into "cells" per subject, in the table's order.
// This script, which site.js loads only then, puts the cells of that day in each row in
// place of today's (the row itself, its name and links, stays) and shows the banner.
// Without it, or without as_of, today's table shows.
(function () {
  "use strict";

  // Once per document: Material's instant navigation keeps this script's subscription alive.
  if (window.comparisonDatedView) return;
  window.comparisonDatedView = true;

  var DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

  // A real calendar day written YYYY-MM-DD, or null.
  function parseDay(text) {
    var match = DAY.exec(text);
    if (!match) return null;
    var day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return day.toISOString().slice(0, 10) === text ? day : null;
  }

  function longDate(day) {
    return day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function todayIso() {
    var now = new Date();
    return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
  }

  // The address of the view the reader has now, without the day: today's comparison.
  function todayHref() {
    var url = new URL(window.location.href);
    url.searchParams.delete("as_of");
    url.hash = "";
    return url.pathname + url.search;
  }

  // The state of each row (or of the tallies) in effect on `day`: the last that began on or before it.
  function stateOn(states, day) {
    var shown = states[0][1];
    states.forEach(function (state) { if (state[0] <= day) shown = state[1]; });
    return shown;
  }

  // The cells of a state, as elements: a <td> is parsed only inside a table row, so in one.
  function cellsOf(data, indices) {
    var holder = document.createElement("div");
    holder.innerHTML = "<table><tbody><tr>" + indices.map(function (index) { return data.cells[index]; }).join("") +
      "</tr></tbody></table>";
    return Array.prototype.slice.call(holder.querySelector("tr").children);
  }

  // A tally replaced by the one of that day, or hidden when that day has none.
  function swapTally(element, html) {
    if (!element) return;
    var holder = document.createElement("div");
    holder.innerHTML = (html || "").trim();
    if (holder.firstElementChild) element.replaceWith(holder.firstElementChild);
    else element.hidden = true;
  }

  function swapRows(table, data, day) {
    table.querySelectorAll("tbody tr[data-kind]").forEach(function (row) {
      var states = data.rows[row.id];
      if (!states) return;
      var dated = cellsOf(data, stateOn(states, day));
      Array.prototype.filter.call(row.children, function (cell) { return cell.tagName === "TD"; }).forEach(function (cell, index) {
        if (dated[index]) cell.replaceWith(dated[index]);
      });
    });
    // The tallies of that day, recounted at build time from its rows (scripts/pages/dated.py).
    var tallies = data.tallies && data.tallies.length ? stateOn(data.tallies, day) : null;
    if (tallies) {
      swapTally(document.querySelector("ul.tally"), tallies.all);
      table.querySelectorAll("tr.category-row").forEach(function (row) {
        swapTally(row.querySelector(".category-row__tally"), tallies[row.id]);
      });
    } else {
      document.querySelectorAll(".tally, .category-row__tally").forEach(function (tally) { tally.hidden = true; });
    }
    table.dataset.asOf = day;
    table.dispatchEvent(new CustomEvent("comparison:rows", { bubbles: true }));
  }

  function setUp() {
    var banner = document.querySelector(".dated-view[data-rows]");
    var table = document.querySelector("table.comparison");
    var asked = new URLSearchParams(window.location.search).get("as_of");
    if (!banner || !table || asked === null || table.dataset.dated) return;
    table.dataset.dated = asked;
    var title = banner.querySelector(".dated-view__title");
    var today = banner.querySelector(".dated-view__today");
    banner.hidden = false;
    today.href = todayHref();
    var day = parseDay(asked);
    if (!day) {
      title.textContent = "“" + asked + "” is not a day written YYYY-MM-DD, so this is today's comparison.";
      return;
    }
    if (asked > todayIso()) {
      title.textContent = longDate(day) + " is in the future, so this is today's comparison.";
      return;
    }
    title.textContent = "Loading the comparison as of " + longDate(day) + "…";
    fetch(banner.dataset.rows)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        swapRows(table, data, asked);
        title.textContent = "As of " + longDate(day) + "." + (data.first && asked < data.first ? " Nothing was recorded yet on that day." : "");
        if (data.first) {
          banner.querySelector(".dated-view__since").textContent = "The site has records from " + longDate(parseDay(data.first)) + " on.";
          var pick = banner.querySelector(".dated-view__pick input");
          pick.min = data.first;
          pick.max = todayIso();
          pick.value = asked < data.first ? data.first : asked;
          banner.querySelector(".dated-view__pick").hidden = false;
        }
        banner.querySelector(".dated-view__note").hidden = false;
        banner.querySelector(".dated-view__copy").hidden = false;
        banner.classList.add("dated-view--on");
      })
      .catch(function () {
        title.textContent = "The values of " + longDate(day) + " could not be loaded, so this is today's comparison.";
      });
  }

  // Back and forward between today's view and a dated one keep the page (same path, another
  // query), so Material shows the table of the other view: load the view the address names.
  window.addEventListener("popstate", function () {
    var table = document.querySelector("table.comparison");
    if (!table || !document.querySelector(".dated-view[data-rows]")) return;
    var asked = new URLSearchParams(window.location.search).get("as_of");
    if ((asked || "") !== (table.dataset.dated || "")) window.location.reload();
  });

  // The column picker rewrites the address: the way back to today keeps the columns picked.
  document.addEventListener("comparison:view", function () {
    var today = document.querySelector(".dated-view__today");
    if (today) today.href = todayHref();
  });

  // Loaded on demand by site.js, after the page has loaded: Material's document$ replays the current page.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
