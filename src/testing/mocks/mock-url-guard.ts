/** A rough copy of the server's SSRF guard: enough for the UI to show the refusal. */
export function isPrivateTarget(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    host === '0.0.0.0' ||
    /^(127|10)\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  );
}

export const PRIVATE_TARGET =
  'This URL points to a private or local address, which Ringpost does not send to';
