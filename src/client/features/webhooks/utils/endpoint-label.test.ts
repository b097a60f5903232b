import { describe, expect, it } from 'vitest';
import { endpointLabel } from './endpoint-label';

describe('endpointLabel', () => {
  const id = '0b6f3c2e-9a41-4d2b-8f0e-5c1a7d3e9b20';
  it('is the description when there is one', () => {
    expect(endpointLabel({ id, description: 'CRM sync' })).toBe('CRM sync');
  });
  it('is a short id when there is none, or only spaces', () => {
    expect(endpointLabel({ id, description: null })).toBe('Endpoint 0b6f3c2e');
    expect(endpointLabel({ id, description: '   ' })).toBe('Endpoint 0b6f3c2e');
  });
});
