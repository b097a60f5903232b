// Types for the Node example, so that the TypeScript tests that run it against real deliveries type-check.
import type { IncomingHttpHeaders, Server } from 'node:http';

export declare function verifySignature(
  rawBody: Buffer | string,
  headers: IncomingHttpHeaders | Record<string, string | undefined>,
  secret: string,
  nowSeconds?: number,
): boolean;
export declare function createReceiver(secret: string, onEvent?: (event: unknown) => void): Server;
