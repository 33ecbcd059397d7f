/* pilotbook: the search box folds accents the way the search index does
   (pilotbook/site/searchfold.py), so "Ozturk" finds "Öztürk" and "Öztürk" finds
   "Ozturk". It runs before Material reads what was typed.

   In the results, a word found by its folded form ("José" for "jose") is marked as
   it is written, as Material marks a word typed letter for letter; a long section
   shows a snippet around its first marked word, not its opening words; and every
   result can be reached on a screen the first results do not fill. */
(function () {
  var letters = {
    "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"
  };
  function fold(text) {
    return text
      .replace(/[øØßłŁđĐæÆœŒðÐþÞı]/g, function (c) { return letters[c]; })
      .normalize("NFD")
      .replace(/\p{Mn}/gu, "")
      .normalize("NFC");
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.classList && box.classList.contains("md-search__input")) {
      var folded = fold(box.value);
      if (folded !== box.value) {
        var at = box.selectionStart;
        box.value = folded;
        box.setSelectionRange(at, at);
      }
    }
  }, true);

  /* Characters of a section kept before and after its first marked word. */
  var BEFORE = 60, AFTER = 240;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var APART = ".pb-folded, h1, h2, .md-search-result__icon, .md-search-result__terms";

  function terms() {
    var box = document.querySelector(".md-search__input");
    return fold(box ? box.value : "").toLowerCase().split(/[^\p{L}\p{N}]+/u)
      .filter(function (term) { return term.length > 0; });
  }

  /* The text nodes of a result a reader sees, outside the elements `apart`. */
  function shown(article, apart) {
    var found = [];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(apart) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) found.push(walker.currentNode);
    return found;
  }

  /* Marks each word written with accents whose folded form starts with a term, in the
     title and the text alike. */
  function markFolded(article, wanted) {
    shown(article, "mark, .pb-folded").forEach(function (node) {
      var text = node.nodeValue, parts = [], last = 0;
      text.replace(WORD, function (word, at) {
        var plain = fold(word).toLowerCase();
        var hit = plain !== word.toLowerCase() && wanted.some(function (t) { return plain.indexOf(t) === 0; });
        if (hit) {
          var mark = document.createElement("mark");
          mark.textContent = word;
          parts.push(document.createTextNode(text.slice(last, at)), mark);
          last = at + word.length;
        }
        return word;
      });
      if (parts.length) {
        parts.push(document.createTextNode(text.slice(last)));
        parts.forEach(function (part) { node.parentNode.insertBefore(part, node); });
        node.remove();
      }
    });
  }

  /* Cuts a section's text to a window around its first marked word, and leaves out
     whatever the cut leaves empty. */
  function snippet(article) {
    var nodes = shown(article, APART);
    var first = nodes.findIndex(function (node) { return node.parentElement.closest("mark"); });
    if (first < 0) return;
    var offsets = [], at = 0;
    nodes.forEach(function (node) { offsets.push(at); at += node.nodeValue.length; });
    var from = offsets[first] - BEFORE, to = offsets[first] + nodes[first].nodeValue.length + AFTER;
    /* A list item or paragraph that holds the word is shown from its start. */
    var item = nodes[first].parentElement.closest("li, p");
    var opening = item && article.contains(item) ? nodes.findIndex(function (n) { return item.contains(n); }) : -1;
    if (opening >= 0) from = Math.max(from - BEFORE, offsets[opening]);
    nodes.forEach(function (node, i) {
      var start = offsets[i], text = node.nodeValue, end = start + text.length;
      if (i === first) return;
      var keep = text.slice(Math.max(0, from - start), Math.max(0, to - start));
      if (start < from && end > from) keep = "… " + keep.replace(/^\S*\s/, "");
      if (start < to && end > to) keep = keep.replace(/\s\S*$/, "") + " …";
      node.nodeValue = keep;
    });
    /* Emptied: nothing left but folded words, which are never shown. */
    article.querySelectorAll("mark, li, p, ul, ol, table, tr, td, th").forEach(function (element) {
      var text = shown(element, APART).map(function (node) { return node.nodeValue; }).join("");
      if (!element.closest(APART) && !text.trim()) element.remove();
    });
  }

  function results() {
    var wanted = terms();
    document.querySelectorAll(".md-search-result__article:not([data-pb-snippet])").forEach(function (article) {
      article.setAttribute("data-pb-snippet", "");
      if (wanted.length) markFolded(article, wanted);
      snippet(article);
    });
  }

  /* Material shows ten results, then four more each time the list's end comes into
     view, but it looks again only when the list scrolls. So results that fit the
     screen (a phone, results one line each) never bring the rest, and a list that
     grew past the screen while its end was in view needs a scroll up and down first.
     After each change of the list, step its end away and back, as a scroll would:
     Material then knows whether the end is in view, and adds the next four if so.
     (It reads a scroll at the next frame: each step stands for a frame.) */
  var stepping = false;
  function more() {
    var wrap = document.querySelector(".md-search__scrollwrap");
    var list = document.querySelector(".md-search-result__list");
    if (stepping || !wrap || !list || list.hidden || !list.children.length) return;
    stepping = true;
    list.style.paddingBottom = wrap.clientHeight + "px";
    wrap.dispatchEvent(new Event("scroll"));
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        list.style.paddingBottom = "";
        wrap.dispatchEvent(new Event("scroll"));
        stepping = false;
      });
    });
  }

  function watch() {
    var list = document.querySelector(".md-search-result");
    if (list) {
      new MutationObserver(function () {
        results();
        more();
      }).observe(list, { childList: true, subtree: true });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
