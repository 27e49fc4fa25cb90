/* Material's search worker, with one change: a query is cut into words only at spaces before
   Material applies the site's separator (portal/search.py), so "27-14" stays one word as it is
   in the index. (lunr's query lexer keeps its own copy of the default separator, [\s\-]+,
   which turned "27-14" into the two required words "27" and "14".) portal/search.py points
   each page at this file, naming Material's worker: portal-search.js?worker=search.<hash>.min.js */
(function () {
  "use strict";
  var worker = new URLSearchParams(self.location.search).get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("portal-search: bad worker");
  importScripts(worker);
  if (self.lunr && self.lunr.QueryLexer) self.lunr.QueryLexer.termSeparator = /\s+/;
})();
