import { render, screen, within } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from '@client/lib/router';
import { describe, expect, it } from 'vitest';
import { Sidebar } from './sidebar';

function renderSidebar(url: string, collapsed = false) {
  const sidebar = (
    <Sidebar
      organisationName="Northwind Health"
      user={{ name: 'Sam Support', email: 'sam@example.com', role: 'support' }}
      collapsed={collapsed}
      onCollapsedChange={() => undefined}
      onSignOut={() => undefined}
    />
  );
  const router = createMemoryRouter([{ path: '*', element: sidebar }], { initialEntries: [url] });
  render(<RouterProvider router={router} />);
  return within(screen.getByRole('navigation', { name: 'Main' }));
}

describe('Sidebar', () => {
  it('has Agents, then Monitor → Deliveries, then Features → Webhooks and API keys', () => {
    const nav = renderSidebar('/agents');
    expect(nav.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Monitor', 'Features']);
    expect(
      nav.getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Agents', '/agents'],
      ['Deliveries', '/deliveries'],
      ['Webhooks', '/webhooks'],
      ['API keys', '/api-keys'],
    ]);
  });

  it('marks Deliveries as the current page in the inspector and its call view, collapsed too', () => {
    const nav = renderSidebar('/calls/call_1', true);
    expect(nav.getByRole('link', { name: 'Deliveries' })).toHaveAttribute('aria-current', 'page');
    expect(nav.getByRole('heading', { name: 'Monitor' })).toHaveClass('sr-only');
  });
});
