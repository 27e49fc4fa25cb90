/* The portal's small behaviours. Everything works without JavaScript; this only adds to it. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  // An address may break after @ . / only, never inside a word: text with <wbr> there.
  function breakable(el, text) {
    el.textContent = "";
    // Pieces ending at @ . / (no lookbehind: Safari before 16.4 rejects the whole file).
    (text.match(/[^@./]+[@./]?|[@./]/g) || []).forEach(function (part, i) {
      if (i) el.appendChild(document.createElement("wbr"));
      el.appendChild(document.createTextNode(part));
    });
  }
  window.portalBreakable = breakable;
  // A count's text, from the label in the element's data-template (JSON): one text, or one per
  // plural category of the page's language ({"one": "{n} pays", "other": ...}), {n} filled.
  function counted(el, n) {
    var forms = JSON.parse(el.dataset.template);
    if (typeof forms !== "string") {
      var category = new Intl.PluralRules(document.documentElement.lang || "en").select(n);
      forms = forms[category] || forms.other;
    }
    return forms.replace("{n}", n);
  }
  window.portalCounted = counted;
  // A table still wider than its column (long words in some language, many countries)
  // becomes cards. Every width is read before any class is written: one layout, not one per
  // table. Again when a table's columns change (the comparison's choice of countries).
  function fitTables() {
    // Tables hidden at the moment (a filtered-out region) keep their state: they measure 0.
    var tables = Array.prototype.filter.call(document.querySelectorAll("table.portal-table"),
      function (table) { return table.getClientRects().length > 0; });
    tables.forEach(function (table) { table.classList.remove("portal-cards"); });
    tables.filter(function (table) {
      var wrap = table.parentElement;
      return wrap && table.getBoundingClientRect().width > wrap.getBoundingClientRect().width + 1;
    }).forEach(function (table) { table.classList.add("portal-cards"); });
  }
  window.portalFitTables = fitTables;
  var refit = 0, width = window.innerWidth;  // a turned phone, a resized window: once settled
  window.addEventListener("resize", function () {
    if (window.innerWidth === width) return;  // a phone's toolbar showing or hiding
    width = window.innerWidth;
    clearTimeout(refit);
    refit = setTimeout(fitTables, 150);
  });
  ready(function () {
    // Email addresses are published reversed, so that harvesters do not read them.
    document.querySelectorAll("a.portal-email[data-reversed]").forEach(function (a) {
      var address = a.getAttribute("data-reversed").split("").reverse().join("");
      a.href = "mailto:" + address;
      a.dir = "ltr";
      breakable(a, address);
    });
    fitTables();
    document.querySelectorAll(".portal-cite-url").forEach(function (el) {
      breakable(el, el.textContent);
    });
    // "Accessed" in a citation is the reader's date, in the page's language (also in print).
    document.querySelectorAll(".portal-cite-accessed[data-template]").forEach(function (el) {
      var lang = document.documentElement.lang || "en";
      var date = new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
      // A date that ends with its own period (Russian "г.") takes no second one.
      el.textContent = " " + el.getAttribute("data-template").replace("{date}", date)
        .replace(/\.\.$/, ".");
      el.hidden = false;
    });
    // A build without its published address cites the page's path; the address the reader
    // actually opened (served over the web) is better than a path and a note.
    if (/^https?:$/.test(location.protocol)) {
      document.querySelectorAll("span.portal-cite-url[data-path]").forEach(function (el) {
        breakable(el, location.origin + location.pathname);
        var note = el.parentNode.querySelector(".portal-cite-note");
        if (note) note.remove();
      });
    }
  });
})();

/* Material's JavaScript fetches a sitemap.xml beside every <link rel="alternate"> when the page
   is ready, to map pages between languages: with one sitemap for all languages those requests
   all fail. The page's own hreflang links (absolute, for search engines) are hidden from that
   one look-up and put back right after it; the language selector links to the same page. */
(function () {
  "use strict";
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  if (!links.length) return;
  links.forEach(function (l) { l.setAttribute("rel", "portal-alternate"); });
  document.addEventListener("DOMContentLoaded", function () {
    links.forEach(function (l) { l.setAttribute("rel", "alternate"); });
  }, { once: true });
})();

