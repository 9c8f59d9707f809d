// Shared state: the latest status, the device, the schema; a tiny publish/subscribe.

const listeners = new Map();

export const store = {
  status: null,
  device: null,
  schema: null,
  settings: null,
  on(topic, fn) {
    if (!listeners.has(topic)) listeners.set(topic, new Set());
    listeners.get(topic).add(fn);
    return () => listeners.get(topic).delete(fn);
  },
  emit(topic, value) {
    const set = listeners.get(topic);
    if (!set) return;
    for (const fn of set) {
      try { fn(value); } catch (e) { console.error('listener for ' + topic + ' failed', e); }
    }
  },
};

/** The schema entry of a setting by name, or null. */
export function schemaEntry(name) {
  if (!store.schema) return null;
  for (const g of store.schema.groups || []) {
    for (const s of g.settings || []) if (s.name === name) return s;
  }
  return null;
}
