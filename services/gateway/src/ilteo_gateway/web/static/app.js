// The page's own behaviour: the CSRF header on htmx requests, and the suggestion list.
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)ilteo_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.detail.target;
    if (list.id !== "suggestions") return;
    list.hidden = list.children.length === 0;
  });

  // On a phone the filters start folded, so that the results come first.
  document.addEventListener("DOMContentLoaded", function () {
    var filters = document.getElementById("filters");
    var narrow = window.matchMedia("(max-width: 47.99rem)").matches;
    var filtering = /[?&](district|occupation|employment_type|career|source)=/
      .test(window.location.search);
    if (filters && narrow && !filtering) filters.open = false;
  });

  // A new sort order searches at once; without scripts the search button does it.
  document.addEventListener("change", function (event) {
    if (event.target.id === "sort" && event.target.form) event.target.form.submit();
  });

  document.addEventListener("keydown", function (event) {
    var list = document.getElementById("suggestions");
    if (!list || !list.children.length) return;
    if (event.key === "Escape") {
      list.innerHTML = "";
      list.hidden = true;
      document.getElementById("q").focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) { document.getElementById("q").focus(); event.preventDefault(); return; }
    if (next < links.length) { links[next].focus(); event.preventDefault(); }
  });
})();
