/* abc: sorting and filtering the People index (people/index.html), in the browser.

   The page is complete without this script: the server lists people most overdue
   first, with every status in words. The script adds a sort button to each column
   heading (aria-sort says the order) and shows the filter form. It sorts and
   filters by the values in each row's data attributes (data-days-late, data-last,
   ...), never by the text shown. No library, no request: it works from file://
   and offline. Other pages have no #abc-people table, so it does nothing there. */
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

  function start() {
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
