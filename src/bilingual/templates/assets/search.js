/* bilingual bundle: the search page. Starts Pagefind's UI (pagefind-ui.js, loaded before this
   file) with the page's own strings, which come from the site's gettext catalogs, and searches
   for the words the search box of another page sent (?q=). Pagefind fetches its index, which a
   browser allows over http(s) only: from a file:// path the page says so instead. */
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
  var ui = new PagefindUI({
    element: "#search",
    showImages: false,
    showSubResults: false,
    translations: JSON.parse(element.getAttribute("data-strings") || "{}"),
  });
  var words = new URLSearchParams(window.location.search).get("q");
  if (words) ui.triggerSearch(words);
})();
