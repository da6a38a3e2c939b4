/* "Cite this page": a copy button for the plain-text citation and one for the
   BibTeX. An enhancement only: without this script both stay selectable text
   and no button is shown. The buttons are real <button>s; a status line
   (role="status", polite) says "Copied" so that screen readers hear it too.
   Loaded by pages that have the block (overrides/partials/page-scripts.html),
   at the end of the content: it runs on a first load and each time instant
   navigation brings such a page in. */
(function () {
  "use strict";

  function textOf(element) {
    return element.textContent.replace(/\s+\n/g, "\n").trim();
  }

  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* The clipboard API where the page may use it (https, localhost); otherwise
     select the text and ask the browser to copy the selection. */
  function copy(element) {
    var text = element.tagName === "PRE" ? textOf(element) : textOf(element).replace(/\s+/g, " ");
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    selectContents(element);
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function say(status, message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);  // a new message, even if the same
  }

  function button(label, source, status) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "cite-copy__button";
    element.textContent = label;
    element.addEventListener("click", function () {
      copy(source).then(
        function () { say(status, "Copied " + label.replace(/^Copy /, "") + "."); },
        function () {
          selectContents(source);
          say(status, "Could not copy: the text is selected, press Ctrl+C or ⌘C.");
        });
    });
    return element;
  }

  function setUp(block) {
    if (block.dataset.copyReady) return;
    var text = block.querySelector(".cite-this__text");
    var bibtex = block.querySelector("pre.bibtex");
    if (!text && !bibtex) return;
    block.dataset.copyReady = "true";
    var bar = document.createElement("p");
    bar.className = "cite-copy";
    var status = document.createElement("span");
    status.className = "cite-copy__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    if (text) bar.appendChild(button("Copy citation", text, status));
    if (bibtex) bar.appendChild(button("Copy BibTeX", bibtex, status));
    bar.appendChild(status);
    var heading = block.querySelector("h2");
    block.insertBefore(bar, heading ? heading.nextSibling : block.firstChild);
  }

  document.querySelectorAll(".cite-this").forEach(setUp);
})();
