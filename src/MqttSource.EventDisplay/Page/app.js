// event-display live page: Server-Sent Events from events/stream, newest first. No dependencies.
(function () {
  'use strict';

  var MAX_ROWS = 500;
  var MAX_DUMP = 4096;
  var CORE = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data', 'data_base64'];

  var params = new URLSearchParams(location.search);
  var expandAll = params.get('expand') === '1' || params.get('expand') === 'all';
  // ?snapshot=1: render the kept events once from GET events instead of streaming (for screenshots and sharing).
  var snapshot = params.get('snapshot') === '1';

  var tbody = document.querySelector('#events tbody');
  var filterBox = document.getElementById('filter');
  var pauseButton = document.getElementById('pause');
  var clearButton = document.getElementById('clear');
  var statusLabel = document.getElementById('status');
  var rateLabel = document.getElementById('rate');
  var shownLabel = document.getElementById('shown');
  var pendingLabel = document.getElementById('pending');
  var droppedLabel = document.getElementById('dropped');
  var emptyNote = document.getElementById('empty');

  var paused = false;
  var pending = [];
  var droppedTotal = 0;
  var arrivals = [];
  var query = '';

  function setStatus(state, text) {
    document.body.dataset.state = state;
    statusLabel.textContent = text;
    statusLabel.className = 'status ' + state;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) { s = '0' + s; }
    return s;
  }

  function clock(date) {
    return pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2) + '.' + pad(date.getMilliseconds(), 3);
  }

  function cell(row, label, text, className) {
    var td = document.createElement('td');
    td.dataset.label = label;
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (className) { td.className = className; }
    td.title = td.textContent;
    row.appendChild(td);
    return td;
  }

  function base64Bytes(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }

  function hexDump(bytes) {
    var lines = [];
    var shown = Math.min(bytes.length, MAX_DUMP);
    for (var offset = 0; offset < shown; offset += 16) {
      var hex = '';
      var ascii = '';
      for (var i = 0; i < 16; i++) {
        if (i === 8) { hex += ' '; }
        if (offset + i < shown) {
          var b = bytes[offset + i];
          hex += pad(b.toString(16), 2) + ' ';
          ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
        } else {
          hex += '   ';
        }
      }
      lines.push(pad(offset.toString(16), 8) + '  ' + hex + ' |' + ascii + '|');
    }
    if (bytes.length > shown) { lines.push('… ' + (bytes.length - shown) + ' more bytes not shown'); }
    return lines.join('\n');
  }

  function describeData(ev) {
    if (Object.prototype.hasOwnProperty.call(ev, 'data_base64')) {
      try {
        var bytes = base64Bytes(ev.data_base64 || '');
        return { label: 'data (binary, ' + bytes.length + ' bytes)', text: hexDump(bytes), hex: true };
      } catch (e) {
        return { label: 'data (base64)', text: String(ev.data_base64) };
      }
    }
    if (!Object.prototype.hasOwnProperty.call(ev, 'data')) { return null; }
    if (typeof ev.data === 'string') {
      var type = (ev.datacontenttype || '').toLowerCase();
      if (/[/+]json(\s*;|$)/.test(type)) {
        try { return { label: 'data', text: JSON.stringify(JSON.parse(ev.data), null, 2) }; } catch (e) { /* plain text */ }
      }
      return { label: 'data', text: ev.data };
    }
    return { label: 'data', text: JSON.stringify(ev.data, null, 2) };
  }

  function buildDetail(message) {
    var ev = message.event;
    var row = document.createElement('tr');
    row.className = 'detail';
    var td = document.createElement('td');
    td.colSpan = 5;
    var attrs = document.createElement('dl');
    attrs.className = 'attrs';
    var names = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema'];
    var extensions = Object.keys(ev).filter(function (k) { return CORE.indexOf(k) < 0; }).sort();
    names.concat(extensions).forEach(function (name) {
      if (ev[name] === undefined || ev[name] === null) { return; }
      var dt = document.createElement('dt');
      dt.textContent = name;
      if (extensions.indexOf(name) >= 0) { dt.className = 'ext'; }
      var dd = document.createElement('dd');
      dd.textContent = String(ev[name]);
      attrs.appendChild(dt);
      attrs.appendChild(dd);
    });
    if (message.received) {
      var receivedName = document.createElement('dt');
      receivedName.textContent = 'received';
      var receivedValue = document.createElement('dd');
      receivedValue.textContent = message.received;
      attrs.appendChild(receivedName);
      attrs.appendChild(receivedValue);
    }
    td.appendChild(attrs);
    var data = describeData(ev);
    var heading = document.createElement('div');
    heading.className = 'data-label';
    heading.textContent = data ? data.label : 'no data';
    td.appendChild(heading);
    if (data) {
      var pre = document.createElement('pre');
      pre.className = data.hex ? 'data hex' : 'data';
      pre.textContent = data.text;
      td.appendChild(pre);
    }
    row.appendChild(td);
    return row;
  }

  function toggle(row) {
    var open = row.classList.toggle('open');
    row.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) {
      if (!row.detailRow) { row.detailRow = buildDetail(row.message); }
      row.parentNode.insertBefore(row.detailRow, row.nextSibling);
    } else if (row.detailRow && row.detailRow.parentNode) {
      row.detailRow.parentNode.removeChild(row.detailRow);
    }
  }

  function matches(row) {
    return query === '' || row.searchText.indexOf(query) >= 0;
  }

  function applyFilter(row) {
    var visible = matches(row);
    row.hidden = !visible;
    if (row.detailRow) { row.detailRow.hidden = !visible; }
  }

  function render(message) {
    var ev = message.event || {};
    var row = document.createElement('tr');
    row.className = 'event';
    row.tabIndex = 0;
    row.setAttribute('aria-expanded', 'false');
    row.message = message;
    row.dataset.id = ev.id || '';
    row.dataset.seq = message.seq;
    row.searchText = ((ev.type || '') + '\n' + (ev.subject || '')).toLowerCase();
    var stamp = ev.time || message.received;
    var when = stamp ? new Date(stamp) : null;
    var timeCell = cell(row, 'time', !when ? '—' : isNaN(when.getTime()) ? stamp : clock(when), ev.time ? 'time' : 'time received');
    timeCell.title = ev.time ? ev.time : stamp ? 'received ' + stamp + ' (the event has no time)' : 'the event has no time';
    cell(row, 'type', ev.type, 'type');
    cell(row, 'source', ev.source, 'source');
    cell(row, 'subject', ev.subject, 'subject');
    cell(row, 'id', ev.id, 'id');
    applyFilter(row);
    tbody.insertBefore(row, tbody.firstChild);
    if (expandAll) { toggle(row); }
    var rows = tbody.querySelectorAll('tr.event');
    for (var i = MAX_ROWS; i < rows.length; i++) {
      if (rows[i].detailRow && rows[i].detailRow.parentNode) { tbody.removeChild(rows[i].detailRow); }
      tbody.removeChild(rows[i]);
    }
    updateCounts();
  }

  function updateCounts() {
    var rows = tbody.querySelectorAll('tr.event');
    var visible = 0;
    for (var i = 0; i < rows.length; i++) { if (!rows[i].hidden) { visible++; } }
    shownLabel.textContent = query === '' ? String(rows.length) : visible + ' of ' + rows.length;
    emptyNote.hidden = rows.length > 0;
    pendingLabel.hidden = pending.length === 0;
    pendingLabel.textContent = pending.length + ' new while paused';
    droppedLabel.hidden = droppedTotal === 0;
    droppedLabel.textContent = droppedTotal + ' dropped (this page read too slowly)';
  }

  function onMessage(message) {
    arrivals.push(Date.now());
    if (paused) {
      pending.push(message);
      if (pending.length > MAX_ROWS) { pending.shift(); }
      updateCounts();
      return;
    }
    render(message);
  }

  function tickRate() {
    var cutoff = Date.now() - 1000;
    while (arrivals.length > 0 && arrivals[0] < cutoff) { arrivals.shift(); }
    rateLabel.textContent = String(arrivals.length);
  }

  filterBox.addEventListener('input', function () {
    query = filterBox.value.trim().toLowerCase();
    var rows = tbody.querySelectorAll('tr.event');
    for (var i = 0; i < rows.length; i++) { applyFilter(rows[i]); }
    updateCounts();
  });

  pauseButton.addEventListener('click', function () {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', paused ? 'true' : 'false');
    document.body.classList.toggle('paused', paused);
    if (!paused) {
      var queued = pending;
      pending = [];
      queued.forEach(render);
    }
    updateCounts();
  });

  clearButton.addEventListener('click', function () {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    pending = [];
    updateCounts();
  });

  tbody.addEventListener('click', function (e) {
    var row = e.target.closest('tr.event');
    if (row && !(window.getSelection && String(window.getSelection()) !== '')) { toggle(row); }
  });
  tbody.addEventListener('keydown', function (e) {
    var row = e.target.closest('tr.event');
    if (row && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); toggle(row); }
  });

  function stream() {
    var source = new EventSource('events/stream');
    source.addEventListener('open', function () { setStatus('live', 'live'); });
    source.addEventListener('error', function () {
      var closed = source.readyState === EventSource.CLOSED;
      setStatus(closed ? 'closed' : 'reconnecting', closed ? 'disconnected' : 'reconnecting…');
    });
    source.addEventListener('cloudevent', function (e) {
      try { onMessage(JSON.parse(e.data)); } catch (err) { /* a malformed message is skipped */ }
    });
    source.addEventListener('dropped', function (e) {
      droppedTotal += parseInt(e.data, 10) || 0;
      updateCounts();
    });
  }

  function loadSnapshot() {
    fetch('events', { headers: { Accept: 'application/cloudevents-batch+json' } })
      .then(function (response) { return response.json(); })
      .then(function (events) {
        events.forEach(function (ev, i) { render({ seq: i + 1, received: null, event: ev }); });
        setStatus('snapshot', 'snapshot of ' + events.length + ' kept events');
      })
      .catch(function () { setStatus('closed', 'could not load events'); });
  }

  if (snapshot) { loadSnapshot(); } else { stream(); }
  setInterval(tickRate, 250);
  updateCounts();
}());
