// Copy-link buttons, code to embed elsewhere and deep-link highlighting. Dependency-free; runs on every
// page load, including Material's instant navigation (document$), and the page
// stays fully usable without it.
(function () {
  "use strict";

  // The decision helper's and the dated view's scripts sit beside this one; each is loaded only where needed.
  var scripts = document.currentScript ? document.currentScript.src : "";

  function announce(button, text) {
    if (!("label" in button.dataset)) button.dataset.label = button.textContent;
    button.textContent = text;
    window.setTimeout(function () { button.textContent = button.dataset.label; }, 2000);
  }

  // What the reader sees: a button with a view copies it with the page's query (columns
  // picked, a day, weights) once the address holds one; data-drop leaves a parameter out.
  function linkOf(button) {
    var href = window.location.search && "view" in button.dataset ? button.dataset.view : button.dataset.href;
    var url = new URL(href, window.location.href);
    if (button.dataset.drop) url.searchParams.delete(button.dataset.drop);
    return url.href;
  }

  // A button copies the link it stands for, or with data-copy the text of that field.
  function copy(button) {
    var field = button.dataset.copy ? document.getElementById(button.dataset.copy) : null;
    var text = field ? field.value : linkOf(button);
    var ask = field ? "Copy this code:" : "Copy this link:";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { announce(button, "Copied"); },
        function () { window.prompt(ask, text); }
      );
    } else {
      window.prompt(ask, text);
    }
  }

  // Code to paste on other sites, and a feed's address, name their addresses relative to this page when
  // the site has no site_url (data-relative lists them); written from this page's address, they work anywhere.
  function absoluteEmbedCode() {
    document.querySelectorAll("textarea[data-relative], input[data-relative]").forEach(function (field) {
      var code = field.value;
      field.dataset.relative.split(" ").forEach(function (href) {
        var url = new URL(href, window.location.href).href;
        if (code === href) code = url;
        code = code.split("(" + href + ")").join("(" + url + ")").split('"' + href + '"').join('"' + url + '"');
      });
      field.value = code;
      field.removeAttribute("data-relative");
    });
  }

  function enableCopyButtons() {
    document.querySelectorAll("button.copy-link[hidden]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }

  // A former id is an empty anchor; the thing to show is its row or the heading after it.
  function targetOf(element) {
    if (!element.classList.contains("alias-anchor")) return element;
    var row = element.closest("tr");
    if (row) return row;
    var block = element.closest(".section-links");
    return (block && block.previousElementSibling) || element;
  }

  function highlightTarget() {
    document.querySelectorAll(".is-target").forEach(function (element) {
      element.classList.remove("is-target");
    });
    if (!window.location.hash) return;
    var element = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!element) return;
    var target = targetOf(element);
    target.classList.add("is-target");
    if (target !== element) target.scrollIntoView({ block: "start" });
  }

  function loadDecisionHelper() {
    if (!scripts || !document.getElementById("decision-data") || document.querySelector("script[data-decision-helper]")) return;
    var script = document.createElement("script");
    script.src = new URL("decide.js", scripts).href;
    script.dataset.decisionHelper = "";
    document.head.appendChild(script);
  }

  // A dated view of the comparison (?as_of=) needs dated.js; the normal page never loads it.
  function loadDatedView() {
    if (!scripts || window.comparisonDatedView || !document.querySelector(".dated-view[data-rows]")) return;
    if (document.querySelector("script[data-dated-view]")) return;
    if (!new URLSearchParams(window.location.search).has("as_of")) return;
    var script = document.createElement("script");
    script.src = new URL("dated.js", scripts).href;
    script.dataset.datedView = "";
    document.head.appendChild(script);
  }

  // The 404 page's button opens the search with the words of the missing address.
  function enableSearchButtons() {
    document.querySelectorAll("button[data-open-search][hidden]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var toggle = document.getElementById("__search");
        var input = document.querySelector("input.md-search__input");
        if (!toggle || !input) return;
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
        var words = decodeURIComponent(window.location.pathname).split("/").filter(Boolean).pop() || "";
        input.value = words.replace(/\.html?$/, "").replace(/[-_]+/g, " ");
        input.focus();
        input.dispatchEvent(new KeyboardEvent("keyup"));
      });
    });
  }

  function setUp() {
    enableCopyButtons();
    absoluteEmbedCode();
    enableSearchButtons();
    highlightTarget();
    loadDecisionHelper();
    loadDatedView();
  }

  window.addEventListener("hashchange", highlightTarget);
  // The rows of a dated view (dated.js) arrive after the page: their buttons and any target too.
  // New rows change the page's height, so a deep-linked row is brought back into view.
  document.addEventListener("comparison:rows", function () {
    enableCopyButtons();
    highlightTarget();
    var target = document.querySelector(".is-target");
    if (target) target.scrollIntoView({ block: "start" });
  });
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
