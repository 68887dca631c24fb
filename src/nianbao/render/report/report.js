// nianbao report: views, sorting and filtering. Reads its data with JSON.parse from the page, writes
// only text (textContent) and classes: no report text ever becomes markup here.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var data = JSON.parse(document.getElementById("nianbao-data").textContent);
  var words = data.words;
  var batch = document.getElementById("batch");
  var open = null;

  // ---------------------------------------------------------------- views: #batch, #r3, #r3f12 …
  function show(hash) {
    var id = decodeURIComponent((hash || "").replace(/^#/, ""));
    var target = id ? document.getElementById(id) : null;
    var report = target ? target.closest(".report") : null;
    if (open && open !== report) open.classList.remove("open");
    if (report) {
      report.classList.add("open");
      batch.classList.add("hidden");
      document.body.classList.add("viewing");
      open = report;
    } else {
      batch.classList.remove("hidden");
      document.body.classList.remove("viewing");
      open = null;
    }
    var k = findingOf(id);
    if (k !== null || lit.indexOf(target) < 0) focus(report, k); // a place of the finding in view keeps it lit
    if (target && target !== report && target !== batch) {
      for (var p = target.parentElement; p; p = p.parentElement) {
        if (p.tagName === "DETAILS") p.open = true;
      }
      target.scrollIntoView({ block: target.classList.contains("tbl") ? "start" : "center" });
      var flash = target.classList.contains("an") ? target.nextElementSibling || target : target;
      flash.classList.remove("flash");
      void flash.offsetWidth; // restart the animation
      flash.classList.add("flash");
    } else {
      window.scrollTo(0, 0);
    }
  }
  window.addEventListener("hashchange", function () { show(location.hash); });

  // the finding in view: its note, its marks, its cells and the places it relates to, lit together
  var lit = [];
  function focus(report, k) {
    lit.forEach(function (el) { el.classList.remove("on"); });
    lit = [];
    if (!report || k === null) return;
    var sel = '[data-f~="' + k + '"], [data-r~="' + k + '"], #' + report.id + "f" + k;
    lit = Array.prototype.slice.call(report.querySelectorAll(sel));
    lit.forEach(function (el) { el.classList.add("on"); });
  }
  function findingOf(id) {
    var m = /^r\d+[fm](\d+)/.exec(id);
    return m ? m[1] : null;
  }

  function go(id) {
    if (location.hash === "#" + id) show(location.hash);
    else location.hash = id;
  }

  // a marked stretch of text or a highlighted cell opens its note; a related place, the finding it serves
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-f], [data-r], [data-x], [data-xa]") : null;
    var note = ev.target.closest ? ev.target.closest(".note[data-f]") : null;
    if (note && !ev.target.closest("a, summary")) focus(note.closest(".report"), note.getAttribute("data-f"));
    if (!el || el.closest(".note") || el.closest("a")) return;
    var report = el.closest(".report");
    if (!report) return;
    var p = report.id;
    var f = el.getAttribute("data-f"), r = el.getAttribute("data-r"), x = el.getAttribute("data-x");
    if (f) go(p + "f" + f.split(" ")[0]);
    else if (r) go(p + "f" + r.split(" ")[0]);
    else if (x) go(p + "z" + x.split(" ")[0]);
    else {
      var xa = el.getAttribute("data-xa");
      if (xa) go(xa.replace("y", "z"));
    }
  });

  // information-level findings shown or not, per report
  document.addEventListener("change", function (ev) {
    var box = ev.target;
    if (box.classList && box.classList.contains("showinfo")) {
      box.closest(".report").classList.toggle("noinfo", !box.checked);
    }
  });

  // ---------------------------------------------------------------- the summary table
  var table = document.querySelector("table.sum");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var byIndex = {};
  data.reports.forEach(function (r) { byIndex[r.i] = r; });
  var organ = document.getElementById("f-organ");
  var code = document.getElementById("f-code");
  var severity = document.getElementById("f-severity");
  var shown = document.getElementById("shown");

  function matches(r) {
    var q = organ.value.trim().toLowerCase();
    if (q && ((r.organ || "") + " " + r.path).toLowerCase().indexOf(q) < 0) return false;
    var c = code.value, s = severity.value;
    var codes = r.codes || {};
    if (c && !codes[c]) return false;
    if (s) {
      var any = Object.keys(codes).some(function (k) { return codes[k][s] > 0 && (!c || k === c); });
      if (!any) return false;
    }
    return true;
  }

  function filter() {
    var n = 0;
    rows.forEach(function (tr) {
      var ok = matches(byIndex[tr.getAttribute("data-i")]);
      tr.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = words.shown.replace("{n}", n).replace("{total}", rows.length);
  }
  [organ, code, severity].forEach(function (el) {
    el.addEventListener("input", filter);
    el.addEventListener("change", filter);
  });

  var collator = new Intl.Collator(data.lang === "en" ? "en" : "zh-Hans-CN", { numeric: true });
  function key(r, k) {
    if (k === "codes") return Object.keys(r.codes || {}).sort().join(" ");
    var v = r[k];
    return v === null || v === undefined ? "" : v;
  }
  function compare(a, b, k) {
    var x = key(a, k), y = key(b, k);
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (x === "" && y !== "") return 1; // the empty last, whichever way
    if (y === "" && x !== "") return -1;
    return collator.compare(String(x), String(y));
  }
  Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-key]"), function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var k = th.getAttribute("data-key");
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-key]"), function (o) {
        o.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", dir);
      var sign = dir === "ascending" ? 1 : -1;
      rows.sort(function (a, b) {
        var ra = byIndex[a.getAttribute("data-i")], rb = byIndex[b.getAttribute("data-i")];
        var c = compare(ra, rb, k);
        var blank = key(ra, k) === "" || key(rb, k) === ""; // blanks stay last, either way
        return (blank ? c : sign * c) || ra.i - rb.i; // ties in the order of the file
      });
      rows.forEach(function (tr) { body.appendChild(tr); });
    });
  });

  // a bar of a chart filters the table by its code or organ
  Array.prototype.forEach.call(document.querySelectorAll(".chart .bar"), function (bar) {
    bar.addEventListener("click", function () {
      if (bar.hasAttribute("data-code")) code.value = bar.getAttribute("data-code");
      if (bar.hasAttribute("data-organ")) organ.value = bar.getAttribute("data-organ");
      filter();
      table.scrollIntoView({ block: "start" });
    });
  });

  filter();
  show(location.hash);
  window.nianbaoReady = true;
})();
