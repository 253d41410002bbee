/* stigcheck HTML report (reports/html.xsl): filters, search, paging and
 * details.  Inlined into every report; no external resource.  Without
 * script the report shows every rule, with details closed. */
(function () {
  "use strict";
  var PAGE = 200;
  var table = document.getElementById("rules-table");
  if (!table) return;
  var rules = Array.prototype.slice.call(table.tBodies);
  var form = document.getElementById("filters");
  var q = document.getElementById("q");
  var shown = document.getElementById("shown");
  var more = document.getElementById("more");
  var texts = null;		/* lower-case text of each rule, built on first search */
  var limit = PAGE;

  function checked(name) {
    var set = {};
    var boxes = form.querySelectorAll("input[name=" + name + "]");
    for (var i = 0; i < boxes.length; i++)
      if (boxes[i].checked) set[boxes[i].value] = true;
    return set;
  }

  function apply() {
    var rs = checked("r"), ss = checked("s");
    var term = q.value.trim().toLowerCase();
    if (term && !texts)
      texts = rules.map(function (b) { return b.textContent.toLowerCase(); });
    var match = 0, visible = 0;
    for (var i = 0; i < rules.length; i++) {
      var b = rules[i];
      /* booleans: the value of an unchecked box is missing from the set (undefined), and
       * undefined === false would never hide the row */
      var ok = rs[b.getAttribute("data-r")] === true &&
        ss[b.getAttribute("data-s")] === true &&
        (!term || texts[i].indexOf(term) >= 0);
      if (ok) match++;
      var show = ok && (match <= limit || b.classList.contains("open"));
      if (show) visible++;
      if (b.hidden !== !show) b.hidden = !show;
    }
    shown.textContent = match + " of " + rules.length + " rules" +
      (visible < match ? ", " + visible + " shown" : "");
    more.hidden = visible >= match;
    more.textContent = "Show " + Math.min(PAGE, match - visible) + " more (" +
      (match - visible) + " not shown)";
  }

  function toggle(b, open) {
    if (open === undefined) open = !b.classList.contains("open");
    b.classList.toggle("open", open);
    b.rows[1].hidden = !open;
    b.rows[0].setAttribute("aria-expanded", open ? "true" : "false");
  }

  table.addEventListener("click", function (e) {
    var row = e.target.closest("tr.row");
    if (row && !window.getSelection().toString()) toggle(row.parentNode);
  });
  table.addEventListener("keydown", function (e) {
    var row = e.target.closest && e.target.closest("tr.row");
    if (row && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      toggle(row.parentNode);
    }
  });
  form.addEventListener("change", function () { limit = PAGE; apply(); });
  var timer = null;
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { limit = PAGE; apply(); }, 120);
  });
  more.addEventListener("click", function () { limit += PAGE; apply(); });

  /* #open=ID,ID opens the details of those rules */
  var m = /^#open=(.+)$/.exec(location.hash);
  if (m) {
    decodeURIComponent(m[1]).split(",").forEach(function (id) {
      var b = document.getElementById(id);
      if (b && b.tagName === "TBODY") toggle(b, true);
    });
  } else if (location.hash.length > 1) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "TBODY") toggle(target, true);
  }

  /* scan duration next to the end time */
  var s = document.getElementById("start-time"), e = document.getElementById("end-time");
  if (s && e) {
    var d = (Date.parse(e.getAttribute("data-t")) - Date.parse(s.getAttribute("data-t"))) / 1000;
    if (d >= 0) {
      var span = document.createElement("span");
      span.className = "small";
      span.textContent = " (" + (d < 120 ? d + " s" : Math.round(d / 60) + " min") + ")";
      e.appendChild(span);
    }
  }
  apply();
})();
