/* abc: accessibility fixes to Material's own markup, which its templates do not
   give and CSS cannot add. Each answers a finding of axe-core on the demo site
   (tests/test_a11y.py). Nothing here fetches anything or changes a page's text.

   - The search overlay is a dialog without a name: it gets the search box's own
     label ("Search"), so a screen reader says which dialog opened.
   - A navigation section whose title is a link to its index page is labelled by
     an element that holds only an icon, so it has no name, and two such sections
     would be two unnamed navigation landmarks: it is named after its title.
   - Material puts each code block's copy button in a <nav> of its own, so a
     page with two code blocks has two unnamed navigation landmarks that are no
     navigation at all: they lose the landmark role (the button stays).
   - A table wider than the screen scrolls sideways inside Material's wrapper,
     which a keyboard cannot reach: while it overflows, the wrapper is a named,
     focusable region (named after the table's caption or the heading above it). */
(function () {
  "use strict";

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (!dialog || dialog.hasAttribute("aria-label")) return;
    var input = dialog.querySelector("input[aria-label]");
    dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
  }

  function nameSections() {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (text(label)) return;
      var title = text(nav.querySelector(":scope > .md-nav__title"));
      if (!title) return;
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title);
    });
  }

  function unlandmarkCodeTools() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  function headingBefore(el) {
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4");
    var found = null;
    headings.forEach(function (h) {
      if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
    });
    return found ? text(found).replace(/¶$/, "").trim() : "";
  }

  function tableName(wrap) {
    var caption = text(wrap.querySelector("caption"));
    if (caption) return caption;
    var heading = headingBefore(wrap);
    return heading ? "Table: " + heading : "Table";
  }

  function markScrolling() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      if (wide && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("data-abc-scroll", "");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", tableName(wrap));
      } else if (!wide && wrap.hasAttribute("data-abc-scroll")) {
        ["data-abc-scroll", "tabindex", "role", "aria-label"].forEach(function (a) {
          wrap.removeAttribute(a);
        });
      }
    });
  }

  function fix() {
    nameSearch();
    nameSections();
    unlandmarkCodeTools();
    markScrolling();
  }

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      markScrolling();
    });
  });
  // Material wraps the tables while it mounts the page (document$, where it has
  // one); the load event comes after that in every case.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      window.setTimeout(fix, 0);
    });
  }
  window.addEventListener("load", fix);
  if (document.readyState === "complete") fix();
})();
