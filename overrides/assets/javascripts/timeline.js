/* The timeline's theme filter, kept in the address: ?theme=law shows the law
   events on arrival, and choosing a theme rewrites the address in place
   (history.replaceState, no new history entry), so that a filtered timeline
   is a link. An enhancement only: the filter itself is radio buttons and CSS
   and works without this script. Loaded by the timeline page at the end of
   its content (overrides/partials/page-scripts.html). */
(function () {
  "use strict";

  var PREFIX = "theme-";
  var filters = document.querySelectorAll("input.timeline-filter[name='timeline-theme']");
  if (!filters.length) return;

  var asked = new URL(window.location.href).searchParams.get("theme");
  if (asked) {
    Array.prototype.forEach.call(filters, function (input) {
      if (input.id === PREFIX + asked) input.checked = true;
    });
  }

  Array.prototype.forEach.call(filters, function (input) {
    input.addEventListener("change", function () {
      if (!input.checked) return;
      var url = new URL(window.location.href);
      var theme = input.id.slice(PREFIX.length);
      if (theme === "all") url.searchParams.delete("theme");
      else url.searchParams.set("theme", theme);
      window.history.replaceState(window.history.state, "", url);
    });
  });
})();
