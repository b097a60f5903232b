import { describe, expect, it } from 'vitest';
import { disabledReason, endpointInUse, roleRefused } from './api-messages';

describe('api messages', () => {
  it('says why an endpoint was disabled without a date: disabledAt carries when', () => {
    expect(disabledReason.gone).toBe('Disabled automatically: the endpoint answered 410 Gone');
    expect(disabledReason.failing).toBe('Disabled automatically: every delivery failed for 5 days');
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
