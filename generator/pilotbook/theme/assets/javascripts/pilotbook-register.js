/* pilotbook: the register's filters, find box, sorting and download
   (pilotbook/site/register.py). Everything comes from the table's own rows: nothing is
   fetched, so the register works opened from disk (file://) as on a server. Without
   this script the whole table shows, and the tools stay hidden. */
(function () {
  "use strict";

  /* A cell of a spreadsheet that shows its text on one line and never runs, by the
     rules of pilotbook's own CSV (pilotbook/text/escaping.py, csv_cell). */
  function csvCell(value) {
    value = value.replace(/\s+/g, " ").trim()
      .replace(/##vso\[/gi, function (command) { return command.slice(0, -1) + "\\["; });
    if (/^[=+\-@\t\r]/.test(value) || /^\s*(::|##\[)/.test(value)) value = "'" + value;
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /* What a cell says in words: the marks that only the eye needs left out. */
  function words(cell) {
    var text = cell.textContent;
    cell.querySelectorAll("[aria-hidden]").forEach(function (mark) {
      text = text.replace(mark.textContent, "");
    });
    return text.trim();
  }

  function setUp(root) {
    var form = root.querySelector(".pb-register-tools");
    var table = root.querySelector(".pb-register-table");
    if (!form || !table || root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var find = form.querySelector("input[type=search]");
    var count = root.querySelector(".pb-register-count");
    var nobody = root.querySelector(".pb-register-nobody");
    /* Letters that folding turns into others (ø: o); the marks of the rest go below. */
    var letters = JSON.parse(form.getAttribute("data-letters") || "{}");
    var special = new RegExp("[" + Object.keys(letters).join("") + "]", "g");
    var folded = null; /* each row's words, folded, from the first search on */
    var collator = new Intl.Collator(document.documentElement.lang || undefined,
      { sensitivity: "base", numeric: true });

    function fold(text) {
      return text.replace(special, function (letter) { return letters[letter]; })
        .normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase();
    }

    function matches(row, index, chosen, query) {
      for (var i = 0; i < chosen.length; i++) {
        var key = chosen[i][0], value = chosen[i][1];
        var kept = key === "p"
          ? row.getAttribute("data-p").split(" ")[value] !== "0"
          : row.getAttribute("data-" + key) === value;
        if (!kept) return false;
      }
      return query.every(function (word) { return folded[index].indexOf(word) >= 0; });
    }

    function update() {
      var chosen = selects
        .filter(function (select) { return select.value !== ""; })
        .map(function (select) { return [select.getAttribute("data-filter"), select.value]; });
      var query = fold(find.value).split(/\s+/).filter(Boolean);
      if (query.length && !folded) {
        folded = rows.map(function (row) { return fold(row.textContent); });
      }
      var shown = 0;
      rows.forEach(function (row, index) {
        var show = matches(row, index, chosen, query);
        if (row.hidden === show) row.hidden = !show;
        if (show) shown++;
      });
      count.textContent = count.getAttribute("data-words")
        .replace("{shown}", shown).replace("{count}", rows.length);
      nobody.hidden = shown > 0;
    }

    /* Sort keys: a filtered column by the order of its filter's choices (the chosen
       first, then the shortlisted ...), a phase by the level, the rest by its words. */
    function keys(head, column) {
      var key = head.getAttribute("data-sort");
      if (key.charAt(0) === "p") {
        var phase = Number(key.slice(1));
        return rows.map(function (row) { return Number(row.getAttribute("data-p").split(" ")[phase]); });
      }
      var select = key && form.querySelector('select[data-filter="' + key + '"]');
      if (select) {
        var order = Array.prototype.map.call(select.options, function (o) { return o.value; });
        return rows.map(function (row) { return order.indexOf(row.getAttribute("data-" + key)); });
      }
      return rows.map(function (row) { return words(row.cells[column]); });
    }

    function sortBy(head, column) {
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      var values = keys(head, column);
      var order = rows.map(function (_, index) { return index; });
      order.sort(function (a, b) {
        var x = values[a], y = values[b];
        var by = typeof x === "number" ? x - y : collator.compare(x, y);
        return (ascending ? by : -by) || a - b;
      });
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var sorted = document.createDocumentFragment();
      order.forEach(function (index) { sorted.appendChild(rows[index]); });
      body.appendChild(sorted);
    }

    heads.forEach(function (head, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pb-register-sort";
      while (head.firstChild) button.appendChild(head.firstChild);
      head.appendChild(button);
      button.addEventListener("click", function () { sortBy(head, column); });
    });

    function download() {
      var lines = [heads.map(function (head) { return csvCell(words(head)); }).join(",")];
      Array.prototype.forEach.call(body.rows, function (row) {
        if (!row.hidden) {
          lines.push(Array.prototype.map.call(row.cells, function (cell) {
            return csvCell(words(cell));
          }).join(","));
        }
      });
      var file = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = this.getAttribute("data-file");
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    }

    /* An anchor chooses a filter: #pb-r-d-legal shows legal's people (site/register.py). */
    function fromAddress() {
      var chosen = /^#pb-r-([a-z])-(.+)$/.exec(decodeURIComponent(location.hash));
      var select = chosen && form.querySelector('select[data-filter="' + chosen[1] + '"]');
      if (select && select.querySelector('option[value="' + CSS.escape(chosen[2]) + '"]')) {
        selects.forEach(function (other) { other.value = ""; });
        select.value = chosen[2];
        update();
      }
    }

    selects.forEach(function (select) { select.addEventListener("change", update); });
    window.addEventListener("hashchange", fromAddress);
    find.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector(".pb-register-download").addEventListener("click", download);
    form.hidden = false;
    fromAddress();
  }

  function start() {
    document.querySelectorAll(".pb-register").forEach(setUp);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); /* instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
