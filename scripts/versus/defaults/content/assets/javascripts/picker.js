// The comparison table's column picker: which subjects to show, and "differences
// only". The state lives in the URL (?compare=a,b&diff=1) so a pasted link shows
// the same view; without this script the full table shows.
(function () {
  "use strict";

  function readState(form) {
    var all = Array.prototype.map.call(form.querySelectorAll("input[name=compare]"), function (box) { return box.value; });
    var params = new URLSearchParams(window.location.search);
    var wanted = (params.get("compare") || "").split(",").filter(function (id) { return all.indexOf(id) !== -1; });
    return { all: all, shown: wanted.length ? wanted : all, diff: params.get("diff") === "1" };
  }

  function writeUrl(state) {
    var params = new URLSearchParams(window.location.search);
    if (state.shown.length === state.all.length) params.delete("compare"); else params.set("compare", state.shown.join(","));
    if (state.diff) params.set("diff", "1"); else params.delete("diff");
    var query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    document.dispatchEvent(new CustomEvent("comparison:view"));
  }

  function apply(table, form, state) {
    form.querySelectorAll("input[name=compare]").forEach(function (box) { box.checked = state.shown.indexOf(box.value) !== -1; });
    form.querySelector("input[name=diff]").checked = state.diff;
    table.querySelectorAll("[data-subject]").forEach(function (cell) {
      cell.hidden = state.shown.indexOf(cell.dataset.subject) === -1;
    });
    var hiddenRows = 0;
    table.querySelectorAll("tbody tr[data-kind]").forEach(function (row) {
      var values = Array.prototype.filter.call(row.querySelectorAll("td[data-value]"), function (cell) { return !cell.hidden; })
        .map(function (cell) { return cell.dataset.value; });
      var same = values.length > 1 && values.every(function (value) { return value === values[0]; });
      row.hidden = state.diff && same;
      if (row.hidden) hiddenRows += 1;
    });
    // A category's header goes with its rows: hidden when every one of them is.
    table.querySelectorAll("tbody").forEach(function (group) {
      var header = group.querySelector("tr.category-row");
      if (header) header.hidden = !group.querySelector("tr[data-kind]:not([hidden])");
    });
    var status = "Showing " + state.shown.length + " of " + state.all.length + " columns";
    if (state.diff) status += "; " + hiddenRows + " row" + (hiddenRows === 1 ? "" : "s") + " with equal values hidden";
    form.querySelector(".column-picker__status").textContent = status + ".";
  }

  function setUp() {
    var form = document.querySelector("form.column-picker");
    var table = document.querySelector("table.comparison");
    if (!form || !table) return;
    var state = readState(form);
    form.hidden = false;
    apply(table, form, state);
    // A dated view (dated.js) puts in the rows of its day: they take the columns picked.
    table.addEventListener("comparison:rows", function () { apply(table, form, state); });
    form.addEventListener("change", function (event) {
      var checked = Array.prototype.filter.call(form.querySelectorAll("input[name=compare]"), function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      if (!checked.length) {
        event.target.checked = true;  // at least one column stays
        return;
      }
      state.shown = checked;
      state.diff = form.querySelector("input[name=diff]").checked;
      apply(table, form, state);
      writeUrl(state);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
