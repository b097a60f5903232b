/** The IPC messages between scripts/bench-delivery.ts and each engine process (engine-process.ts). */

export type EngineRequest =
  | { type: 'seed'; endpoints: number; receiverPort: number }
  | { type: 'start-worker' }
  | {
      type: 'publish';
      organisationId: string;
      agentIds: string[];
      events: number;
      /** Closed loop: this many publishers, each waiting for its answer. */
      publishers: number;
      /** Open loop: events per second, whatever the answers (publishers is then ignored). */
      rate?: number;
    }
  | { type: 'stats' }
  | { type: 'stop' };

export interface EngineStats {
  /** process.resourceUsage().maxRSS: the peak resident set over the process's life, start included (kB). */
  maxRssKb: number;
  /**
   * The peak resident set since publishing started (kB): the kernel's VmHWM, reset then; sampled every
   * 50 ms where that reset is not available.
   */
  runPeakRssKb: number;
  /** Sampled peaks since publishing started (kB): the V8 heap in use, external memory, ArrayBuffers. */
  runPeakHeapUsedKb: number;
  runPeakExternalKb: number;
  runPeakArrayBuffersKb: number;
  /** After a full collection once every delivery arrived, the worker still running (kB). */
  retainedHeapUsedKb: number;
  retainedExternalKb: number;
  /** Statements this process sent, and their client-observed time summed (concurrent ones add up). */
  statements: number;
  databaseMs: number;
  /** HTTP attempts (WebhookSender.send), and their time summed. */
  sends: number;
  httpMs: number;
  eventLoopUtilisation: number;
}

export type EngineReply =
  | { type: 'ready' }
  | { type: 'seeded'; organisationId: string; agentIds: string[] }
  | { type: 'worker-started' }
  /** Delivery ids and when ingestion answered for them (ms since the epoch, with a fraction). */
  | { type: 'stamps'; stamps: [string, number][] }
  | { type: 'published'; seconds: number; behindMs: number }
  | { type: 'stats'; stats: EngineStats }
  | { type: 'stopped'; stats: EngineStats };
