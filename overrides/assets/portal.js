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
  window.portalFitTables = function () {
    fitTables();
    document.querySelectorAll("table[data-print-columns]").forEach(printParts);
  };
  // Printing a table of more columns than a page holds (the comparison of every country):
  // as the PDFs do (portal/pdf_article.py, split_wide_tables), in balanced parts of at most
  // data-print-columns shown columns, each repeating the row headings, captioned from
  // data-print-part ("Table, part {n} of {total}"). The parts are shown on paper only, the
  // table itself on screen only; built again when the shown columns change.
  function printParts(table) {
    var wrap = table.closest(".portal-table-wrap") || table;
    var previous = wrap.nextElementSibling;
    if (previous && previous.classList.contains("portal-print-parts")) previous.remove();
    wrap.classList.remove("portal-print-split");
    var rows = Array.prototype.slice.call(table.rows);
    var width = rows.length ? rows[0].cells.length : 0;
    var headed = rows.length > 1 && rows.every(function (tr) {
      return tr.cells.length === width && (tr.parentNode.tagName === "THEAD" || tr.cells[0].tagName === "TH");
    });
    var shown = [];
    for (var i = 1; headed && i < width; i++) if (!rows[0].cells[i].hidden) shown.push(i);
    var most = Math.max(1, parseInt(table.dataset.printColumns, 10) || 6);
    if (shown.length <= most) return;
    var parts = Math.ceil(shown.length / most);
    var size = Math.floor(shown.length / parts), extra = shown.length % parts;
    var box = document.createElement("div");
    box.className = "portal-print-parts";
    for (var n = 0, first = 0; n < parts; n++) {
      var last = first + size + (n < extra ? 1 : 0);
      var part = document.createElement("table");
      part.className = table.className.replace(/\bportal-cards\b/, "") + " portal-table-part";
      var caption = part.createCaption();
      caption.className = "portal-table-part-caption";
      caption.textContent = (table.dataset.printPart || "")
        .replace("{n}", String(n + 1)).replace("{total}", String(parts));
      var sections = {};
      rows.forEach(function (tr) {
        var kind = tr.parentNode.tagName === "THEAD" ? "thead" : "tbody";
        if (!sections[kind]) sections[kind] = part.appendChild(document.createElement(kind));
        var row = sections[kind].appendChild(tr.cloneNode(false));
        row.removeAttribute("id");
        [0].concat(shown.slice(first, last)).forEach(function (c) {
          var cell = row.appendChild(tr.cells[c].cloneNode(true));
          cell.removeAttribute("id");
          cell.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
        });
      });
      box.appendChild(part);
      first = last;
    }
    wrap.classList.add("portal-print-split");
    wrap.parentNode.insertBefore(box, wrap.nextSibling);
  }
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
    window.portalFitTables();
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
  var keys = ["region", "country", "objective", "type", "theme", "status", "from", "to"].filter(function (k) {
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
    if (f.theme && (" " + d.themes + " ").indexOf(" " + f.theme + " ") < 0) return false;
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
    var counted = window.portalCounted(count, shown).replace("{total}", rows.length);
    if (count.textContent !== counted) count.textContent = counted;  // announced once
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
  form.querySelectorAll("button[data-download]").forEach(function (button) {
    button.addEventListener("click", function () { download(button.dataset.download); });
  });
  form.hidden = false;
  apply(false);

  /* The rows shown, as shown: in their order, with the page's texts, written in the browser
     (a Blob and a link's download attribute, so it works from file:// too). */
  function download(format) {
    var block = form.querySelector(".portal-download-shown");
    var columns = JSON.parse(block.dataset.columns);
    var names = Object.keys(columns);
    var records = Array.prototype.filter.call(body.rows, function (row) { return !row.hidden; })
      .map(record);
    var name = fileName(block.dataset.file);
    if (format === "json") {
      save(name + ".json", "application/json", JSON.stringify(records, null, 1) + "\n");
      return;
    }
    var lines = [names.map(function (k) { return columns[k]; })].concat(records.map(function (r) {
      return names.map(function (k) { return r[k]; });
    }));
    var text = lines.map(function (cells) {
      return cells.map(function (v) { return '"' + csvCell(String(v)).replace(/"/g, '""') + '"'; }).join(",");
    }).join("\r\n") + "\r\n";
    save(name + ".csv", "text/csv;charset=utf-8", "\ufeff" + text);  // the BOM: spreadsheets read UTF-8
  }

  function text(el) {
    if (!el || el.classList.contains("portal-nyd") || el.querySelector(".portal-nyd")) return "";
    return el.textContent.replace(/\s+/g, " ").trim();
  }

  function record(row) {
    var c = row.cells, themeNames = {};
    Array.prototype.forEach.call(field("theme") ? field("theme").options : [], function (o) {
      themeNames[o.value] = o.textContent;
    });
    var links = function (cell, selector, read) {
      return Array.prototype.map.call(cell.querySelectorAll(selector), read);
    };
    return {
      country: text(c[0]),
      type: text(c[1]),
      title: text(c[2].querySelector(".portal-title")),
      original_title: text(c[2].querySelector(".portal-original")),
      number: text(c[2].querySelector(".portal-number bdi")),
      period: text(c[3].querySelector(".portal-years")),
      status: text(c[4].querySelector(".portal-status")),
      themes: (row.dataset.themes || "").split(" ").filter(Boolean).map(function (k) {
        return themeNames[k] || k;
      }).join("; "),
      objectives: links(c[6], "a", function (a) { return text(a); }).join("; "),
      sources: links(c[7], "a.portal-source", function (a) { return a.href; }).join(" "),
      link: c[2].querySelector("a") ? c[2].querySelector("a").href : ""
    };
  }

  // "instruments-<region>-law": the filters in the form's order, each as a file name may hold.
  function fileName(base) {
    var parts = [base];
    keys.forEach(function (k) {
      var v = field(k).value.trim().toLowerCase().replace(/[^a-z0-9-]+/g, "");
      if (v) parts.push(k === "from" || k === "to" ? k + v : v);
    });
    return parts.join("-");
  }

  function save(name, type, content) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([content], { type: type }));
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
})();

/* OWASP's rule against formula injection, as portal/opendata.py csv_cell writes it: a cell a
   spreadsheet would read as a formula (=, +, -, @, a tab or a CR first) starts with a quote.
   tests/browser/test_catalogue_download.py checks both give the same on a shared list. */
function csvCell(value) {
  return /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
}
window.portalCsvCell = csvCell;

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
    var counted = window.portalCounted(count, shown);
    // None found: what to try instead ("Kyrgyzstan" found nothing, and "0 countries" said
    // no more).
    if (shown === 0 && count.dataset.none) counted += " " + count.dataset.none;
    if (count.textContent !== counted) count.textContent = counted;  // announced once
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

/* Search: the index is fetched when the reader starts a search (the search box's focus), not
   with the page; and the reader may search every language at once. The search worker
   (assets/javascripts/workers/portal-search.js) listens on the channel "portal-search". The
   offline edition, read from disk, has its index inline and searches its own language. */
(function () {
  "use strict";
  var box = document.querySelector("input.md-search__input");
  if (!box || typeof BroadcastChannel === "undefined" || location.protocol === "file:") return;
  var channel = new BroadcastChannel("portal-search");
  var lang = document.documentElement.lang;
  box.addEventListener("focus", function () {
    channel.postMessage({ start: true, lang: lang });
  }, { once: true });
  var all = document.querySelector(".portal-search-all");
  if (!all) return;
  var check = all.querySelector("input");
  check.addEventListener("change", function () {
    // With the query the box holds: a worker of another open tab answering another query
    // leaves it alone (the channel reaches every page of the site).
    channel.postMessage({ all: check.checked, lang: lang, query: box.value });
  });
  all.hidden = false;
})();

/* Keyboard and screen-reader access (WCAG 2.2 AA; issue 26). Kept in one section of its own. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  // A text field takes typed characters; nothing else on the page acts on a single key.
  function typing(el) {
    if (!el) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    if (el.tagName !== "INPUT") return false;
    return !/^(button|checkbox|color|file|hidden|image|radio|range|reset|submit)$/.test(el.type);
  }
  // Material's single-key shortcuts (n, p, comma, period: next and previous page; s, f, /:
  // search; any letter while its search is open: back to the search field) break WCAG 2.1.4:
  // a speech-input user or a brushed key jumps away. Material has no setting to turn them off
  // and listens on `window` in the bubbling phase; this listener, on `window` in the capturing
  // phase, runs first and keeps an unmodified printable key from reaching it. The key's own
  // action (a letter typed, Space on a button) is untouched: only propagation is stopped.
  window.addEventListener("keydown", function (e) {
    // Space is no shortcut of Material's: it stays with the page's buttons.
    if (e.key.length !== 1 || e.key === " " || e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target) || typing(document.activeElement)) return;
    e.stopPropagation();
  }, true);

  var search = document.getElementById("__search");
  function closeSearch() {
    if (search && search.checked) {
      search.checked = false;
      search.dispatchEvent(new Event("change"));
    }
  }
  // On a narrow screen the navigation drawer and the search open from two icons of the
  // header, which Material writes as <label>s: no Tab stop, no name. Each becomes a button
  // named like what it opens, that toggles the same checkbox (Material's CSS still shows and
  // hides it by its `for`).
  function iconButton(label, name) {
    if (!label) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("for", label.htmlFor);
    if (name) button.setAttribute("aria-label", name);
    while (label.firstChild) button.appendChild(label.firstChild);
    var toggle = document.getElementById(label.htmlFor);
    button.addEventListener("click", function () { if (toggle) toggle.click(); });
    label.replaceWith(button);
  }
  ready(function () {
    var nav = document.querySelector(".md-nav--primary");
    var field = document.querySelector(".md-search__input");
    iconButton(document.querySelector('label.md-header__button[for="__drawer"]'),
      nav && nav.getAttribute("aria-label"));
    iconButton(document.querySelector('label.md-header__button[for="__search"]'),
      field && (field.getAttribute("aria-label") || field.getAttribute("placeholder")));
    // The home page's "Search the portal", a label too: a button with its own text.
    document.querySelectorAll('article label.md-button[for="__search"]').forEach(function (l) {
      iconButton(l, "");
    });
  });
  // A table wider than the screen scrolls in its box: the box takes the focus, so that the
  // arrow keys scroll it in every browser (Chromium alone does it by itself).
  ready(function () {
    document.querySelectorAll(".md-typeset__scrollwrap, .portal-table-wrap").forEach(function (box) {
      var scrolls = /auto|scroll/.test(getComputedStyle(box).overflowX);
      if (scrolls && box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
      }
    });
  });
  // A section of the navigation whose index is a page (navigation.indexes) is named by its
  // expand icon's label, which holds no text: it is named by the section's link instead.
  ready(function () {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim()) return;
      var link = label.parentElement && label.parentElement.querySelector("a.md-nav__link");
      if (!link || !link.textContent.trim()) return;
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", link.textContent.trim());
    });
  });
  ready(function () {
    var box = document.querySelector(".md-search");
    if (box && search) {
      // Tab out of the search closes it: its overlay would dim the page under the focus.
      box.addEventListener("focusout", function (e) {
        if (e.relatedTarget && !box.contains(e.relatedTarget)) closeSearch();
      });
      // Escape closes the search and leaves the focus where the reader can go on from, the
      // search field's button (Material blurred it, dropping the focus to the page's start).
      box.addEventListener("keydown", function (e) {
        if (e.key !== "Escape" || !search.checked) return;
        var input = box.querySelector(".md-search__input");
        setTimeout(function () {
          if (document.activeElement === document.body || !document.activeElement) {
            // On a phone, back on the search's icon; on a desktop, on the field (Material
            // opens its search when the field takes the focus: closed again at once).
            var icon = document.querySelector('button.md-header__button[for="__search"]');
            if (icon && icon.getClientRects().length) icon.focus();
            else if (input) { input.focus(); closeSearch(); }
          }
        }, 0);
      });
    }
  });

  // The language menu: a disclosure button (aria-expanded) that opens on click, Enter or
  // Space, closes on Escape (focus back on the button), on a click elsewhere or when the focus
  // leaves it. Without JavaScript Material's hover-and-focus menu stays as it was.
  function languageMenu(select) {
    var button = select.querySelector("button");
    var list = select.querySelector(".md-select__inner");
    if (!button || !list) return;
    list.id = list.id || "portal-language-list";
    button.setAttribute("aria-controls", list.id);
    select.classList.add("portal-disclosure");
    function carry() {
      // The same page in another language keeps the reader's filters and place (?…#…).
      select.querySelectorAll("a[data-portal-lang]").forEach(function (a) {
        var base = a.getAttribute("href").replace(/[?#].*$/, "");
        a.setAttribute("href", base + location.search + location.hash);
      });
    }
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      select.classList.toggle("portal-open", open);
      if (open) carry();
    }
    set(false);
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      if (select.matches(":hover")) select.classList.add("portal-dismissed");
      if (button.getAttribute("aria-expanded") === "true") {
        var inside = select.contains(document.activeElement);
        set(false);
        if (inside) button.focus();
      }
    });
    select.addEventListener("mouseleave", function () {
      select.classList.remove("portal-dismissed");
    });
    select.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !select.contains(e.relatedTarget)) set(false);
    });
    document.addEventListener("click", function (e) {
      if (!select.contains(e.target)) set(false);
    });
    select.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a[data-portal-lang]")) carry();
    });
  }
  ready(function () {
    document.querySelectorAll(".md-header__option .md-select").forEach(languageMenu);
  });
})();
