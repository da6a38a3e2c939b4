/* Make tables with class "sortable" sortable (tablesort, shipped with the site).
   Loaded, after tablesort.min.js, only by pages that hold such a table (see
   overrides/main.html), at the end of the page's content: it runs on a first
   load and again each time Material's instant navigation brings such a page in. */
(function () {
  "use strict";
  document.querySelectorAll("table.sortable").forEach(function (table) {
    if (!table.dataset.sortReady) {
      new Tablesort(table, { descending: table.hasAttribute("data-descending") });
      table.dataset.sortReady = "true";
    }
  });
})();
