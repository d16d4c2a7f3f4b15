/* Accessible names that Material's templates leave out, added once the page has loaded:
   the search dialog, and navigation sections whose heading is a link to the section's
   index page (their label holds only an icon, so screen readers would announce nothing). */
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) {
    var input = search.querySelector("input[aria-label]");
    search.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
  }
  document.querySelectorAll("nav[aria-labelledby]").forEach(function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.querySelector(":scope > .md-nav__title");
    if (label && !label.textContent.trim() && title && title.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  });
})();

/* Wide tables and notebook cells whose code or output is wider than the page scroll sideways:
   keyboard users must be able to focus them to scroll (WCAG 2.1.1), as Material does for code. */
(function () {
  "use strict";
  var scrollers = ".md-typeset__scrollwrap, .jp-Notebook .highlight-ipynb, " +
                  ".jp-Notebook .jp-OutputArea-output pre, .jp-Notebook .jp-RenderedHTMLCommon";
  function reachable() {
    document.querySelectorAll(scrollers).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
        box.setAttribute("tabindex", "0");
      }
    });
  }
  // Material wraps tables once the document is parsed, and fonts change widths until load.
  document.addEventListener("DOMContentLoaded", reachable);
  window.addEventListener("load", reachable);
  window.addEventListener("resize", reachable);
})();
