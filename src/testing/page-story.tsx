/**
 * What every page and flow story shares: the app's real route tree (the shell, its lazy pages, its
 * redirects) in a memory router at a URL, over the mock API in the story's scenario. The scenario
 * (`globals: { role, data, network }`, .storybook/preview.tsx) is applied before the story renders,
 * so a story's URL may name a record of that scenario's data, found here by what a person sees.
 */
import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { delay, http, type HttpHandler } from 'msw';
import { configure, expect } from 'storybook/test';
import { useState } from 'react';
import { RouterProvider, createMemoryRouter } from '@client/lib/router';
import { routes } from '@client/app/router';
import { API, apiError } from './mocks/mock-api';
import { db } from './mocks/mock-db';

// A page's first visit loads its lazy chunks (and, in a cold dev server, transforms them): more than
// Testing Library's 1 s default for `findBy…` and `waitFor`.
configure({ asyncUtilTimeout: 5_000 });

/** A URL, or one built from the scenario's data once it is in place. */
export type PageUrl = string | (() => string);

function AppAt({ url }: { url: string }) {
  // One router per mounted story: it keeps the history a flow makes, as the app's browser router does.
  const [router] = useState(() => createMemoryRouter(routes, { initialEntries: [url] }));
  return <RouterProvider router={router} />;
}

/**
 * A page story's `render`: the app at `parameters.page` (see `pageParameters`). Storybook reads a
 * story file's meta as a plain object, so each file spells it out with these two.
 */
export const renderPage: Meta['render'] = (_args, { parameters }) => {
  const url = parameters.page as PageUrl;
  return <AppAt url={typeof url === 'function' ? url() : url} />;
};

/** Full screen, in a router of its own (the decorator's would nest and throw), starting at `page`. */
export function pageParameters(page: PageUrl) {
  return { layout: 'fullscreen', router: 'app', page };
}

function found<T>(record: T | undefined, what: string): T {
  if (!record) throw new Error(`The story's scenario has no ${what}`);
  return record;
}

export function agentNamed(name: string) {
  return found(
    db.agents.find((agent) => agent.name === name),
    `agent named ${name}`,
  );
}

/** The endpoint whose URL starts with `prefix` (the seed's URLs differ by host). */
export function endpointAt(prefix: string) {
  return found(
    db.webhooks.find((webhook) => webhook.url.startsWith(prefix)),
    `endpoint at ${prefix}`,
  );
}

/** A delivery of the scenario, the newest first, that `matches`. */
export function deliveryWhere(matches: (delivery: (typeof db.deliveries)[number]) => boolean) {
  const newestFirst = [...db.deliveries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return found(newestFirst.find(matches), 'delivery as asked');
}

type Method = 'get' | 'post' | 'put';

/**
 * `parameters.msw` for a Loading story: one API route (e.g. `/agents`) never answers, so the page
 * stays in its loading state while the shell around it (the session) has loaded.
 */
export function neverAnswers(path: string, method: Method = 'get'): HttpHandler[] {
  return [http[method](`${API}${path}`, () => delay('infinite'))];
}

/**
 * `parameters.msw` for an Error story: one API route answers the server's 500, and the rest of the
 * app works (the `server-errors` network scenario fails the session too, which is a story of its own).
 */
export function serverErrorOn(path: string, method: Method = 'get'): HttpHandler[] {
  return [http[method](`${API}${path}`, () => apiError(500, 'internal', SERVER_ERROR))];
}

/** The message of the mock API's 500, as the pages show it. */
export const SERVER_ERROR = 'Something went wrong on our side';

type Canvas = StoryContext['canvas'];

/** What a failed query shows: an alert with what could not be loaded and the server's reason. */
export async function expectQueryError(canvas: Canvas, title: string, reason = SERVER_ERROR) {
  // Found by its title: a page may hold other alerts (an empty live region, a second failure).
  const alert = (await canvas.findByText(title)).closest('[role="alert"]');
  await expect(alert).toHaveTextContent(reason);
}

type PageStory = StoryObj<Meta>;

/** A Loading story: `path` never answers, and the page says what it is loading. */
export function loadingStory(path: string, says: string, method: Method = 'get'): PageStory {
  return {
    parameters: { msw: neverAnswers(path, method) },
    play: async ({ canvas }) => {
      await expect(await canvas.findByText(says)).toBeInTheDocument();
    },
  };
}

/** An Empty story: the empty organisation, and the heading the page shows for it. */
export function emptyStory(heading: string): PageStory {
  return {
    globals: { data: 'empty' },
    play: async ({ canvas }) => {
      await expect(await canvas.findByRole('heading', { name: heading })).toBeVisible();
    },
  };
}

/** An Error story: `path` answers the server's 500, shown under `title`. */
export function errorStory(path: string, title: string, method: Method = 'get'): PageStory {
  return {
    parameters: { msw: serverErrorOn(path, method) },
    play: async ({ canvas }) => {
      await expectQueryError(canvas, title);
    },
  };
}
