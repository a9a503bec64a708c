// Sortable leaderboard tables and expandable row details. Plain DOM, no dependencies, nothing fetched.
(function () {
  "use strict";

  function cellValue(row, col, type) {
    var v = row.cells[col].getAttribute("data-v");
    if (type === "num") {
      return v === null || v === "" ? null : parseFloat(v);
    }
    return (v === null ? row.cells[col].textContent : v).toLowerCase();
  }

  function sortBy(table, th, col) {
    var type = th.getAttribute("data-type");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var pairs = Array.prototype.map.call(body.querySelectorAll("tr.row"), function (row, i) {
      return { row: row, details: row.nextElementSibling, key: cellValue(row, col, type), i: i };
    });
    pairs.sort(function (a, b) {
      if (a.key === null || b.key === null) {  // missing values last, whatever the direction
        return a.key === b.key ? a.i - b.i : (a.key === null ? 1 : -1);
      }
      var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (ascending ? c : -c) || a.i - b.i;
    });
    pairs.forEach(function (p) {
      body.appendChild(p.row);
      body.appendChild(p.details);
    });
  }

  function toggle(row) {
    var details = row.nextElementSibling;
    var open = details.hidden;
    details.hidden = !open;
    row.setAttribute("aria-expanded", open ? "true" : "false");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.lb"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, col); });
      th.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sortBy(table, th, col); }
      });
    });
    table.tBodies[0].addEventListener("click", function (ev) {
      var row = ev.target.closest("tr.row");
      if (row && !ev.target.closest("a")) { toggle(row); }
    });
    table.tBodies[0].addEventListener("keydown", function (ev) {
      var row = ev.target.closest("tr.row");
      if (row && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); toggle(row); }
    });
  });

  // The whole board as data (leaderboard.json), for anyone who opens the console.
  window.DQB_LEADERBOARD = JSON.parse(document.getElementById("dqb-data").textContent);
})();
