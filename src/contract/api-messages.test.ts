import { describe, expect, it } from 'vitest';
import { disabledReason, endpointInUse, roleRefused } from './api-messages';

describe('api messages', () => {
  it('dates an automatic disable by its UTC day, whatever the local time zone says', () => {
    // 00:30 on the 24th in UTC is still the 23rd in New York and already past noon in Tokyo.
    const at = new Date('2026-11-24T00:30:00Z');
    expect(disabledReason.gone(at)).toBe(
      'Disabled automatically on 2026-11-24: the endpoint answered 410 Gone',
    );
    expect(disabledReason.failing(at)).toBe(
      'Disabled automatically on 2026-11-24: every delivery failed for 5 days',
    );
    expect(disabledReason.byPerson('Ada Admin')).toBe('Disabled by Ada Admin');
  });

  it('names one, two or more agents using an endpoint', () => {
    expect(endpointInUse(['Ana'])).toBe(
      'This endpoint is used by Ana. Remove that assignment first.',
    );
    expect(endpointInUse(['Ana', 'Bo', 'Cy'])).toBe(
      'This endpoint is used by Ana, Bo and Cy. Remove those assignments first.',
    );
  });

  it('names the roles a route allows', () => {
    expect(roleRefused('viewer', ['admin', 'support'])).toBe(
      'Your role (viewer) cannot do this: only admins and support staff can',
    );
  });
});
