/* bilingual bundle: the search page. Starts Pagefind's UI (pagefind-ui.js, loaded before this
   file) with the page's own strings, which come from the site's gettext catalogs, on the
   language's indexes (data-bundles: the first is the primary, the others are merged into it),
   and searches for the words the search box of another page sent (?q=). Pagefind fetches its
   indexes, which a browser allows over http(s) only: from a file:// path the page says so. */
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element) return;
  if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
    var note = document.createElement("p");
    note.className = "empty";
    note.textContent = element.getAttribute("data-file-message");
    element.appendChild(note);
    return;
  }
  // Paths from the server's root: Pagefind takes the site's folder from them (the part
  // before "pagefind/"), for its results' links.
  var bundles = JSON.parse(element.getAttribute("data-bundles") || "[]").map(function (folder) {
    return new URL(folder, window.location.href).pathname;
  });
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (path) {
      return { bundlePath: path };
    }),
    showImages: false,
    showSubResults: false,
    translations: JSON.parse(element.getAttribute("data-strings") || "{}"),
  });
  var words = new URLSearchParams(window.location.search).get("q");
  if (words) ui.triggerSearch(words);
})();
