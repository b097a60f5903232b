import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import type { SignatureTestResult } from '@contract/deliveries';
import { API } from '@testing/mocks/mock-api';
import { createMockWebhook, type MockReceiver } from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { SignatureSelfTest } from './signature-self-test';

function setUp(receiver: MockReceiver, signedInAs: Role = 'admin') {
  const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks', receiver });
  return renderWithProviders(<SignatureSelfTest webhookId={webhook.id} disabled={false} />, {
    path: '/webhooks/:webhookId',
    url: `/webhooks/${webhook.id}`,
    signedInAs,
  });
}

const verdict = () => screen.getByRole('status', { name: 'Self-test verdict' });

async function run(user: ReturnType<typeof setUp>['user']) {
  await user.click(screen.getByRole('button', { name: 'Run self-test' }));
  return within(await screen.findByRole('list', { name: 'Self-test requests' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

describe('SignatureSelfTest', () => {
  it('passes an endpoint that accepts only the correctly signed request', async () => {
    const { user } = setUp('verifies', 'support');
    const cases = await run(user);

    expect(verdict()).toHaveTextContent('PassedYour endpoint verifies signatures correctly.');
    expect(cases).toEqual([
      expect.stringMatching(
        /^Correct signatureCorrect.*Answered 200 · Accepted · should be accepted$/,
      ),
      expect.stringMatching(/^Wrong signatureCorrect.*Answered 401 · Refused · should be refused$/),
      expect.stringMatching(/^Stale timestampCorrect.*Answered 401 · Refused · should be refused$/),
    ]);
    expect(screen.getByRole('button', { name: 'Run again' })).toBeEnabled();
  });

  it('fails an endpoint that accepts anything, and says what is wrong', async () => {
    const { user } = setUp('accepts-anything');
    const cases = await run(user);

    expect(verdict()).toHaveTextContent('Failed');
    expect(verdict()).toHaveTextContent('Your endpoint accepted a request it should have refused.');
    expect(verdict()).toHaveTextContent('It does not check the signature');
    expect(verdict()).toHaveTextContent('It does not check the timestamp');
    expect(cases).toEqual([
      expect.stringMatching(/^Correct signatureCorrect/),
      expect.stringMatching(/^Wrong signatureWrong.*Answered 200 · Accepted · should be refused$/),
      expect.stringMatching(/^Stale timestampWrong.*Answered 200 · Accepted · should be refused$/),
    ]);
  });

  it('fails an endpoint that refuses the correct request too', async () => {
    const { user } = setUp('server-error');
    const cases = await run(user);
    expect(verdict()).toHaveTextContent('Your endpoint refused a correctly signed request.');
    expect(verdict()).not.toHaveTextContent('accepted a request');
    expect(cases[0]).toMatch(
      /^Correct signatureWrong.*Answered 502 · Refused · should be accepted$/,
    );
  });

  it('says so when the endpoint could not be reached', async () => {
    const { user } = setUp('unreachable');
    const cases = await run(user);
    expect(verdict()).toHaveTextContent('Ringpost could not reach your endpoint');
    expect(cases[0]).toMatch(/No answer: Could not connect to crm\.example\.com \(ECONNREFUSED\)/);
  });

  it('catches a stale request accepted on its own', async () => {
    const result: SignatureTestResult = {
      passed: false,
      cases: [
        {
          case: 'valid',
          description: 'Valid',
          responseStatus: 204,
          error: null,
          accepted: true,
          shouldAccept: true,
        },
        {
          case: 'wrong-signature',
          description: 'Wrong',
          responseStatus: 403,
          error: null,
          accepted: false,
          shouldAccept: false,
        },
        {
          case: 'stale-timestamp',
          description: 'Stale',
          responseStatus: 200,
          error: null,
          accepted: true,
          shouldAccept: false,
        },
      ],
    };
    server.use(http.post(`${API}/webhooks/:id/signature-test`, () => HttpResponse.json(result)));
    const { user } = setUp('verifies');
    await run(user);
    expect(verdict()).toHaveTextContent('It does not check the timestamp');
    expect(verdict()).not.toHaveTextContent('It does not check the signature');
  });

  it('is not offered to viewers', () => {
    setUp('verifies', 'viewer');
    const button = screen.getByRole('button', { name: 'Run self-test' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Only admins and support staff can send tests');
  });
});
