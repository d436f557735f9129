// Quick exit ("Keluar cepat") for the reporting pages. Optional: without JavaScript the link still goes
// to the neutral site. With it, the exit replaces this page in the history (Back does not return here)
// and pressing Escape twice within a second exits too.
(function () {
  'use strict';
  var link = document.getElementById('keluar');
  if (!link) return;
  var target = link.getAttribute('href');
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.visibility = 'hidden';
    window.location.replace(target);
  }
  link.addEventListener('click', leave);
  var lastEscape = 0;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var now = Date.now();
    if (now - lastEscape < 1000) leave(event);
    lastEscape = now;
  });
})();
