// The report's filters: plain DOM, no library and no network, so the file works opened from disk or an attachment.
// Without script every finding stays visible and the filter form stays hidden.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) {
    return;
  }

  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  // Lowercased once: searching re-reads no DOM text on every keystroke.
  var texts = findings.map(function (finding) { return finding.textContent.toLowerCase(); });
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-group]'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');

  function ticked(name) {
    var values = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (input) {
      if (input.checked) {
        values[input.value] = true;
      }
    });
    return values;
  }

  function apply() {
    var severities = ticked('severity');
    var areas = ticked('area');
    var query = search.value.trim().toLowerCase();
    var count = 0;
    findings.forEach(function (finding, i) {
      var visible = severities[finding.getAttribute('data-severity')] === true &&
        areas[finding.getAttribute('data-area')] === true &&
        (query === '' || texts[i].indexOf(query) >= 0);
      finding.hidden = !visible;
      if (visible) {
        count++;
      }
    });
    // A heading with nothing visible under it would only add noise.
    groups.forEach(function (group) {
      group.hidden = group.querySelector('.finding:not([hidden])') === null;
    });
    shown.textContent = String(count);
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  // Enter in the search box would submit the form, that is reload the page: filtering is all there is to do.
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
