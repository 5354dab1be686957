// Runs PGlite in a worker thread: the WASM engine stays off the request thread, and the module
// loads with Node's own loader (PGlite uses dynamic import(), which test sandboxes may not allow).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = new PGlite(workerData.dataDir ?? undefined);

function errorPayload(err) {
  return {
    message: err && err.message ? String(err.message) : String(err),
    code: err && err.code ? String(err.code) : undefined,
    detail: err && err.detail ? String(err.detail) : undefined,
    constraint: err && err.constraint ? String(err.constraint) : undefined,
  };
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.op === 'query') {
      const r = await db.query(msg.sql, msg.params);
      parentPort.postMessage({ id: msg.id, ok: true, result: { rows: r.rows, affectedRows: r.affectedRows ?? 0 } });
    } else if (msg.op === 'exec') {
      await db.exec(msg.sql);
      parentPort.postMessage({ id: msg.id, ok: true, result: { rows: [], affectedRows: 0 } });
    } else if (msg.op === 'close') {
      await db.close();
      parentPort.postMessage({ id: msg.id, ok: true, result: { rows: [], affectedRows: 0 } });
    } else if (msg.op === 'ready') {
      await db.waitReady;
      parentPort.postMessage({ id: msg.id, ok: true, result: { rows: [], affectedRows: 0 } });
    }
  } catch (err) {
    parentPort.postMessage({ id: msg.id, ok: false, error: errorPayload(err) });
  }
});
