/* Make tables with class "sortable" sortable (tablesort, shipped with the site).
   Runs on every page load, including Material's instant navigation. */
function sortTables() {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    if (!table.dataset.sortReady) {
      new Tablesort(table, { descending: table.hasAttribute("data-descending") });
      table.dataset.sortReady = "true";
    }
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(sortTables);
} else {
  document.addEventListener("DOMContentLoaded", sortTables);
}
