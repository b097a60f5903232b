/**
 * The name of the event that `GET /api/v1/live` sends for every change (live-updates.ts describes it).
 * A module without zod, so that a page listening to the stream does not download it
 * (docs/decisions/0016-first-load-budget.md); live-updates.ts re-exports it.
 */
export const LIVE_EVENT = 'change';
