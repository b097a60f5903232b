// The organisations and people the end-to-end server is seeded with. Each spec that needs a pristine
// organisation has its own, so that specs do not depend on each other's order or leftovers.
export const PASSWORD = 'e2e-password-123';

export const MAIN = {
  organisation: 'Demo Organisation',
  admin: 'admin@e2e.test',
  viewer: 'viewer@e2e.test',
  support: 'support@e2e.test',
};

/** Extra organisations, each with the demo agents and an admin. */
export const ORGANISATIONS = {
  setup: { name: 'Setup Co', admin: 'admin@setup.e2e.test' },
  empty: { name: 'Empty Co', admin: 'admin@empty.e2e.test' },
  deleting: { name: 'Deleting Co', admin: 'admin@deleting.e2e.test' },
  keyboard: { name: 'Keyboard Co', admin: 'admin@keyboard.e2e.test' },
  delivering: { name: 'Delivering Co', admin: 'admin@delivering.e2e.test' },
};
