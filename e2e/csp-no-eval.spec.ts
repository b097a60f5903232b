/**
 * The Content-Security-Policy allows scripts from this origin only, without 'unsafe-eval'. zod would
 * probe `new Function` as soon as the contract's schemas are built (and compile parsers with it), which
 * the browser reports as a violation even though zod catches the error: src/client/zod-config.ts turns
 * that off. This proves it in a real browser, on the pages that parse the most schemas. zod is not in the
 * entry (docs/decisions/0016-first-load-budget.md): it arrives with the Configure Webhook modal's form.
 */
import { expect, test } from '@playwright/test';
import { MAIN } from './support/accounts.mjs';
import { openAgentWebhookTab, signIn } from './support/session';

test('signing in and opening an agent’s Webhook tab report no CSP violation', async ({ page }) => {
  // Reported to the test as they happen, so that a full page load cannot lose one.
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (violation: string) => {
    violations.push(violation);
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation: (v: string) => void })
      .reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  const consoleMessages: string[] = [];
  page.on('console', (message) => {
    if (/content security policy|unsafe-eval/i.test(message.text()))
      consoleMessages.push(message.text());
  });

  await signIn(page, MAIN.admin);
  await openAgentWebhookTab(page, 'Inbound Support');
  await page.getByRole('button', { name: /^(Add webhook|Edit)$/ }).click();
  await expect(page.getByRole('dialog', { name: 'Configure Webhook' })).toBeVisible();

  expect(violations).toEqual([]);
  expect(consoleMessages).toEqual([]);
});
