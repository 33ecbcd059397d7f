/* pilotbook: the search box folds accents the way the search index does
   (pilotbook/site/searchfold.py), so "Ozturk" finds "Öztürk" and "Öztürk" finds
   "Ozturk". It runs before Material reads what was typed. */
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
})();
