/* "Is it open?": filter the verdict grid by organisation, year and licence family.
   An enhancement only: without this script the grid is whole and the filters stay
   hidden. It builds no HTML: it shows and hides rows and keeps the choice in the
   query string (?org=…&year=…&family=…), so a filtered grid is a link. The grid's
   later rows wait in a closed <details>; a filter opens it, and so does a link to
   one of its cells (#v-…), where the browser would not. Loaded only
   by the page that has the grid, at the end of its content (overrides/main.html):
   it runs on a first load and each time instant navigation brings the page in. */
(function () {
  "use strict";

  var NAMES = ["org", "year", "family"];

  function apply(tools, tables, write) {
    var wanted = {};
    var url = new URL(window.location.href);
    tools.querySelectorAll(".answer-filter select").forEach(function (select) {
      wanted[select.name] = select.value;
      if (select.value) url.searchParams.set(select.name, select.value);
      else url.searchParams.delete(select.name);
    });
    var rows = [];
    tables.forEach(function (table) {
      rows = rows.concat(Array.prototype.slice.call(table.tBodies[0].rows));
    });
    var more = document.querySelector("details.answer-more");
    if (more && Object.keys(wanted).some(function (name) { return wanted[name]; })) more.open = true;
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !Object.keys(wanted).every(function (name) {
        return !wanted[name] || row.getAttribute("data-" + name) === wanted[name];
      });
      if (!row.hidden) shown += 1;
    });
    tools.querySelector(".answer-count").textContent =
      shown === rows.length ? "Showing all " + rows.length + " models."
                            : "Showing " + shown + " of " + rows.length + " models.";
    if (write) window.history.replaceState(window.history.state, "", url);
  }

  /* Open the details that holds the cell a link points at, and bring the cell into view. */
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var closed = target && target.closest("details:not([open])");
    if (closed) {
      closed.open = true;
      target.scrollIntoView();
    }
  }

  function setUp() {
    reveal();
    var tools = document.querySelector("[data-answer-tools]");
    var tables = Array.prototype.slice.call(document.querySelectorAll("table.answer"));
    var table = tables[0];
    if (!tools || !table || tools.dataset.ready) return;
    window.addEventListener("hashchange", reveal);
    tools.dataset.ready = "true";
    tools.hidden = false;
    var form = tools.querySelector(".answer-filter");
    form.addEventListener("change", function () { apply(tools, tables, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(tools, tables, true); }, 0);
    });
    var params = new URL(window.location.href).searchParams;
    var asked = false;
    NAMES.forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name);
      if (select && value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
        asked = true;
      }
    });
    // A first load with no choice changes nothing (each change lays the big grid out again).
    if (asked || Array.prototype.some.call(form.querySelectorAll("select"), function (s) { return s.value; })) {
      apply(tools, tables, false);
    }
  }

  setUp();
})();
