/* abc: sorting and filtering the People index (people/index.html), in the browser.

   The page is complete without this script: the server lists people most overdue
   first, with every status in words. The script adds a sort button to each column
   heading (aria-sort says the order) and shows the filter form. It sorts and
   filters by the values in each row's data attributes (data-days-late, data-last,
   ...), never by the text shown. No library, no request: it works from file://
   and offline. On the pool's page it runs the Find (#abc-pool-filter); other pages
   have neither, so it does nothing there. */
(function () {
  "use strict";

  function value(row, key, type) {
    var raw = row.getAttribute("data-" + key) || "";
    if (type === "number") {
      return raw === "" ? null : Number(raw);
    }
    return raw === "" ? null : raw.toLowerCase();
  }

  /* Empty values (never touched, not planned) go last whichever the direction;
     equal values keep the server's order, which is by name within a status. */
  function compare(a, b, dir) {
    if (a.v === null || b.v === null) {
      return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
    }
    if (a.v < b.v) { return -dir; }
    if (a.v > b.v) { return dir; }
    return a.i - b.i;
  }

  function setup(table) {
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var original = Array.prototype.slice.call(body.rows);
    original.forEach(function (row, i) { row.setAttribute("data-order", String(i)); });

    function sortBy(th, dir) {
      var key = th.getAttribute("data-sort");
      var type = th.getAttribute("data-type");
      var keyed = Array.prototype.map.call(body.rows, function (row) {
        return { row: row, v: value(row, key, type),
                 i: Number(row.getAttribute("data-order")) };
      });
      keyed.sort(function (a, b) { return compare(a, b, dir); });
      keyed.forEach(function (k) { body.appendChild(k.row); });
      heads.forEach(function (h) {
        if (h === th) {
          h.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        } else {
          h.removeAttribute("aria-sort");
        }
      });
    }

    heads.forEach(function (th) {
      if (!th.hasAttribute("data-sort")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "abc-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var now = th.getAttribute("aria-sort");
        // A click on the sorted column reverses it; on another, status sorts most late
        // first and every other column ascending.
        var dir = now === "ascending" ? -1 : now === "descending" ? 1
          : th.getAttribute("data-sort") === "days-late" ? -1 : 1;
        sortBy(th, dir);
      });
    });
    return body;
  }

  function setupFilter(form, body, count) {
    function apply() {
      var q = form.elements.q.value.trim().toLowerCase();
      var circle = form.elements.circle.value;
      var state = form.elements.status.value;
      var tag = form.elements.tag.value;
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var tags = (row.getAttribute("data-tags") || "").split("|");
        var ok = (!circle || row.getAttribute("data-circle") === circle) &&
          (!state || row.getAttribute("data-status") === state) &&
          (!tag || tags.indexOf(tag) >= 0) &&
          (!q || (row.getAttribute("data-search") || "").toLowerCase().indexOf(q) >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = "Showing " + shown + " of " + body.rows.length + " kept.";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    count.hidden = false;
    apply();
  }

  /* The pool's Find: hides the people who do not match, and opens (or, when nobody in
     it matches, hides) each letter's folded list; cleared, the letters fold again. */
  function setupPool(form, count) {
    var items = Array.prototype.slice.call(
      document.querySelectorAll(".abc-pool > li[data-search]"));
    var groups = Array.prototype.slice.call(
      document.querySelectorAll("details.abc-pool-group"));
    function apply() {
      var q = form.elements.q.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (li) {
        var ok = !q || li.getAttribute("data-search").toLowerCase().indexOf(q) >= 0;
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      groups.forEach(function (group) {
        var any = group.querySelector("li:not([hidden])") !== null;
        group.hidden = Boolean(q) && !any;
        group.open = Boolean(q) && any;
      });
      count.hidden = !q;
      count.textContent = q ? shown + " of " + items.length.toLocaleString("en") +
        " in the pool match." : "";
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
  }

  function start() {
    var pool = document.getElementById("abc-pool-filter");
    var poolCount = document.getElementById("abc-pool-count");
    if (pool && poolCount) { setupPool(pool, poolCount); }
    var table = document.getElementById("abc-people");
    if (!table || !table.tHead || !table.tBodies.length) { return; }
    var body = setup(table);
    var form = document.getElementById("abc-people-filter");
    var count = document.getElementById("abc-people-count");
    if (form && count) { setupFilter(form, body, count); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
