/* pilotbook: a table wider than the screen (a phone, a narrow window) scrolls sideways
   inside its frame, as Material's tables do. So that no column goes unseen, such a
   table says so just above it, in the page's language; the words go again once the
   table fits. */
(function () {
  var WORDS = {
    nl: "Deze tabel is breder dan het scherm: schuif hem opzij voor alle kolommen.",
    en: "This table is wider than the screen: scroll it sideways for every column."
  };
  var HINT = "pb-scroll-hint";

  function words() {
    var language = (document.documentElement.lang || "en").slice(0, 2).toLowerCase();
    return WORDS[language] || WORDS.en;
  }

  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (frame) {
      var wide = frame.scrollWidth > frame.clientWidth + 1;
      var before = frame.previousElementSibling;
      var hinted = before && before.classList.contains(HINT);
      if (wide && !hinted) {
        var hint = document.createElement("p");
        hint.className = HINT;
        hint.textContent = words();
        frame.parentNode.insertBefore(hint, frame);
      } else if (!wide && hinted) {
        before.remove();
      }
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(mark, 150);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(mark, 0); }); /* instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setTimeout(mark, 0); });
  } else {
    setTimeout(mark, 0);
  }
})();
