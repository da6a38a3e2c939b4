/* The openness matrix, read more easily: filters and a two-model comparison.
   An enhancement only: without this script the page shows the whole table and
   keeps the tools hidden. It builds no HTML from strings: it shows and hides
   rows, and copies the table's own cells into the comparison. Loaded only by
   the matrix page, at the end of its content (see overrides/main.html): it
   runs on a first load and each time instant navigation brings the page in.
   The chosen filters and models are kept in the address, so that a view can
   be shared as a link. */
(function () {
  "use strict";

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function matches(element, wanted) {
    return Object.keys(wanted).every(function (name) {
      return !wanted[name] || element.getAttribute("data-" + name) === wanted[name];
    });
  }

  function applyFilters(tools, table) {
    var wanted = {};
    tools.querySelectorAll(".models-filter select").forEach(function (select) {
      wanted[select.name] = select.value;
    });
    var shown = 0;
    var rows = rowsOf(table);
    rows.forEach(function (row) {
      row.hidden = !matches(row, wanted);
      if (!row.hidden) shown += 1;
    });
    document.querySelectorAll(".openness-chart li[data-model]").forEach(function (item) {
      item.hidden = !matches(item, wanted);
    });
    tools.querySelector(".models-count").textContent =
      shown === rows.length ? "Showing all " + rows.length + " models."
                            : "Showing " + shown + " of " + rows.length + " models.";
    keepInAddress(wanted);
  }

  /* A filtered view is a link: each chosen filter is a parameter of the
     address (?weights=open&year=2024), replaced in place, not a new history
     entry; other parameters (compare) and the #fragment stay as they are. */
  function keepInAddress(wanted) {
    var url = new URL(window.location.href);
    Object.keys(wanted).forEach(function (name) {
      if (wanted[name]) url.searchParams.set(name, wanted[name]);
      else url.searchParams.delete(name);
    });
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }

  /* The filters an address asks for, where each names an option that exists. */
  function readAddress(filter) {
    var params = new URL(window.location.href).searchParams;
    var found = false;
    filter.querySelectorAll("select").forEach(function (select) {
      var asked = params.get(select.name);
      if (asked && Array.prototype.some.call(select.options, function (o) { return o.value === asked; })) {
        select.value = asked;
        found = true;
      }
    });
    return found;
  }

  function cellCopy(cell, tag) {
    var copy = document.createElement(tag);
    Array.prototype.slice.call(cell.childNodes).forEach(function (node) {
      copy.appendChild(node.cloneNode(true));
    });
    // A model's notes disclosure stays in the matrix: the comparison shows the cells.
    copy.querySelectorAll("details.row-notes").forEach(function (notes) { notes.remove(); });
    if (cell.className) copy.className = cell.className;
    return copy;
  }

  function compare(tools, table) {
    var form = tools.querySelector(".models-compare");
    var result = tools.querySelector(".compare-result");
    var a = form.elements.a.value;
    var b = form.elements.b.value;
    result.textContent = "";
    var url = new URL(window.location.href);
    if (a && b) url.searchParams.set("compare", a + "," + b);
    else url.searchParams.delete("compare");
    window.history.replaceState(window.history.state, "", url);
    if (!a || !b) return;
    var rowA = document.getElementById(a);
    var rowB = document.getElementById(b);
    if (!rowA || !rowB) return;
    var heads = table.tHead.rows[0].cells;
    var out = document.createElement("table");
    out.className = "compare-table";
    var caption = out.createCaption();
    caption.textContent = "Two models compared (differences marked ≠)";
    var headRow = out.createTHead().insertRow();
    [heads[0], rowA.cells[0], rowB.cells[0]].forEach(function (cell, index) {
      var th = index === 0 ? document.createElement("th") : cellCopy(cell, "th");
      if (index === 0) th.textContent = "Column";
      th.scope = "col";
      headRow.appendChild(th);
    });
    var body = out.createTBody();
    for (var i = 1; i < heads.length; i += 1) {
      var row = body.insertRow();
      var label = document.createElement("th");
      label.scope = "row";
      var differs = rowA.cells[i].textContent.trim() !== rowB.cells[i].textContent.trim();
      label.textContent = heads[i].textContent.replace(/[▲▼]/g, "").trim() + (differs ? " ≠" : "");
      if (differs) row.className = "differs";
      row.appendChild(label);
      row.appendChild(cellCopy(rowA.cells[i], "td"));
      row.appendChild(cellCopy(rowB.cells[i], "td"));
    }
    result.appendChild(out);
  }

  function setUp() {
    var tools = document.querySelector("[data-models-tools]");
    var table = document.getElementById("matrix");
    if (!tools || !table || tools.dataset.ready) return;
    tools.dataset.ready = "true";
    tools.hidden = false;
    var filter = tools.querySelector(".models-filter");
    filter.addEventListener("change", function () { applyFilters(tools, table); });
    filter.addEventListener("reset", function () {
      window.setTimeout(function () { applyFilters(tools, table); }, 0);
    });
    var form = tools.querySelector(".models-compare");
    form.addEventListener("change", function () { compare(tools, table); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var asked = new URL(window.location.href).searchParams.get("compare");
    if (asked && asked.indexOf(",") > 0) {
      form.elements.a.value = asked.split(",")[0];
      form.elements.b.value = asked.split(",")[1];
      compare(tools, table);
    }
    // On arrival every row shows and the page already says so: only filter if the
    // address asks for filters or the browser restored a choice, so that a first
    // load changes nothing it need not (each change makes the browser lay the big
    // table out again).
    var linked = readAddress(filter);
    if (linked) filter.closest("details").open = true;  // the reader sees which filters made the view
    var chosen = Array.prototype.some.call(filter.querySelectorAll("select"), function (s) { return s.value; });
    if (chosen) applyFilters(tools, table);
  }

  setUp();
})();
