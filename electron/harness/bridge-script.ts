/**
 * The browser-side half of the harness: defines `window.dock` (the same DockBridge the preload
 * exposes in Electron) on top of fetch + EventSource to the harness server on 127.0.0.1.
 * Served as /__dock/bridge.js (script-src 'self'); the token arrives once in the URL fragment,
 * is moved to sessionStorage and stripped from the address bar.
 */
export const BRIDGE_SCRIPT = `(() => {
  'use strict';
  const KEY = 'dock-harness-token';
  const m = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m) { sessionStorage.setItem(KEY, m[1]); history.replaceState(null, '', location.pathname + location.search); }
  const token = sessionStorage.getItem(KEY) || '';
  const listeners = new Map();
  let source = null;
  function connect() {
    if (source) return;
    source = new EventSource('/__dock/events?token=' + encodeURIComponent(token));
    source.onmessage = (msg) => {
      let data; try { data = JSON.parse(msg.data); } catch { return; }
      const set = listeners.get(data.name);
      if (set) for (const l of Array.from(set)) { try { l(data.payload); } catch (e) { console.error(e); } }
    };
  }
  const bridge = Object.freeze({
    invoke(channel, input) {
      return fetch('/__dock/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dock-token': token },
        body: JSON.stringify({ channel, input: input === undefined ? {} : input })
      }).then((r) => r.json()).catch((e) => ({ ok: false, error: { code: 'internal_error', message: 'Harness unreachable: ' + e } }));
    },
    on(name, listener) {
      connect();
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(listener);
      return () => { const s = listeners.get(name); if (s) s.delete(listener); };
    }
  });
  Object.defineProperty(window, 'dock', { value: bridge, writable: false, configurable: false });
  connect();
})();
`
