/* shimscan HTML report: filter box, severity toggles and grouping, all in this file (no network).
   State lives in the URL fragment (#q=text&sev=error,warning&group=namespace) so a filtered view can be
   bookmarked or shared. The page sets data-state="ready" on <html> when this script has run, and counts
   uncaught errors in data-errors. */
(function () {
  'use strict';
  var root = document.documentElement;
  var errorCount = 0;
  window.addEventListener('error', function () {
    errorCount++;
    root.setAttribute('data-errors', String(errorCount));
  });
  var SEVERITIES = ['error', 'warning', 'note'];
  var GROUPINGS = ['rule', 'namespace', 'workload', 'file'];
  var groupsEl = document.getElementById('groups');
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
  function openRuleFromHash() {
    var m = /^#(rule-DS[0-9]+)$/.exec(location.hash);
    var target = m && document.getElementById(m[1]);
    if (target && target.tagName === 'DETAILS') {
      target.open = true;
    }
    return !!m;
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#rule-"]') : null;
    var target = link && document.getElementById(link.getAttribute('href').slice(1));
    if (target && target.tagName === 'DETAILS') {
      target.open = true;
    }
  });
  if (!groupsEl) {
    openRuleFromHash();
    root.setAttribute('data-state', 'ready');
    return;
  }
  var all = Array.prototype.slice.call(groupsEl.querySelectorAll('.finding'));
  var texts = all.map(function (el) { return el.textContent.toLowerCase(); });
  var filter = document.getElementById('filter');
  var groupBy = document.getElementById('group-by');
  var status = document.getElementById('status');
  var toggles = Array.prototype.slice.call(document.querySelectorAll('.sev-toggle'));
  var ruleLabels = {};
  Array.prototype.forEach.call(groupsEl.querySelectorAll('.group'), function (g) {
    ruleLabels[g.getAttribute('data-key')] = g.getAttribute('data-label');
  });
  var current = 'rule';
  var state = { q: '', sev: { error: true, warning: true, note: true }, group: 'rule' };

  function readHash() {
    if (openRuleFromHash()) {
      return;
    }
    state.q = '';
    state.group = 'rule';
    SEVERITIES.forEach(function (s) { state.sev[s] = true; });
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var i = part.indexOf('=');
      if (i < 0) {
        return;
      }
      var key = part.slice(0, i);
      var value;
      try {
        value = decodeURIComponent(part.slice(i + 1).replace(/\+/g, ' '));
      } catch (e) {
        return;
      }
      if (key === 'q') {
        state.q = value;
      } else if (key === 'sev') {
        var on = value.split(',');
        SEVERITIES.forEach(function (s) { state.sev[s] = on.indexOf(s) >= 0; });
      } else if (key === 'group' && GROUPINGS.indexOf(value) >= 0) {
        state.group = value;
      }
    });
  }

  function writeHash() {
    var parts = [];
    if (state.q) {
      parts.push('q=' + encodeURIComponent(state.q));
    }
    var on = SEVERITIES.filter(function (s) { return state.sev[s]; });
    if (on.length !== SEVERITIES.length) {
      parts.push('sev=' + on.join(','));
    }
    if (state.group !== 'rule') {
      parts.push('group=' + state.group);
    }
    try {
      history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
    } catch (e) {
      /* some browsers refuse replaceState on file:// pages; the view still works, only the URL does not follow */
    }
  }

  function keyOf(el, by) {
    if (by === 'rule') {
      return el.getAttribute('data-rule');
    }
    if (by === 'namespace') {
      return el.getAttribute('data-ns') || '(no namespace)';
    }
    if (by === 'workload') {
      return el.getAttribute('data-wl');
    }
    return el.getAttribute('data-file') || '(not from a file)';
  }

  function labelOf(key, by) {
    if (by === 'rule') {
      return ruleLabels[key] || key;
    }
    if (by === 'namespace' && key.charAt(0) !== '(') {
      return 'namespace ' + key;
    }
    return key;
  }

  function regroup(by) {
    if (by === current) {
      return;
    }
    var order = [];
    var groups = {};
    all.forEach(function (el) {
      var k = keyOf(el, by);
      if (!Object.prototype.hasOwnProperty.call(groups, k)) {
        groups[k] = [];
        order.push(k);
      }
      groups[k].push(el);
    });
    if (by !== 'rule') {
      order.sort();
    }
    var fragment = document.createDocumentFragment();
    order.forEach(function (k) {
      var section = document.createElement('section');
      section.className = 'group';
      section.setAttribute('data-key', k);
      section.setAttribute('data-label', labelOf(k, by));
      var heading = document.createElement('h3');
      var title = document.createElement('span');
      title.className = 'group-title';
      title.textContent = labelOf(k, by);
      var count = document.createElement('span');
      count.className = 'count';
      heading.appendChild(title);
      heading.appendChild(count);
      var items = document.createElement('div');
      items.className = 'items';
      groups[k].forEach(function (el) { items.appendChild(el); });
      section.appendChild(heading);
      section.appendChild(items);
      fragment.appendChild(section);
    });
    groupsEl.textContent = '';
    groupsEl.appendChild(fragment);
    current = by;
  }

  function apply() {
    regroup(state.group);
    var q = state.q.trim().toLowerCase();
    var terms = q ? q.split(/\s+/) : [];
    var shown = 0;
    var perGroup = new Map();
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var ok = state.sev[el.getAttribute('data-sev')] === true;
      for (var j = 0; ok && j < terms.length; j++) {
        ok = texts[i].indexOf(terms[j]) >= 0;
      }
      el.hidden = !ok;
      var group = el.parentNode.parentNode;
      perGroup.set(group, (perGroup.get(group) || 0) + (ok ? 1 : 0));
      if (ok) {
        shown++;
      }
    }
    perGroup.forEach(function (visible, group) {
      group.hidden = visible === 0;
      group.querySelector('.count').textContent = visible + (visible === 1 ? ' finding' : ' findings');
    });
    status.textContent = shown === all.length
      ? 'Showing all ' + all.length + (all.length === 1 ? ' finding' : ' findings')
      : 'Showing ' + shown + ' of ' + all.length + ' findings';
    status.setAttribute('data-shown', String(shown));
    toggles.forEach(function (b) {
      b.setAttribute('aria-pressed', String(state.sev[b.getAttribute('data-sev')] === true));
    });
    if (filter.value !== state.q) {
      filter.value = state.q;
    }
    groupBy.value = state.group;
  }

  var pending = 0;
  filter.addEventListener('input', function () {
    state.q = filter.value;
    clearTimeout(pending);
    pending = setTimeout(function () { apply(); writeHash(); }, all.length > 2000 ? 120 : 0);
  });
  toggles.forEach(function (b) {
    b.addEventListener('click', function () {
      var s = b.getAttribute('data-sev');
      state.sev[s] = !state.sev[s];
      apply();
      writeHash();
    });
  });
  groupBy.addEventListener('change', function () {
    state.group = groupBy.value;
    apply();
    writeHash();
  });
  window.addEventListener('hashchange', function () {
    readHash();
    apply();
  });
  readHash();
  apply();
  root.setAttribute('data-state', 'ready');
}());
