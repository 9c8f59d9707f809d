// Event categories of the history API (docs/api.md): their names in words and marker colours.

export const CATEGORIES = [
  { id: 'protection', label: 'Protection', color: '#d2312d' },
  { id: 'switch', label: 'Switches', color: '#2563c9' },
  { id: 'settings', label: 'Settings', color: '#7c3aed' },
  { id: 'power', label: 'Power', color: '#374151' },
  { id: 'emergency', label: 'Emergency', color: '#d97706' },
  { id: 'calibration', label: 'Calibration', color: '#0f766e' },
  { id: 'balance', label: 'Balancing', color: '#a21caf' },
  { id: 'link', label: 'Link', color: '#64748b' },
  { id: 'other', label: 'Other', color: '#94a3b8' },
];

const byId = new Map(CATEGORIES.map((c) => [c.id, c]));

/** The category of an event, 'other' when the server sends one this page does not know. */
export function category(id) {
  return byId.get(id) || byId.get('other');
}