/* The instruments catalogue: filters and sorting in the page, state kept in the URL so a view
   can be shared. Without JavaScript the form stays hidden and the full table shows. */
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filter");
  var table = document.getElementById("catalogue");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = form.querySelector(".portal-filter-count");
  // A region's own page has no region filter: only the fields the form has are read.
  var keys = ["region", "country", "objective", "type", "status", "from", "to"].filter(function (k) {
    return form.elements[k];
  });
  var sortKey = "", sortDir = 1;
  // The order as a list too, for phones (the columns' buttons are in the hidden heading).
  var sortPick = form.elements.sort;
  // Sorted as the page's language sorts ("Bélarus" before "Brésil", "Égypte" among the E).
  var collator = new Intl.Collator(document.documentElement.lang || undefined,
    { sensitivity: "base", numeric: true });

  function field(name) { return form.elements[name]; }

  function visible(row, f) {
    var d = row.dataset;
    if (f.region && d.region !== f.region) return false;
    if (f.country && d.country !== f.country) return false;
    if (f.type && d.type !== f.type) return false;
    if (f.status && d.status !== f.status) return false;
    if (f.objective && (" " + d.objectives + " ").indexOf(" " + f.objective + " ") < 0) return false;
    var start = parseInt(d.start, 10), end = parseInt(d.end || d.start, 10);
    if (f.from && !(end >= +f.from)) return false;
    if (f.to && !(start <= +f.to)) return false;
    return true;
  }

  function sortValue(row, key) {
    if (key === "year") return parseInt(row.dataset.start, 10) || 0;
    var index = { country: 0, type: 1, title: 2, status: 4 }[key];
    return row.cells[index].textContent.trim();
  }

  function setSort(value) {
    sortDir = value.charAt(0) === "-" ? -1 : 1;
    sortKey = value.replace(/^-/, "");
    if (sortPick) sortPick.value = value;
  }

  function apply(push) {
    var f = {}, params = new URLSearchParams();
    keys.forEach(function (k) {
      f[k] = field(k).value.trim();
      if (f[k]) params.set(k, f[k]);
    });
    if (sortPick) setSort(sortPick.value);
    var shown = 0;
    var ordered = rows.slice();
    if (sortKey) {
      ordered.sort(function (a, b) {
        var x = sortValue(a, sortKey), y = sortValue(b, sortKey);
        var order = typeof x === "number" ? x - y : collator.compare(x, y);
        return order * sortDir;
      });
      params.set("sort", (sortDir < 0 ? "-" : "") + sortKey);
    }
    // Rows are moved only when the order changes, and touched only when their state does:
    // on a page opened without a filter, the script writes nothing into the table.
    var moved = ordered.some(function (row, i) { return body.rows[i] !== row; });
    if (moved) {
      var sorted = document.createDocumentFragment();
      ordered.forEach(function (row) { sorted.appendChild(row); });
      body.appendChild(sorted);
    }
    ordered.forEach(function (row) {
      var on = visible(row, f);
      if (row.hidden === on) row.hidden = !on;
      if (on) shown += 1;
    });
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      th.setAttribute("aria-sort", th.dataset.sort === sortKey ? (sortDir > 0 ? "ascending" : "descending") : "none");
    });
    count.textContent = window.portalCounted(count, shown).replace("{total}", rows.length);
    if (push) {
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var initial = new URLSearchParams(location.search);
  keys.forEach(function (k) { if (initial.get(k)) field(k).value = initial.get(k); });
  var sort = initial.get("sort") || "";
  if (sort) setSort(sort);

  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "portal-sort";
    button.textContent = th.textContent;
    button.title = form.dataset.sortLabel || "";
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.dataset.sort;
      setSort((sortKey === key && sortDir > 0 ? "-" : "") + key);
      apply(true);
    });
  });
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { setSort(""); apply(true); }, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply(false);
})();

/* Comparing countries: pick two to four; the selection lives in the URL (?c=<slug>,<slug>).
   Without JavaScript (or without a selection) every country is shown. */
(function () {
  "use strict";
  var form = document.getElementById("compare-pick");
  var table = document.getElementById("compare");
  if (!form || !table) return;
  var max = parseInt(form.dataset.max, 10) || 4;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=c]"));
  var hint = form.querySelector(".portal-compare-hint");

  function apply(push) {
    var chosen = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    boxes.forEach(function (b) { b.disabled = !b.checked && chosen.length >= max; });
    table.querySelectorAll("[data-country]").forEach(function (cell) {
      cell.hidden = chosen.length > 0 && chosen.indexOf(cell.dataset.country) < 0;
    });
    hint.textContent = window.portalCounted(hint, chosen.length).replace("{max}", max);
    window.portalFitTables();  // two countries side by side fit where all of them did not
    if (push) {
      var query = chosen.length ? "?c=" + chosen.join(",") : "";
      history.replaceState(null, "", location.pathname + query + location.hash);
    }
  }

  var initial = (new URLSearchParams(location.search).get("c") || "").split(",").filter(Boolean);
  boxes.forEach(function (b) { b.checked = initial.indexOf(b.value) >= 0 && initial.indexOf(b.value) < max; });
  form.addEventListener("change", function () { apply(true); });
  form.hidden = false;
  apply(false);
})();

