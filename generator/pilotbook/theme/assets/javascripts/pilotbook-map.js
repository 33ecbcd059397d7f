/* pilotbook: the stakeholder map is one stop for the Tab key. Inside it, the arrow
   keys move from shape to shape in the map's order (Home and End to the first and
   last), and Tab leaves it; the skip link above the map passes it altogether.
   Without this script every shape is a stop of its own, as links are. */
(function () {
  var MAPS = "svg.pb-map, svg.pb-map-narrow";

  function stops(svg) {
    return Array.prototype.slice.call(svg.querySelectorAll("a[href]"));
  }

  function prepare() {
    document.querySelectorAll(MAPS).forEach(function (svg) {
      stops(svg).forEach(function (link, index) {
        link.setAttribute("tabindex", index === 0 ? "0" : "-1");
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    var link = event.target && event.target.closest && event.target.closest("a[href]");
    var svg = link && link.closest(MAPS);
    if (!svg) return;
    var all = stops(svg);
    var at = all.indexOf(link);
    var to = {
      ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
      Home: 0, End: all.length - 1
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    var next = all[Math.max(0, Math.min(all.length - 1, to))];
    link.setAttribute("tabindex", "-1");
    next.setAttribute("tabindex", "0");
    next.focus();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(prepare); /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
