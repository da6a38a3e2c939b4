/* The glossary folds each entry's full text under its short definition (see
   blocks/glossary.py). A reader who arrives at /glossary/#term, or follows a link
   to an entry, wants the whole entry: this opens it. Without scripts the entry
   stays folded and opens with a click. Loaded only by the glossary, at the end of
   its content (overrides/main.html). */
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var node = id ? document.getElementById(id) : null;
    // The target is the entry's heading, or an old id's empty span just before it.
    for (var step = 0; node && step < 4; step += 1) {
      if (node.classList && node.classList.contains("glossary-entry")) {
        var more = node.querySelector("details.glossary-more");
        if (more) more.open = true;
        return;
      }
      node = node.nextElementSibling;
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
})();
