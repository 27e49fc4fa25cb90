/* The portal's small behaviours. Everything works without JavaScript; this only adds to it. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    // Email addresses are published reversed, so that harvesters do not read them.
    document.querySelectorAll("a.portal-email[data-reversed]").forEach(function (a) {
      var address = a.getAttribute("data-reversed").split("").reverse().join("");
      a.href = "mailto:" + address;
      a.textContent = address;
    });
    // "Accessed" in a citation is the reader's today, in the page's language.
    document.querySelectorAll(".portal-accessed").forEach(function (el) {
      var lang = document.documentElement.lang || "en";
      el.textContent = new Date().toLocaleDateString(lang, {
        year: "numeric", month: "long", day: "numeric"
      });
    });
  });
})();
