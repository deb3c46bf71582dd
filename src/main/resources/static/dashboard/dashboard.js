// The figures dashboard: one call to /api/reports/outputs, drawn with Chart.js (served locally).
(function () {
  function numeric(v) { return typeof v === 'number' ? v : 0; }
  function text(id, value) { document.getElementById(id).textContent = value === null || value === undefined ? '–' : String(value); }
  fetch(window.location.origin + '/api/reports/outputs', { credentials: 'same-origin' })
    .then(function (r) { if (!r.ok) { throw new Error('The figures could not be loaded (' + r.status + ')'); } return r.json(); })
    .then(function (report) {
      var byKey = {};
      report.figures.forEach(function (f) { byKey[f.key] = f; });
      var compliance = byKey.contactWithin72HoursPercent.value;
      text('compliance', typeof compliance === 'number' ? compliance + '%' : compliance);
      text('referred', byKey.casesReferred.value);
      var change = byKey.casesReferred.changePercent;
      text('referredChange', change == null ? '' : (change >= 0 ? '+' : '') + change + '% on the year before');
      text('panels', byKey.panelsHeld.value);
      text('overdue', byKey.actionsOverdue.value);
      var tbody = document.querySelector('#figures tbody');
      report.figures.forEach(function (f) {
        var tr = document.createElement('tr');
        [f.label, f.value, f.previousYear, f.changePercent == null ? '' : f.changePercent + '%'].forEach(function (cell, i) {
          var td = document.createElement('td');
          td.textContent = cell === null || cell === undefined ? '' : String(cell);
          if (i === 0) { td.title = f.definition; }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      var months = report.breakdowns.casesReferredByMonth;
      new Chart(document.getElementById('byMonth'), { type: 'line',
        data: { labels: Object.keys(months), datasets: [{ label: 'Cases referred', data: Object.values(months).map(numeric) }] } });
      // A suppressed month ("<3") is a gap, never drawn as 0; months still running count only deadlines passed.
      var trend = report.trend || [];
      function shownOrGap(v) { return typeof v === 'number' ? v : null; }
      new Chart(document.getElementById('trend'), { type: 'line',
        data: { labels: trend.map(function (m) { return m.month; }), datasets: [
          { label: 'Contacted within 72 hours (%)', data: trend.map(function (m) { return shownOrGap(m.contactWithin72HoursPercent); }), spanGaps: false, yAxisID: 'percent' },
          { label: 'Hours to first contact', data: trend.map(function (m) { return shownOrGap(m.hoursToFirstContact); }), spanGaps: false, yAxisID: 'hours' }] },
        options: { scales: { percent: { type: 'linear', position: 'left', min: 0, max: 100 }, hours: { type: 'linear', position: 'right', min: 0 } } } });
      var routes = report.breakdowns.casesReferredByRoute;
      new Chart(document.getElementById('byRoute'), { type: 'bar',
        data: { labels: Object.keys(routes), datasets: [{ label: 'Cases referred (suppressed counts shown as 0)', data: Object.values(routes).map(numeric) }] } });
    })
    .catch(function (e) { document.querySelector('main').textContent = e.message; });
}());
