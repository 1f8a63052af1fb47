// nut-web dashboard: one WebSocket, no polling, no external scripts.
const state = new Map();
/** Each upsd server's live push state (`active`, `unsupported`, `off`), by server id. */
const pushes = new Map();
/** Last command result per UPS, kept across re-renders. */
const results = new Map();
const key = (server, name) => `${server}/${name}`;
const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function event(text) {
  const item = element('li', {}, `${new Date().toLocaleTimeString()} ${text}`);
  $('#timeline').prepend(item);
  while ($('#timeline').children.length > 200) $('#timeline').lastChild.remove();
}

async function command(ups, name) {
  const id = key(ups.server, ups.name);
  results.set(id, `${name}…`);
  render();
  const response = await fetch(
    `/api/ups/${encodeURIComponent(ups.server)}/${encodeURIComponent(ups.name)}/instcmd`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        command: name,
        username: $('#username').value,
        password: $('#password').value,
      }),
    },
  );
  const body = await response.json();
  results.set(id, `${name}: ${body.result ?? body.error}`);
  render();
  event(`${ups.name}: ${name} -> ${body.result ?? body.error}`);
}

function render() {
  const root = $('#upses');
  root.replaceChildren();
  for (const ups of state.values()) {
    const v = ups.vars;
    const status = v['ups.status'] ?? ups.error ?? 'unknown';
    const commands = element('div', { class: 'commands' });
    for (const name of ups.commands) {
      const button = element('button', { type: 'button', 'data-command': name }, name);
      button.addEventListener('click', () => void command(ups, name));
      commands.append(button);
    }
    root.append(
      element(
        'article',
        { class: 'ups', 'data-ups': ups.name },
        element(
          'h2',
          {},
          `${ups.name} `,
          element('small', {}, `${ups.description} on ${ups.server} `),
          element(
            'span',
            { class: 'badge', 'data-field': 'push' },
            pushes.get(ups.server) === 'active' ? 'live push' : 'polled',
          ),
        ),
        element(
          'div',
          { class: `status ${status.split(' ').join(' ')}`, 'data-field': 'status' },
          status,
        ),
        element(
          'dl',
          {},
          element('dt', {}, 'charge'),
          element(
            'dd',
            { 'data-field': 'charge' },
            v['battery.charge'] ? `${v['battery.charge']} %` : '—',
          ),
          element('dt', {}, 'runtime'),
          element('dd', {}, v['battery.runtime'] ? `${v['battery.runtime']} s` : '—'),
          element('dt', {}, 'load'),
          element('dd', {}, v['ups.load'] ? `${v['ups.load']} %` : '—'),
          element('dt', {}, 'active count'),
          element('dd', { 'data-field': 'count' }, ups.numLogins ?? '—'),
          element('dt', {}, 'systems'),
          element('dd', {}, ups.clients.join(', ') || 'none'),
        ),
        commands,
        element(
          'div',
          { class: 'result', id: `result-${ups.server}-${ups.name}` },
          results.get(key(ups.server, ups.name)) ?? '',
        ),
      ),
    );
  }
}

function connect() {
  const socket = new WebSocket(
    `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
  );
  socket.onopen = () => {
    $('#connection').textContent = 'live';
    $('#connection').className = 'badge ok';
  };
  socket.onclose = () => {
    $('#connection').textContent = 'reconnecting…';
    $('#connection').className = 'badge bad';
    setTimeout(connect, 1000);
  };
  socket.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.type === 'snapshot') {
      state.clear();
      pushes.clear();
      for (const ups of data.ups) state.set(key(ups.server, ups.name), ups);
      for (const server of data.servers) pushes.set(server.id, server.push);
    } else if (data.type === 'ups-added' || data.type === 'ups-updated') {
      state.set(key(data.ups.server, data.ups.name), data.ups);
    } else if (data.type === 'ups-removed') {
      state.delete(key(data.server, data.name));
    } else if (data.type === 'status') {
      event(`${data.name}: ${data.from ?? '?'} -> ${data.to ?? '?'}`);
    } else if (data.type === 'push') {
      pushes.set(data.server, data.push);
    } else if (data.type === 'connection') {
      event(
        `${data.server}: ${data.connected ? 'connected' : `disconnected (${data.error ?? ''})`}`,
      );
    }
    render();
  };
}

connect();
