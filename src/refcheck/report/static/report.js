/* refcheck HTML report: file switcher, filters, the detail panel and n/p navigation.
   Builds no markup from strings: it shows, hides and clones what the page already holds. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var views = Array.prototype.slice.call(document.querySelectorAll("section.view"));
  var tabs = Array.prototype.slice.call(document.querySelectorAll(".tab"));
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var ruleSelect = document.getElementById("rule-filter");
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name="severity"]'));
  var counter = document.getElementById("filter-count");
  var active = null;
  var selected = null;
  var current = null;

  function byPlace(view, id) {
    return Array.prototype.slice.call(view.querySelectorAll('.findings li.finding[data-place="' + id + '"]'));
  }

  function viewOf(el) {
    while (el && !(el.classList && el.classList.contains("view"))) { el = el.parentNode; }
    return el;
  }

  function show(index) {
    active = views[index] || views[0];
    views.forEach(function (v) { v.classList.toggle("active", v === active); });
    tabs.forEach(function (t) { t.classList.toggle("active", t.getAttribute("data-view") === active.getAttribute("data-view")); });
    applyFilters();
  }

  function passes(li) {
    var rule = ruleSelect.value;
    var sev = sevBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    return sev.indexOf(li.getAttribute("data-sev")) >= 0 && (!rule || rule === li.getAttribute("data-rule"));
  }

  function applyFilters() {
    var filtering = ruleSelect.value !== "" || sevBoxes.some(function (b) { return !b.checked; });
    var wasFiltering = root.classList.contains("filtering");
    root.classList.toggle("filtering", filtering);
    if (!filtering && !wasFiltering) {
      // Nothing filtered, nothing to undo: count without touching every mark (a long draft loads faster).
      if (counter && active) {
        var all = active.querySelectorAll(".findings li.finding").length;
        var at = active.querySelectorAll(".anchor:not(.sev-clean)").length;
        counter.textContent = all + " finding" + (all === 1 ? "" : "s") + (at ? " at " + at + " place" + (at === 1 ? "" : "s") + " in the text" : "");
      }
      return;
    }
    var hitPlaces = {};
    var shown = 0;
    views.forEach(function (view) {
      view.querySelectorAll(".findings li.finding").forEach(function (li) {
        var ok = passes(li);
        li.hidden = !ok;
        if (ok) {
          hitPlaces[li.getAttribute("data-place")] = true;
          if (view === active) { shown += 1; }
        }
      });
    });
    var places = 0;
    document.querySelectorAll(".anchor").forEach(function (a) {
      var hit = hitPlaces[a.getAttribute("data-place")] === true;
      a.classList.toggle("hit", hit);
      a.classList.toggle("dim", !hit);
      if (hit && viewOf(a) === active) { places += 1; }
    });
    if (counter && active) {
      counter.textContent = shown + " finding" + (shown === 1 ? "" : "s") + (places ? " at " + places + " place" + (places === 1 ? "" : "s") + " in the text" : "");
    }
  }

  function openPlace(id, scroll) {
    var tpl = document.getElementById("d-" + id);
    var view = viewOf(document.getElementById(id)) || active;
    if (view && view !== active) { show(views.indexOf(view)); }
    if (selected) { selected.classList.remove("selected"); }
    document.querySelectorAll(".claim.lit").forEach(function (c) { c.classList.remove("lit"); });
    if (tpl) {
      panelBody.replaceChildren(tpl.content.cloneNode(true));
      var slot = panelBody.querySelector('[data-slot="findings"]');
      if (slot && active) {
        byPlace(active, id).forEach(function (li) {
          var copy = li.cloneNode(true);
          copy.removeAttribute("id");
          copy.removeAttribute("hidden");
          copy.classList.remove("current");
          slot.appendChild(copy);
        });
      }
      panel.hidden = false;
      panel.scrollTop = 0;
      root.classList.add("panel-open");
    }
    // After the panel has narrowed the text: the place may have moved out of sight.
    selected = document.getElementById(id);
    if (selected) {
      selected.classList.add("selected");
      var claimOf = selected.getAttribute("data-claim-of");
      if (claimOf) { document.querySelectorAll('[data-claim="' + claimOf + '"]').forEach(function (c) { c.classList.add("lit"); }); }
      var r = selected.getBoundingClientRect();
      if (scroll || r.top < 60 || r.bottom > window.innerHeight - 20) { selected.scrollIntoView({ block: "center" }); }
    }
  }

  function closePanel() {
    panel.hidden = true;
    root.classList.remove("panel-open");
    if (selected) { selected.classList.remove("selected"); selected = null; }
    document.querySelectorAll(".claim.lit").forEach(function (c) { c.classList.remove("lit"); });
  }

  // Scrolls the findings list alone: scrollIntoView would move the page too.
  function reveal(li) {
    var box = li.parentNode;
    while (box && !(box.classList && box.classList.contains("findings"))) { box = box.parentNode; }
    if (!box || box.scrollHeight <= box.clientHeight) { return; }
    var top = li.getBoundingClientRect().top - box.getBoundingClientRect().top;
    if (top < 40 || top > box.clientHeight - 60) { box.scrollTop += top - box.clientHeight / 3; }
  }

  function mark(li) {
    if (current) { current.classList.remove("current"); }
    current = li;
    if (li) { li.classList.add("current"); reveal(li); }
  }

  function focusFinding(li) {
    mark(li);
    openPlace(li.getAttribute("data-place"), true);
  }

  function step(delta) {
    if (!active) { return; }
    var list = Array.prototype.slice.call(active.querySelectorAll(".findings li.finding")).filter(function (li) { return !li.hidden; });
    if (!list.length) { return; }
    var i = list.indexOf(current);
    i = i < 0 ? (delta > 0 ? 0 : list.length - 1) : (i + delta + list.length) % list.length;
    focusFinding(list[i]);
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var anchor = t.closest ? t.closest(".anchor") : null;
    if (anchor) {
      ev.preventDefault();
      var id = anchor.getAttribute("data-place");
      mark(active ? byPlace(active, id)[0] || null : null);
      openPlace(id, false);
      return;
    }
    var tab = t.closest ? t.closest(".tab") : null;
    if (tab) {
      ev.preventDefault();
      closePanel();
      show(Number(tab.getAttribute("data-view")));
      history.replaceState(null, "", "#v" + tab.getAttribute("data-view"));
      return;
    }
    var bar = t.closest ? t.closest(".chart .bar") : null;
    if (bar) {
      ruleSelect.value = bar.getAttribute("data-rule");
      applyFilters();
      return;
    }
    var li = t.closest ? t.closest(".findings li.finding") : null;
    if (li && !(t.closest("a.rule") || t.closest("summary") || t.closest("details ul"))) {
      ev.preventDefault();
      focusFinding(li);
    }
  });

  document.getElementById("panel-close").addEventListener("click", closePanel);
  ruleSelect.addEventListener("change", applyFilters);
  sevBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });

  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.ctrlKey || ev.metaKey || ev.altKey || tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (ev.key === "n" || ev.key === "j") { ev.preventDefault(); step(1); }
    else if (ev.key === "p" || ev.key === "k") { ev.preventDefault(); step(-1); }
    else if (ev.key === "Escape") { closePanel(); }
  });

  // Printing shows every file with its evidence open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.evidence").forEach(function (d) { d.open = true; });
  });

  var start = 0;
  var hash = location.hash.slice(1);
  if (/^v\d+$/.test(hash)) { start = Number(hash.slice(1)); }
  else if (hash && document.getElementById(hash)) { start = views.indexOf(viewOf(document.getElementById(hash))); }
  show(start < 0 ? 0 : start);
}());
