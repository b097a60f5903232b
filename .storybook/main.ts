/**
 * Storybook for the browser app's components: the same Vite config as the app (React, Tailwind, the
 * path aliases), stories beside their components, and MSW's service worker from public/.
 */
import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../src/client/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  // mockServiceWorker.js, which msw-storybook-addon registers.
  staticDirs: ['../public'],
  core: {
    // Otherwise every start and build waits on a request to Storybook's telemetry server, which this
    // network cannot reach.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  // No docs pages: the stories are for looking at states and for tests, not for prop tables.
  typescript: { reactDocgen: false },
};

export default config;
