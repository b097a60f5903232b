import { expect, type Page } from '@playwright/test';
import { PASSWORD } from './accounts.mjs';

export async function signIn(
  page: Page,
  email: string,
  password: string = PASSWORD,
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/agents/);
}

/** Opens an agent's Agent Settings → Webhook tab through the UI, as a person would. */
export async function openAgentWebhookTab(page: Page, agentName: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Agents' }).click();
  await page.getByRole('link', { name: agentName }).click();
  await page.getByRole('link', { name: 'Webhook', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Webhook', exact: true })).toBeVisible();
}

/** An https URL that is unique per run, so that reruns against one server never collide. */
export function uniqueUrl(label: string): string {
  return `https://hooks.example.com/${label}/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
