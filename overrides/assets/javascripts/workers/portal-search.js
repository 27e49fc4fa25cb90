/* Material's search worker, answering as the portal needs (portal/search.py points each page
   at this file, naming Material's worker: portal-search.js?worker=search.<hash>.min.js).

   - Light: the page gives the worker a small stub (configuration and where the documents are);
     the documents are fetched when the reader starts a search (the search box's focus, sent
     by portal.js on the channel "portal-search", or the first query), never with the page.
     The offline edition, read from file://, has its documents inline in the stub.
   - Words: every word of the index and of a query goes through the same analyser
     (portal-words.js): folding, identifiers, stemming. A query word matches exactly (first),
     as the start of a word (as the reader types), or with one typo (last).
   - Other languages: when the reader's language has no result, or when the reader asks for all
     languages (the box under the search field, sent on the same channel), the other
     languages' indexes are searched by workers of their own, and their results are shown
     marked with their language.

   Material's own handler still builds the index and ranks, highlights and groups results:
   messages are passed to it one at a time, and its answers taken before they leave. */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  // This file's address: from file:// (the offline edition) it runs in an iframe standing in
  // for a worker (assets/vendor/iframe-worker), whose location is the page's, and which adds
  // "?<time>" to the address, and whose importScripts is asynchronous.
  var inFrame = typeof document !== "undefined" && document.currentScript;
  var here = new URL(inFrame ? document.currentScript.src : self.location.href);
  var material = (here.searchParams.get("worker") || "").split("?")[0];
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("portal-search: bad worker");
  var answering = here.searchParams.get("lang"); // a worker searching another language for us
  var site = new URL("../../../", here);
  function beside(name) { return new URL(name, here).href; }

  var stub = null;          // the SETUP message's data, until the documents are loaded
  var loaded = null;        // Promise: Material's index built
  var queue = Promise.resolve();
  var passing = false;      // a message we hand to Material's handler ourselves
  var taking = null;        // takes Material's next answer
  var lastQuery = null;
  var allLanguages = false;
  var others = {};          // language -> worker searching it

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (taking) {
      var take = taking;
      taking = null;
      take(message);
    } else {
      post(message);
    }
  };

  function toMaterial(message) {
    return new Promise(function (resolve) {
      taking = resolve;
      passing = true;
      try {
        self.dispatchEvent(new MessageEvent("message", { data: message }));
      } finally {
        passing = false;
      }
    });
  }

  addEventListener("message", function (ev) {
    if (passing) return;
    var message = ev.data;
    if (message && message.type === SETUP) {
      ev.stopImmediatePropagation();
      stub = message.data;
      post({ type: READY });
    } else if (message && message.type === QUERY) {
      ev.stopImmediatePropagation();
      lastQuery = message.data;
      enqueue(message.data);
    }
  });

  var lunr = null;
  var portal = function () { return (stub && stub.config && stub.config.portal) || {}; };
  var analyse = null;
  var started = Promise.resolve(importScripts(beside(material))).then(function () {
    lunr = self.lunr;
    patch();
  });

  // The index's words: the one analyser, after Material's tokenizer (which keeps positions).
  function analyseToken(token) {
    var text = token.toString();
    var word = analyse(text);
    if (!word) return undefined;
    var exact = self.portalWords.written(text);
    var analysed = token.clone(function () { return word; });
    return exact ? [analysed, token.clone(function () { return exact; })] : analysed;
  }
  function patch() {
    lunr.Pipeline.registerFunction(analyseToken, "portalWords");
    var build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      return (built = build.call(this)); // its words, for cutting Chinese queries (below)
    };
    var ref = lunr.Builder.prototype.ref;
    lunr.Builder.prototype.ref = function (name) {
      this.pipeline.reset();
      this.pipeline.add(analyseToken);
      this.searchPipeline.reset();
      return ref.call(this, name);
    };

    // A query of analysed words: each exact (boost 10; 100 for a number), as a word's start
    // (1), with one typo when the word has at least five letters (0.1: exact matches first).
    lunr.Index.prototype.search = function (text) {
      var words = text.split(/\s+/).map(function (w) {
        return w.replace(/^[+-]/, "").replace(/[~^]\d*$/, "").replace(/\*+$/, "");
      }).filter(Boolean);
      var found = this.query(function (q) {
        asWritten.forEach(function (w) { q.term(w, { usePipeline: false, boost: 5 }); });
        words.forEach(function (w) {
          // A number (a law's) is what the reader is after: it outweighs the words beside it.
          q.term(w, { usePipeline: false, boost: /[0-9]/.test(w) ? 100 : 10 });
          q.term(w, { usePipeline: false, boost: 1, wildcard: lunr.Query.wildcard.TRAILING });
          if (w.length >= 5) q.term(w, { usePipeline: false, boost: 0.1, editDistance: 1 });
        });
      });
      // A word found with a typo is filed under the query word, so that Material counts it as
      // found (not "missing") and highlights it where it is written.
      found.forEach(function (result) {
        var meta = result.matchData.metadata;
        Object.keys(meta).forEach(function (key) {
          // A word as written ranked the result; its analysed form holds the same positions.
          if (key.charAt(0) === "=") return void delete meta[key];
          if (words.some(function (w) { return key.indexOf(w) === 0; })) return;
          var typed = words.filter(function (w) { return w.length >= 5 && oneEdit(key, w); })[0];
          if (!typed) return;
          var into = meta[typed] || (meta[typed] = {});
          Object.keys(meta[key]).forEach(function (field) {
            var positions = (into[field] = into[field] || { position: [] }).position;
            positions.push.apply(positions, meta[key][field].position || []);
          });
          delete meta[key];
        });
      });
      return found;
    };
  }

  // Whether a and b differ by at most one letter inserted, deleted or replaced.
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) ||
      a.slice(i + 1) === b.slice(i) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  function scripts() {
    // lunr-languages' stemmers, as Material ships them beside its worker.
    var lang = portal().lang;
    var list = ["portal-words.js"];
    if (lang && lang !== "en" && (portal().stemmers || []).indexOf(lang) >= 0)
      list.push("../lunr/min/lunr.stemmer.support.min.js", "../lunr/min/lunr." + lang + ".min.js");
    return list.map(beside);
  }

  function load() {
    if (loaded) return loaded;
    var data = stub;
    var docs = data.docs && data.docs.length
      ? Promise.resolve(data.docs)
      : fetch(new URL(portal().docs, site)).then(function (r) { return r.json(); });
    loaded = started.then(function () {
      return importScripts.apply(self, scripts());
    }).then(function () {
      analyse = self.portalWords.analyser(lunr, portal().lang);
      return docs;
    }).then(function (found) {
      var setup = {
        config: data.config,
        docs: found,
        options: { suggest: false } // suggestions would show stems, not words
      };
      return toMaterial({ type: SETUP, data: setup });
    });
    return loaded;
  }

  // Chinese, written without spaces, is cut into the longest words the index holds, first
  // to last ("家政工人": "家政", "工人"). Material's own cutting of a query drops its last word.
  var built = null;
  var HAN = /\p{sc=Han}/u;
  function chinese(word) {
    if (!built || !HAN.test(word)) return [word];
    var words = [];
    for (var i = 0, j; i < word.length; i = j) {
      for (j = word.length; j > i + 1 && !(word.slice(i, j) in built.invertedIndex); j--);
      words.push(word.slice(i, j));
    }
    return words;
  }

  // The query's words as written (for Index.search) and analysed (for Material, as a query).
  var asWritten = [];
  function analysed(query) {
    var separator = new RegExp((stub && stub.config.separator) || "\\s+");
    var typed = [].concat.apply([], self.portalWords.digits(query).split(separator)
      .filter(Boolean).map(chinese));
    asWritten = typed.map(self.portalWords.written).filter(Boolean);
    return typed.map(analyse).filter(Boolean).join(" ");
  }

  function own(query) {
    return load().then(function () {
      var words = analysed(query);
      if (!words) return { type: RESULT, data: { items: [] } };
      return toMaterial({ type: QUERY, data: words });
    });
  }

  // One query at a time, in order. A failure (the documents could not be fetched) answers
  // "no result" and is tried again at the next query, instead of stopping every later one.
  function enqueue(query) {
    queue = queue.then(function () { return answer(query); }).catch(function (error) {
      console.warn("portal-search:", error);
      loaded = null;
      post({ type: RESULT, data: { items: [], query: query } });
    });
  }

  function answer(query) {
    if (!stub) return Promise.resolve();
    // Material sends the empty box's query as the page opens: answered without an index.
    var asked = query.trim() ? own(query) : Promise.resolve({ type: RESULT, data: { items: [] } });
    return asked.then(function (result) {
      var items = result.data.items;
      if (answering || !query.trim() || (items.length && !allLanguages)) return result;
      return elsewhere(query).then(function (more) {
        result.data.items = items.concat(more);
        return result;
      });
    }).then(function (result) {
      if (!result || query !== lastQuery) return; // a later query is on its way
      result.data.query = query; // which query this answers (Material reads only its items)
      post(result);
    });
  }

  // -- Other languages -----------------------------------------------------------------------

  function ask(lang, query) {
    var entry = others[lang];
    if (!entry) {
      var url = new URL(here.href);
      url.searchParams.set("lang", lang);
      var w = new Worker(url.href);
      var config = Object.assign({}, stub.config, {
        portal: Object.assign({}, portal(), { lang: lang, docs: portal().languages[lang].docs })
      });
      w.postMessage({ type: SETUP, data: { config: config, docs: [] } });
      entry = others[lang] = { worker: w, waiting: [] };
      w.onmessage = function (ev) {
        if (ev.data.type === RESULT && entry.waiting.length) entry.waiting.shift()(ev.data.data);
      };
    }
    return new Promise(function (resolve) {
      entry.waiting.push(resolve);
      entry.worker.postMessage({ type: QUERY, data: query });
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function marked(lang, groups) {
    var info = portal().languages[lang];
    var up = portal().root ? "../" : "";
    var prefix = up + (info.root || "");
    var label = '<span class="portal-search-lang">' + escapeHtml(info.name) + "</span> ";
    return groups.map(function (group) {
      return group.map(function (item) {
        return Object.assign({}, item, {
          location: prefix + item.location,
          title: (item.parent ? "" : label) +
            '<span lang="' + lang + '" dir="' + info.dir + '">' + item.title + "</span>",
          text: item.text ? '<div lang="' + lang + '" dir="' + info.dir + '">' + item.text + "</div>" : item.text,
          score: item.score / 1000 // after the reader's own language's results
        });
      });
    });
  }

  function elsewhere(query) {
    var languages = Object.keys(portal().languages || {}).filter(function (l) {
      return l !== portal().lang;
    });
    if (!languages.length || typeof Worker === "undefined" || location.protocol === "file:")
      return Promise.resolve([]);
    return Promise.all(languages.map(function (lang) {
      return ask(lang, query).then(function (data) { return marked(lang, data.items); });
    })).then(function (lists) {
      return [].concat.apply([], lists);
    });
  }

  // The page says when the reader starts a search, and whether to search every language.
  if (!answering && typeof BroadcastChannel !== "undefined") {
    new BroadcastChannel("portal-search").onmessage = function (ev) {
      var said = ev.data || {};
      if (!stub || said.lang !== portal().lang) return; // another tab, in another language
      if (said.start) load().catch(function () { loaded = null; }); // retried at the query
      var mine = said.query === lastQuery; // not another tab's box
      if (typeof said.all === "boolean" && said.all !== allLanguages && mine) {
        allLanguages = said.all;
        if (lastQuery) enqueue(lastQuery);
      }
    };
  }
})();
