import { Worker } from 'node:worker_threads';
import { serverPath } from '../paths';

/** The result of one statement, in the shape the Kysely driver needs. */
export interface PgliteResult {
  rows: Record<string, unknown>[];
  affectedRows: number;
}

/** An error raised by PGlite inside the worker, carrying the PostgreSQL SQLSTATE code. */
export class PgliteQueryError extends Error {
  override name = 'PgliteQueryError';
  constructor(
    message: string,
    readonly code?: string,
    readonly detail?: string,
    readonly constraint?: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (r: PgliteResult) => void;
  reject: (e: Error) => void;
}

/** An embedded PostgreSQL (PGlite) running in a worker thread; `dataDir` unset keeps it in memory. */
export class PgliteClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(dataDir?: string) {
    this.worker = new Worker(serverPath('src', 'db', 'pgliteWorker.mjs'), {
      workerData: { dataDir },
      // The worker is plain JavaScript: without the parent's loader hooks (tsx) PGlite's large
      // bundle loads several times faster.
      execArgv: [],
    });
    this.worker.on('message', (msg: { id: number; ok: boolean; result?: PgliteResult; error?: { message: string; code?: string; detail?: string; constraint?: string } }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok && msg.result) p.resolve(msg.result);
      else p.reject(new PgliteQueryError(msg.error?.message ?? 'PGlite error', msg.error?.code, msg.error?.detail, msg.error?.constraint));
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', () => this.failAll(new Error('PGlite worker exited')));
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private send(op: string, sql?: string, params?: unknown[]): Promise<PgliteResult> {
    if (this.closed) return Promise.reject(new Error('PGlite is closed'));
    const id = this.nextId++;
    return new Promise<PgliteResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, sql, params });
    });
  }

  /** Waits until the database files are open. */
  async ready(): Promise<void> {
    await this.send('ready');
  }

  /** One statement with `$n` parameters. */
  query(sql: string, params: readonly unknown[] = []): Promise<PgliteResult> {
    return this.send('query', sql, [...params]);
  }

  /** A script of several statements without parameters (migrations). */
  async exec(sql: string): Promise<void> {
    await this.send('exec', sql);
  }

  /** Flushes and closes the database, then stops the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.send('close');
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }
}
