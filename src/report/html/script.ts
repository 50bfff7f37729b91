/**
 * The report's only script: sorting and filtering the threat table, and the risk matrix as a
 * filter. Plain DOM, no framework, no network. It is a constant: the Content-Security-Policy
 * allows exactly this text by its SHA-256, so nothing injected into the page could run.
 * Without it (JavaScript off, or the PDF) the report reads the same, unsorted and unfiltered.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var table = $('threat-table');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = $('f-search'), category = $('f-category'), severity = $('f-severity'), status = $('f-status');
  var shown = $('f-shown'), cellChip = $('f-cell'), cellText = $('f-cell-text');
  var cell = null;

  function apply() {
    var q = search.value.trim().toLowerCase();
    var min = Number(severity.value || 0);
    var n = 0;
    rows.forEach(function (r) {
      var d = r.dataset;
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!category.value || d.category === category.value) &&
        Number(d.rank) >= min &&
        (!status.value || (status.value === 'not-done' ? d.status !== 'done' : d.status === status.value)) &&
        (!cell || (d.l === cell.l && d.i === cell.i));
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n === rows.length ? 'all ' + n + ' threats' : n + ' of ' + rows.length + ' threats';
    cellChip.hidden = !cell;
    if (cell) cellText.textContent = cell.l + ' \\u00d7 ' + cell.i;
    document.querySelectorAll('.matrix button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(!!cell && b.dataset.l === cell.l && b.dataset.i === cell.i));
    });
  }

  [search, category, severity, status].forEach(function (el) { el.addEventListener('input', apply); });
  cellChip.addEventListener('click', function () { cell = null; apply(); });
  document.querySelectorAll('.matrix button').forEach(function (b) {
    b.addEventListener('click', function () {
      var same = cell && cell.l === b.dataset.l && cell.i === b.dataset.i;
      cell = same ? null : { l: b.dataset.l, i: b.dataset.i };
      apply();
      if (cell) table.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  });

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var key = function (r) { var c = r.cells[col]; return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent.trim().toLowerCase(); };
      var numeric = th.dataset.type === 'number';
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
        return ascending ? order : -order;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  $('threat-filters').hidden = false;
  apply();
  document.documentElement.setAttribute('data-ready', '');
})();
`.trim()
