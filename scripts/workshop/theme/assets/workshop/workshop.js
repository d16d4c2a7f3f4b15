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
   needs nothing from the network. Without this script the page shows the whole plan.
   The countdown is read from the real clock (Date.now when the timer started), so a tab that the
   browser slows down in the background, behind the slides, still shows the true time left; past
   the block's time it counts on, as "+01:30". The view takes the keyboard focus on load, and the
   clock and buttons stay in view under the header (sticky), whatever is scrolled. */
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
    var current = 0;
    var budget = 0;          // milliseconds left when the timer was last started or paused
    var startedAt = null;    // Date.now() when it was started; null while paused
    var ticking = null, warned = false, overtime = false;
    // "#block-<id>" names the block without being an element's id, so the page does not jump to it.
    var hash = window.location.hash.replace(/^#(block-)?/, "");
    blocks.forEach(function (block, index) {
      if (block.id === hash || block.id === "fv-" + hash) current = index;
    });

    function two(n) { return (n < 10 ? "0" : "") + n; }
    function shown(ms) {
      var over = ms < 0;
      var seconds = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
      return (over ? "+" : "") + two(Math.floor(seconds / 60)) + ":" + two(seconds % 60);
    }
    function left() { return startedAt === null ? budget : budget - (Date.now() - startedAt); }
    function paint() {
      var ms = left();
      clock.textContent = shown(ms);
      if (ms <= 120000 && !warned && ms > 0 && startedAt !== null) {
        warned = true;
        clock.classList.add("fv-clock--warning");
        announce.textContent = "Two minutes left in this block.";
      }
      if (ms <= 0 && !overtime) {
        overtime = true;
        clock.classList.add("fv-clock--over");
        announce.textContent = "Time is up: " + blocks[current].querySelector(".fv-next").textContent;
      }
    }
    function pause() {
      if (ticking) window.clearInterval(ticking);
      ticking = null;
      budget = left();
      startedAt = null;
      timerButton.textContent = "Start the timer";
    }
    function reset() {
      if (ticking) window.clearInterval(ticking);
      ticking = null;
      startedAt = null;
      budget = parseInt(blocks[current].getAttribute("data-minutes"), 10) * 60000;
      warned = false;
      overtime = false;
      clock.classList.remove("fv-clock--warning", "fv-clock--over");
      clock.textContent = shown(budget);
      timerButton.textContent = "Start the timer";
    }
    function toggle() {
      if (startedAt !== null) { pause(); announce.textContent = "Timer paused."; return; }
      startedAt = Date.now();
      ticking = window.setInterval(paint, 250);
      timerButton.textContent = "Pause the timer";
    }
    function show(index) {
      current = Math.max(0, Math.min(blocks.length - 1, index));
      blocks.forEach(function (block, i) { block.hidden = i !== current; });
      reset();
      var title = blocks[current].querySelector(".fv-title");
      announce.textContent = title ? title.textContent : "";
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", "#block-" + blocks[current].id.replace(/^fv-/, ""));
      }
    }
    function typing(target) {
      var tag = target && target.tagName;
      return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
    }
    view.classList.add("is-live");
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-fv");
      if (action === "previous") show(current - 1);
      if (action === "next") show(current + 1);
      if (action === "timer") toggle();
    });
    // Keys work wherever the focus is on this page, except in the search box or another field.
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      if (event.target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
      if (event.target.tagName === "A" && event.key === " ") return;
      if (event.key === "ArrowRight" || event.key === "PageDown") { show(current + 1); event.preventDefault(); }
      else if (event.key === "ArrowLeft" || event.key === "PageUp") { show(current - 1); event.preventDefault(); }
      else if (event.key === " ") { toggle(); event.preventDefault(); }
      else if (event.key === "r" || event.key === "R") { reset(); event.preventDefault(); }
    });
    show(current);
    // In view on load: the view's top (its clock and buttons) just under the sticky header, never
    // hidden beneath it as a jump to an "#fv-..." link would leave it; and the keyboard works at once.
    function settle() {
      var header = document.querySelector(".md-header");
      var below = header ? header.getBoundingClientRect().height : 0;
      window.scrollTo(0, Math.max(0, window.pageYOffset + view.getBoundingClientRect().top - below - 8));
    }
    settle();
    window.addEventListener("load", settle);
    view.focus({ preventScroll: true });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
