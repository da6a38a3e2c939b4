/* Search on demand: holds back Material's request for the search index until
   the reader starts a search (see overrides/main.html). */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var started = false;
  var waiting = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.searchIndexRequest = INDEX.test(new URL(String(url), location.href).pathname);
    } catch (error) {
      this.searchIndexRequest = false;
    }
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndexRequest && !started) {
      var request = this;
      var args = arguments;
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function start() {
    if (started) return;
    started = true;
    var queued = waiting;
    waiting = [];
    queued.forEach(function (go) { go(); });
  }

  function intent(event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('label[for="__search"], [data-md-component="search"], #__search')) start();
  }

  ["pointerover", "pointerdown", "touchstart", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, intent, { capture: true, passive: true });
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") start();
  }, true);
  if (new URLSearchParams(location.search).has("q")) start();
})();
