/* Make tables with class "sortable" sortable (tablesort, shipped with the site).
   Loaded after tablesort.min.js, only by pages that hold such a table (see
   overrides/partials/page-scripts.html), at the end of the page's content: it runs
   on a first load and again each time Material's instant navigation brings such a
   page in. Instant navigation re-creates both scripts, and a re-created script runs
   when it arrives, not in order: if tablesort is not there yet, wait for it. */
(function () {
  "use strict";

  function sortable() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      if (!table.dataset.sortReady) {
        new Tablesort(table, { descending: table.hasAttribute("data-descending") });
        table.dataset.sortReady = "true";
      }
    });
  }

  if (typeof window.Tablesort === "function") {
    sortable();
  } else {
    var library = document.querySelector('script[src$="tablesort.min.js"]');
    if (library) library.addEventListener("load", sortable, { once: true });
  }
})();
