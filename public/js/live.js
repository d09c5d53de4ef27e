// The live view of a meeting (/meetings/:id/live): follows the meeting's event stream and
// redraws the current item, the clock and the agenda in place. Without this script the
// page shows the state when it was loaded, with a reload link.
(function () {
  'use strict';
  var root = document.getElementById('live');
  if (!root || typeof window.EventSource !== 'function') return;
  var d = root.dataset;
  var state = null;
  var clockOffset = 0; // server time minus local time, in ms
  var source = null;

  function q(name) {
    return root.querySelector('[data-live="' + name + '"]');
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) {
      return k in values ? String(values[k]) : m;
    });
  }
  function duration(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = String(s % 60).padStart(2, '0');
    return h ? h + ':' + String(m).padStart(2, '0') + ':' + sec : m + ':' + sec;
  }
  function planned(item) {
    return item.plannedMinutes ? fill(d.tMinutes, { minutes: item.plannedMinutes }) : d.tNoPlan;
  }
  function used(item) {
    var running = 0;
    if (state.currentItemId === item.id && state.itemStartedAt) {
      running = Math.max(0, (Date.now() + clockOffset - Date.parse(state.itemStartedAt)) / 1000);
    }
    return item.usedSeconds + running;
  }
  function current() {
    for (var i = 0; i < state.items.length; i++) if (state.items[i].id === state.currentItemId) return state.items[i];
    return null;
  }
  function text(el, value) {
    if (el && el.textContent !== value) el.textContent = value;
  }
  function show(el, visible) {
    if (el) el.hidden = !visible;
  }
  function hhmm(iso) {
    var date = new Date(iso);
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  }

  function drawCurrent() {
    var item = current();
    var title = root.querySelector('.live-current-title');
    show(title, !!item);
    text(q('number'), item ? item.number + '.' : '');
    text(q('title'), item ? item.title : '');
    show(q('presenter'), !!(item && item.presenter));
    text(q('presenter'), item && item.presenter ? fill(d.tPresenter, { name: item.presenter }) : '');
    var empty = state.status === 'cancelled' ? d.tCancelled : state.startedAt ? d.tPaused : d.tNotStarted;
    show(q('empty'), !item);
    text(q('empty'), item ? '' : empty);
    show(root.querySelector('.live-clock'), !!item);
    show(q('since'), !!item);
    text(q('since'), item && state.itemStartedAt ? fill(d.tSince, { time: hhmm(state.itemStartedAt) }) : '');
    text(q('planned'), item ? planned(item) : '');
    tick();
  }

  function tick() {
    if (!state) return;
    var item = current();
    var clock = root.querySelector('.live-clock');
    if (item) {
      var seconds = used(item);
      var over = !!item.plannedMinutes && seconds > item.plannedMinutes * 60;
      text(q('used'), duration(seconds));
      if (clock) clock.classList.toggle('live-over', over);
      show(q('overtime'), over);
      var row = root.querySelector('tr[data-item-id="' + item.id + '"] [data-live="item-used"]');
      text(row, duration(seconds) + ' / ' + planned(item));
    } else {
      show(q('overtime'), false);
    }
  }

  function actionCell(item, isCurrent) {
    var td = document.createElement('td');
    var form = document.createElement('form');
    form.method = 'post';
    form.action = d.action;
    form.className = 'inline-form';
    var csrf = document.createElement('input');
    csrf.type = 'hidden';
    csrf.name = '_csrf';
    csrf.value = d.csrf;
    var id = document.createElement('input');
    id.type = 'hidden';
    id.name = 'itemId';
    id.value = item.id;
    var button = document.createElement('button');
    button.type = 'submit';
    button.className = 'button button-secondary';
    button.disabled = isCurrent;
    button.setAttribute('aria-label', fill(d.tMakeCurrentItem, { number: item.number }));
    button.textContent = d.tMakeCurrent;
    form.append(csrf, id, button);
    td.append(form);
    return td;
  }

  function drawAgenda() {
    var body = document.getElementById('live-agenda-rows');
    if (!body) return;
    var rows = state.items.map(function (item) {
      var isCurrent = item.id === state.currentItemId;
      var tr = document.createElement('tr');
      tr.dataset.itemId = item.id;
      if (isCurrent) {
        tr.className = 'live-row-current';
        tr.setAttribute('aria-current', 'step');
      }
      var cells = [item.number, item.plannedStart + '–' + item.plannedEnd, item.title, item.presenter || '', duration(used(item)) + ' / ' + planned(item)];
      cells.forEach(function (value, i) {
        var td = document.createElement('td');
        td.textContent = value;
        if (i === 2 && isCurrent) {
          var now = document.createElement('strong');
          now.className = 'live-now';
          now.textContent = ' (' + d.tNow + ')';
          td.append(now);
        }
        if (i === 4) td.dataset.live = 'item-used';
        tr.append(td);
      });
      if (d.manage === 'true') tr.append(actionCell(item, isCurrent));
      return tr;
    });
    body.replaceChildren.apply(body, rows);
  }

  function onState(event) {
    state = JSON.parse(event.data);
    clockOffset = Date.parse(state.serverTime) - Date.now();
    drawCurrent();
    drawAgenda();
    root.dataset.currentItem = state.currentItemId || '';
  }

  function connect() {
    source = new EventSource(d.events);
    source.addEventListener('state', onState);
    source.addEventListener('open', function () {
      text(q('connection'), d.tConnected);
      show(q('reload'), false);
    });
    source.addEventListener('error', function () {
      text(q('connection'), d.tReconnecting);
      show(q('reload'), true);
    });
  }

  connect();
  setInterval(tick, 1000);
  window.addEventListener('pagehide', function () {
    if (source) source.close();
  });
})();
