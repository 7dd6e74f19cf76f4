// Vårdnav console: small enhancements only; every page works without this file.
(function () {
  'use strict';
  // "select all" checkboxes in table headers
  document.querySelectorAll('input.select-all').forEach(function (all) {
    all.addEventListener('change', function () {
      var table = all.closest('table');
      table.querySelectorAll('tbody input[type=checkbox]').forEach(function (box) { box.checked = all.checked; });
    });
  });
  // the overview's tiles refresh themselves, unless the keyboard focus is in them
  var tiles = document.getElementById('tiles');
  if (tiles) {
    var seconds = parseInt(tiles.getAttribute('data-refresh'), 10) || 10;
    setInterval(function () {
      var current = document.getElementById('tiles');
      if (current.contains(document.activeElement)) {
        return;
      }
      fetch(window.location.pathname.replace(/\/$/, '') + '/tiles', { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html) {
            current.outerHTML = html;
          }
        })
        .catch(function () { /* the next refresh tries again */ });
    }, seconds * 1000);
  }
})();
