import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client';
import { createQueryClient } from './query-client';

const unauthenticated = () => Promise.reject(new ApiError(401, 'unauthenticated', 'Sign in'));

describe('createQueryClient', () => {
  it('reports a 401 from any query, without retrying it', async () => {
    const onUnauthenticated = vi.fn();
    const queryFn = vi.fn(unauthenticated);
    const client = createQueryClient({ onUnauthenticated });
    await expect(client.query({ queryKey: ['x'], queryFn })).rejects.toThrow('Sign in');
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    expect(queryFn).toHaveBeenCalledOnce();
  });

  it('leaves a 401 alone where the query handles it itself', async () => {
    const onUnauthenticated = vi.fn();
    const client = createQueryClient({ onUnauthenticated });
    await expect(
      client.query({
        queryKey: ['session'],
        queryFn: unauthenticated,
        meta: { handlesUnauthenticated: true },
      }),
    ).rejects.toThrow();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