/* The countries index: a country found by the start of a word of its name, in any of the
   portal's languages (any case, any accent), or by its ISO code; a region without a match is
   hidden with its heading. What was typed lives in the URL (?find=, as ?q= opens Material's
   search), so that a found list can be shared. Without JavaScript, every country is listed. */
(function () {
  "use strict";
  var form = document.getElementById("country-filter");
  if (!form) return;
  var input = form.querySelector("input[name=find]");
  var count = form.querySelector(".portal-filter-count");
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.portal-countries"));
  // Letters without case or accents, words split at anything else: "Côte-d'Ivoire" is
  // " cote d ivoire", found from the start of any of its words ("ivo", not "oire").
  function fold(text) {
    var words = text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
    return " " + words.split(/[^\p{L}\p{N}]+/u).join(" ");
  }
  // Arabic joins the article to its noun: "المغرب" is found from "مغرب" too.
  function withoutArticle(folded) {
    return folded.replace(/ ال(?=\S\S)/g, " ");
  }
  var rows = [];
  tables.forEach(function (table) {
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var text = [tr.dataset.names || "", tr.cells[0].textContent, tr.cells[1].textContent];
      var folded = fold(text.join(" "));
      rows.push({ tr: tr, text: folded + withoutArticle(folded) });
    });
  });

  function apply(push) {
    var query = fold(input.value).trim();
    var shown = 0;
    rows.forEach(function (row) {
      row.tr.hidden = query !== "" && row.text.indexOf(" " + query) < 0;
      if (!row.tr.hidden) shown += 1;
    });
    tables.forEach(function (table) {
      var found = table.querySelector("tbody tr:not([hidden])") !== null;
      var wrap = table.closest(".portal-table-wrap") || table;
      var heading = wrap.previousElementSibling;
      wrap.hidden = !found;
      if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = !found;
    });
    count.textContent = window.portalCounted(count, shown);
    window.portalFitTables();  // the regions shown again are measured at the present width
    if (push) {
      var typed = input.value.trim();
      var address = typed ? "?find=" + encodeURIComponent(typed) : "";
      history.replaceState(null, "", location.pathname + address + location.hash);
    }
  }

  input.value = new URLSearchParams(location.search).get("find") || "";
  input.addEventListener("input", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
})();

/* "Not found" in the reader's language. GitHub Pages answers every missing address with the
   root 404.html, which holds the text in every language: the one of the address's first
   folder (/ar/...) is shown, or else the remembered language's, with its direction. */
(function () {
  "use strict";
  var blocks = Array.prototype.slice.call(document.querySelectorAll(".portal-404[data-lang]"));
  if (blocks.length < 2) return;
  var base = blocks[0].getAttribute("data-base") || "/";
  var path = decodeURIComponent(location.pathname);
  var first = (path.indexOf(base) === 0 ? path.slice(base.length) : "").split("/")[0];
  function block(lang) {
    return blocks.filter(function (b) { return b.getAttribute("data-lang") === lang; })[0];
  }
  var chosen = block(first);
  if (!chosen) {
    try { chosen = block(localStorage.getItem("portal-language")); } catch (err) {}
  }
  if (!chosen) return;
  blocks.forEach(function (b) { b.hidden = b !== chosen; });
  document.documentElement.lang = chosen.lang;
  document.documentElement.dir = chosen.dir;
  document.body.dir = chosen.dir;
})();

/* The reader's language is remembered: choosing one in the selector stores it, and a later
   visit that lands on the home page of another language (typed address, bookmark, link from
   another site) goes to the home page in the remembered language. */
(function () {
  "use strict";
  var KEY = "portal-language";
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a[data-portal-lang]");
    if (link) {
      try { localStorage.setItem(KEY, link.getAttribute("data-portal-lang")); } catch (err) {}
    }
  });
  var home = document.querySelector('meta[name="portal-home"]');
  if (!home) return;
  var wanted;
  try { wanted = localStorage.getItem(KEY); } catch (err) { return; }
  var here = home.getAttribute("content");
  var fromHere = document.referrer && document.referrer.indexOf(location.origin) === 0;
  if (!wanted || wanted === here || fromHere) return;
  var target = document.querySelector('a[data-portal-lang="' + wanted + '"]');
  if (target && target.href) location.replace(target.href);
})();
