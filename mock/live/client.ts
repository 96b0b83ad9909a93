/**
 * The page's script, sent inline (no bundler, no CDN). It keeps one card per machine, each a
 * copy of its machine's chart with the current states marked `current`, and a timeline of the
 * log, newest first. Kept as plain browser JavaScript in a string: it runs in the page only.
 */
export const CLIENT_SCRIPT = String.raw`
(() => {
  const KINDS = [['cluster', 'Cluster'], ['node', 'Nodes'], ['database', 'Databases'], ['certificate', 'Certificates']];
  const MAX_EVENTS = 500;
  const machines = document.getElementById('machines');
  const list = document.getElementById('events');
  const status = document.getElementById('status');
  const groups = {};
  for (const [kind, title] of KINDS) {
    const h = document.createElement('h2');
    h.textContent = title;
    const g = document.createElement('div');
    g.className = 'group ' + kind;
    machines.append(h, g);
    groups[kind] = g;
  }

  function card(e) {
    let c = document.querySelector('.card[data-entity="' + CSS.escape(e.id) + '"]');
    if (c) return c;
    c = document.createElement('article');
    c.className = 'card ' + e.kind;
    c.dataset.entity = e.id;
    const h = document.createElement('h3');
    const name = document.createElement('span');
    name.textContent = e.name;
    const state = document.createElement('span');
    state.className = 'state';
    h.append(name, state);
    c.append(h, document.getElementById('chart-' + e.kind).content.cloneNode(true));
    groups[e.kind].append(c);
    return c;
  }

  function showEntities(entities) {
    const seen = new Set();
    for (const e of entities) {
      seen.add(e.id);
      const c = card(e);
      const before = c.dataset.state;
      c.dataset.state = e.state;
      c.querySelector('h3 .state').textContent = e.state;
      for (const g of c.querySelectorAll('g[data-state]')) g.classList.toggle('current', e.active.includes(g.dataset.state));
      if (before !== undefined && before !== e.state) {
        c.classList.add('changed');
        setTimeout(() => c.classList.remove('changed'), 1500);
      }
    }
    for (const c of document.querySelectorAll('.card[data-entity]')) if (!seen.has(c.dataset.entity)) c.remove();
  }

  function summary(data) {
    // Times in the events are epoch milliseconds of the cluster clock: shown as dates.
    const shown = (k, v) => (typeof v === 'number' && /^(now|notBefore|notAfter)$/.test(k) ? new Date(v).toISOString().slice(0, 16) + 'Z' : JSON.stringify(v));
    return Object.entries(data || {}).filter(([k]) => k !== 'uid' && k !== 'nodeUid').map(([k, v]) => k + '=' + shown(k, v)).join(' ').slice(0, 120);
  }

  function addEvents(events, fresh) {
    for (const ev of events) {
      const li = document.createElement('li');
      if (fresh) li.className = 'fresh';
      const when = new Date(ev.time).toISOString().slice(11, 19);
      li.innerHTML = '<span class="type"></span> <span class="entity"></span><div class="meta"></div>';
      li.querySelector('.type').textContent = ev.type;
      li.querySelector('.entity').textContent = '→ ' + ev.entity;
      li.querySelector('.meta').textContent = '#' + ev.position + ' ' + when + ' ' + summary(ev.data);
      li.dataset.position = ev.position;
      list.prepend(li);
    }
    while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
    if (fresh) setTimeout(() => { for (const li of list.querySelectorAll('li.fresh')) li.classList.remove('fresh'); }, 2000);
  }

  function marker(text) {
    const li = document.createElement('li');
    li.className = 'reset';
    li.textContent = text;
    list.prepend(li);
  }

  const source = new EventSource('live/events');
  source.addEventListener('open', () => { status.textContent = 'live'; status.className = 'live'; });
  source.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.className = ''; });
  source.addEventListener('snapshot', (m) => {
    const s = JSON.parse(m.data);
    list.replaceChildren();
    showEntities(s.entities);
    addEvents(s.events, false);
  });
  source.addEventListener('update', (m) => {
    const u = JSON.parse(m.data);
    if (u.reset) marker('the cluster was reset');
    showEntities(u.entities);
    addEvents(u.events, true);
  });
})();
`;
