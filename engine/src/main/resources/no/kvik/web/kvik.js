// The statistics views of kvik serve: the search box filters the indicator lists as one types. Everything works
// without this script (the search form is answered by the server); no inline handlers, so the CSP forbids them.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  var box = document.querySelector('input[data-filter]');
  if (!box) return;
  var lists = document.getElementById(box.getAttribute('data-filter'));
  var status = document.getElementById('match-count');
  box.addEventListener('input', function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = {};
    lists.querySelectorAll('li[data-search]').forEach(function (li) {
      var hay = li.getAttribute('data-search');
      var match = words.every(function (w) { return hay.indexOf(w) >= 0; });
      li.hidden = !match;
      if (match) shown[li.querySelector('a').getAttribute('href')] = true;
    });
    // a group heading without a visible indicator is hidden with its list
    lists.querySelectorAll('ul.indicators').forEach(function (ul) {
      var any = ul.querySelector('li:not([hidden])') !== null;
      ul.hidden = !any;
      var h = ul.previousElementSibling;
      if (h && h.tagName === 'H3') h.hidden = !any;
    });
    if (status) {
      var n = Object.keys(shown).length;
      status.textContent = words.length === 0 ? '' : n + ' ' + (document.documentElement.lang === 'en' ? 'found' : 'treff');
    }
  });
});
