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

/* Wide tables and notebook outputs wider than the page scroll sideways:
   keyboard users must be able to focus them to scroll (WCAG 2.1.1), as Material does for code. */
(function () {
  "use strict";
  var scrollers = ".md-typeset__scrollwrap, .notebook-output pre > code";
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

/* The facilitator view (facilitators/live/): one block of the session at a time, with a timer of
   its minutes, its prompts and the next block. Buttons and keys (arrows, space, R) drive it; it
   needs nothing from the network. Without this script the page shows the whole plan. */
(function () {
  "use strict";
  function start() {
    var view = document.querySelector(".facilitator-view");
    if (!view) return;
    var blocks = Array.prototype.slice.call(view.querySelectorAll(".fv-block"));
    var controls = view.querySelector(".fv-controls");
    var clock = view.querySelector(".fv-clock");
    var announce = view.querySelector(".fv-announce");
    var timerButton = view.querySelector("[data-fv='timer']");
    if (!blocks.length || !controls) return;
    var current = 0, left = 0, ticking = null;
    var hash = window.location.hash.replace("#", "");
    blocks.forEach(function (block, index) { if (block.id === hash) current = index; });

    function shown(seconds) {
      var m = Math.floor(seconds / 60), s = seconds % 60;
      return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    }
    function stop() {
      if (ticking) window.clearInterval(ticking);
      ticking = null;
      timerButton.textContent = left > 0 ? "Start the timer" : "Time is up";
    }
    function reset() {
      stop();
      left = parseInt(blocks[current].getAttribute("data-minutes"), 10) * 60;
      clock.textContent = shown(left);
      clock.classList.remove("fv-clock--warning", "fv-clock--over");
      timerButton.textContent = "Start the timer";
    }
    function tick() {
      left -= 1;
      clock.textContent = shown(Math.max(left, 0));
      if (left === 120) {
        clock.classList.add("fv-clock--warning");
        announce.textContent = "Two minutes left in this block.";
      }
      if (left <= 0) {
        clock.classList.add("fv-clock--over");
        announce.textContent = "Time is up: " + blocks[current].querySelector(".fv-next").textContent;
        stop();
      }
    }
    function toggle() {
      if (ticking) { stop(); announce.textContent = "Timer paused."; return; }
      if (left <= 0) reset();
      ticking = window.setInterval(tick, 1000);
      timerButton.textContent = "Pause the timer";
    }
    function show(index) {
      current = Math.max(0, Math.min(blocks.length - 1, index));
      blocks.forEach(function (block, i) { block.hidden = i !== current; });
      reset();
      var title = blocks[current].querySelector(".fv-title");
      announce.textContent = title ? title.textContent : "";
      if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#" + blocks[current].id);
    }
    view.classList.add("is-live");
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-fv");
      if (action === "previous") show(current - 1);
      if (action === "next") show(current + 1);
      if (action === "timer") toggle();
    });
    view.addEventListener("keydown", function (event) {
      if (event.target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
      if (event.key === "ArrowRight" || event.key === "PageDown") { show(current + 1); event.preventDefault(); }
      else if (event.key === "ArrowLeft" || event.key === "PageUp") { show(current - 1); event.preventDefault(); }
      else if (event.key === " ") { toggle(); event.preventDefault(); }
      else if (event.key === "r" || event.key === "R") { reset(); event.preventDefault(); }
    });
    show(current);
  }
  document.addEventListener("DOMContentLoaded", start);
})();
