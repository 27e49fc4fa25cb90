/* How search cuts a word down to what it is compared by: the one rule, run by the search
   worker on every word of the index and on every word of a query (so both sides always agree),
   and by the unit tests in Node. Steps, in order:

   1. Fold: lower case; accents and other combining marks dropped (é → e, ё → е, but й stays
      й: Russian spells with it), ligatures and special letters spelt out (ß, œ, æ, ø, ł);
      Arabic: hamza carriers, madda and wasla to bare alef, alif maqsura to yā', tā' marbūṭa
      to hā', tatweel and diacritics (harakat) dropped; Arabic-Indic digits to 0-9.
   2. An identifier (a word with a digit: a law number) loses its dashes, full stops and
      slashes, and letters that look like digits or like letters of the other script are read
      as one: "350-З" (Cyrillic Ze), "350-Z" and "350-3" are all "3503", "27.14" and "27-14"
      are "2714".
   3. Other words are stemmed: Arabic by light stemming (Larkey's Light10: the conjunction wa-,
      the article and the particles joined to it, then common suffixes); Latin and Cyrillic
      words by the Snowball stemmer of the index's language (lunr-languages, as Material
      ships it; English: lunr's Porter stemmer).
*/
(function (root) {
  "use strict";

  var SPELT = { "ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ى": "ي", "ة": "ه", "ٱ": "ا" };
  var SPELT_RE = /[ßœæøłđıىةٱ]/g;
  // Letters read as a digit, or as the Latin letter they look like, inside an identifier.
  var LOOKALIKE = {
    "з": "3", "z": "3", "о": "0", "o": "0",
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i"
  };
  var LOOKALIKE_RE = /[зzоoавекмнрстухі]/g;

  function fold(word) {
    return digits(word)
      .toLowerCase()
      .normalize("NFD")
      .replace(/\u0438\u0306/g, "\u0439") // й is a letter of its own in Russian
      .replace(/\p{M}/gu, "")
      .replace(/\u0640/g, "") // tatweel
      .replace(SPELT_RE, function (c) { return SPELT[c]; })
      .normalize("NFC");
  }

  // Arabic-Indic and Persian digits as 0-9: before a query is cut into words, so that
  // "٢٧-١٤" is one number as "27-14" is (the separator knows only 0-9 for digits).
  function digits(text) {
    return text
      .replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x660); })
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x6F0); });
  }

  function identifier(word) {
    return word
      .replace(/[-.\u2010-\u2015/]/g, "")
      .replace(LOOKALIKE_RE, function (c) { return LOOKALIKE[c]; });
  }

  var AR_ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  var AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

  // Larkey, Ballesteros and Connell's Light10, on folded text (tā' marbūṭa is already hā').
  function arabic(word) {
    if (word.length > 3 && word.charAt(0) === "و") word = word.slice(1);
    for (var i = 0; i < AR_ARTICLES.length; i++) {
      var p = AR_ARTICLES[i];
      if (word.length - p.length >= 2 && word.indexOf(p) === 0) {
        word = word.slice(p.length);
        break;
      }
    }
    for (var j = 0; j < AR_SUFFIXES.length; j++) {
      var s = AR_SUFFIXES[j];
      if (word.length - s.length >= 2 && word.slice(-s.length) === s) word = word.slice(0, -s.length);
    }
    return word;
  }

  // The Snowball stemmer of `lang` from lunr-languages (loaded beside lunr), or lunr's own
  // English one; none for a language lunr-languages lacks.
  function stemmer(lunr, lang) {
    var fn = lang === "en" ? lunr && lunr.stemmer : lunr && lunr[lang] && lunr[lang].stemmer;
    if (!fn) return function (w) { return w; };
    return function (w) { return fn(new lunr.Token(w, {})).toString(); };
  }

  var ARABIC = /[\u0600-\u06FF]/;
  var DIGIT = /[0-9]/;

  // The analyser of an index in `lang`: a word as typed or written → what it is compared by.
  function analyser(lunr, lang) {
    var stem = stemmer(lunr, lang);
    return function (word) {
      var w = fold(word);
      if (!w) return w;
      if (DIGIT.test(w)) return identifier(w);
      if (ARABIC.test(w)) return arabic(w);
      return stem(w);
    };
  }

  // A word as written (lower case, accents kept), beside its analysed form in the index: a
  // query written the same way ranks it first, so that folding does not bury the exact word
  // under its look-alikes ("cote", a rating, before "côte", a coast). Only for words of
  // scripts with case or accents, not numbers.
  function written(word) {
    var w = word.toLowerCase().normalize("NFC");
    return /[0-9\u0600-\u06FF\u3400-\u9FFF]/.test(w) ? "" : "=" + w;
  }

  root.portalWords = {
    written: written,
    fold: fold, digits: digits, identifier: identifier, arabic: arabic, analyser: analyser
  };
})(typeof self !== "undefined" ? self : globalThis);
