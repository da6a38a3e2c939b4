/* Search with Pagefind in Material's header box.

   The build indexes the site with Pagefind (the content inside data-pagefind-body,
   navigation left out): a small entry file, then index chunks and page fragments
   fetched only for the words a reader types. This script, loaded before Material's
   bundle (overrides/main.html), does three things:

   - It holds back the theme's own whole-site index for good: Material's lunr
     index (search/search_index.json), which grows with every page and Material
     would fetch and parse all of it on the first search, and Zensical's
     search.json. Zensical's bundle renders its own search dialog (with its own
     worker and input) only once search.json has loaded; without it, the header
     box below is the only one, under both builds.
   - When the reader types in the header box (opened with a click, the / or s
     shortcut, or a ?q= link), it loads /pagefind/pagefind.js on demand, searches,
     and writes the results into Material's result list, so the box, its styles and
     its keyboard handling stay Material's.
   - A ?q= address (the 404 page's form, shared links) opens the box with the query,
     and so do Material's shortcuts (f, s, /) where the theme's bundle leaves the
     box closed: Zensical's sends / to its own dialog and has no s.

   Results are built with DOM methods: titles as text, excerpts keep only <mark>. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);  // the site's root

  // The theme's whole-site index, never requested: Material's lunr index, Zensical's
  // search.json (both bundles fetch it with XMLHttpRequest).
  var LUNR_INDEX = /\/search\/search_index\.json$/;
  var ZENSICAL_INDEX = new URL("search.json", root).pathname;
  function themeIndex(url) {
    var path = new URL(String(url), location.href).pathname;
    return LUNR_INDEX.test(path) || path === ZENSICAL_INDEX;
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.themeIndexRequest = themeIndex(url);
    } catch (error) {
      this.themeIndexRequest = false;
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.themeIndexRequest) return undefined;
    return send.apply(this, arguments);
  };
  var SHOWN = 10;
  // Words nearly every page has. Pagefind indexes them (its exact-phrase search needs
  // them), but the index chunk of each grows with every page: a query leaves them out
  // unless it is a "quoted phrase" or nothing else is left, as Material's lunr search
  // did. benchmarks/build_growth.py reads this list to price the worst first search.
  var STOP_WORDS = ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with"];
  var loading = null;
  var latest = 0;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: root.pathname })).then(function () {
          return module.init ? module.init() : null;
        }).then(function () { return module; });
      });
    }
    return loading;
  }

  function parts() {
    var box = document.querySelector("[data-md-component=search]");
    if (!box) return null;
    return {
      input: box.querySelector("[data-md-component=search-query]"),
      meta: box.querySelector(".md-search-result__meta"),
      list: box.querySelector(".md-search-result__list")
    };
  }

  function excerptNodes(excerpt) {
    var out = document.createDocumentFragment();
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body;
    parsed.querySelectorAll("p").forEach(function (p) {
      p.childNodes.forEach(function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          out.appendChild(mark);
        } else {
          out.appendChild(document.createTextNode(node.textContent));
        }
      });
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    var text = document.createElement("p");
    text.appendChild(excerptNodes(data.excerpt || ""));
    article.appendChild(title);
    article.appendChild(text);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  // The words Pagefind is asked for: the query without its stop words (see STOP_WORDS).
  function searchTerms(query) {
    if (/^\s*".+"\s*$/.test(query)) return query;
    var kept = query.split(/\s+/).filter(function (word) {
      var bare = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      return STOP_WORDS.indexOf(bare) < 0;
    });
    return kept.length ? kept.join(" ") : query;
  }

  function search(query) {
    var el = parts();
    if (!el) return;
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      el.list.replaceChildren();
      el.meta.textContent = "Type to start searching";
      return;
    }
    pagefind().then(function (module) {
      return module.search(searchTerms(query));
    }).then(function (found) {
      if (ticket !== latest || !found) return null;
      return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) return;
        var count = found.results.length;
        el.meta.textContent = count === 0 ? "No matching documents"
          : count === 1 ? "1 matching document" : count + " matching documents";
        el.list.replaceChildren.apply(el.list, data.map(item));
      });
    }).catch(function () {
      if (ticket === latest) el.meta.textContent = "Search could not load";
    });
  }

  var timer = 0;
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.matches("[data-md-component=search-query]")) return;
    clearTimeout(timer);
    timer = setTimeout(function () { search(target.value); }, 120);
  }, true);

  // Pointing at the box or opening it starts loading Pagefind's small entry file.
  function intent(event) {
    if (event.target instanceof Element
        && event.target.closest('label[for="__search"], [data-md-component="search"], #__search')) pagefind();
  }
  ["pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, intent, { capture: true, passive: true });
  });

  function openBox(el) {
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) toggle.click();
    el.input.focus();
  }

  function fromAddress() {
    var query = new URLSearchParams(location.search).get("q");
    var el = parts();
    if (!query || !el) return;
    el.input.value = query;
    openBox(el);
    search(query);
  }

  // Material's shortcuts, where the bundle has not already put the reader in the box
  // (Material's always has; Zensical's does not). Keys typed in a field are the field's.
  var SHORTCUTS = ["f", "s", "/"];
  function shortcut(event) {
    var el = parts();
    if (!el || SHORTCUTS.indexOf(event.key) < 0 || document.activeElement === el.input) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var target = event.target;
    if (target instanceof Element
        && (target.isContentEditable || target.closest("input, textarea, select"))) return;
    event.preventDefault();
    openBox(el);
  }

  function ready() {
    fromAddress();
    // Added once the theme's bundle has run, so this listener runs after the bundle's own.
    window.addEventListener("keydown", shortcut);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
