// Where a benchmarked server's time goes (BENCH_TRACE=1 in bench/timer.ts): every query sent
// through node-postgres (Prisma's adapter and the raw runner alike) counted by its text with the
// time to its answer, the waits for a pool connection, the requests per route with their time in
// the server, and the event loop's utilisation. Measuring only: it patches the driver's prototypes
// in the benchmark's server process, never in the product.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';

type Tally = { count: number; ms: number };
export type TraceReport = {
  seconds: number;
  eventLoopUtilization: number;
  requests: Record<string, Tally>;
  queries: Record<string, Tally>;
  poolWaits: Tally & { max: number };
  /** CPU seconds used in the round: this server process, its PostgreSQL backends, and the whole machine (all cores, busy / total). */
  cpu: { server: number; serverSystem: number; backends: number; machineBusy: number; machineTotal: number };
};

/** utime + stime of a process in seconds (Linux /proc), 0 when it is gone. */
export function processCpu(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The machine's busy and total CPU seconds so far, over all cores (Linux /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

const add = (map: Map<string, Tally>, key: string, ms: number) => {
  const t = map.get(key) ?? { count: 0, ms: 0 };
  t.count++;
  t.ms += ms;
  map.set(key, t);
};

/** One line per query shape: whitespace folded, the first 90 characters. */
const shape = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 90);

/** `backendPids` lists the database's server processes now (for their CPU time). */
export function traceQueries(backendPids: () => Promise<number[]>, cpuProfileDir?: string) {
  let cpu0 = process.cpuUsage();
  let machine0 = machineCpu();
  let backends0 = new Map<number, number>();
  const backendCpu = async () => new Map((await backendPids()).map((pid) => [pid, processCpu(pid)]));
  const session = cpuProfileDir ? new Session() : null;
  session?.connect();
  let profiles = 0;
  const queries = new Map<string, Tally>();
  const requests = new Map<string, Tally>();
  const poolWaits = { count: 0, ms: 0, max: 0 };
  let since = performance.now();
  let elu = performance.eventLoopUtilization();

  type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
  const clientProto = pg.Client.prototype as unknown as { query: QueryFn };
  const originalQuery = clientProto.query;
  clientProto.query = function traced(this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text ?? '?';
    const t = performance.now();
    const cbIndex = args.findIndex((a) => typeof a === 'function');
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (...r: unknown[]) => void;
      args[cbIndex] = (...r: unknown[]) => {
        add(queries, shape(text), performance.now() - t);
        cb(...r);
      };
      return originalQuery.apply(this, args);
    }
    const result = originalQuery.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(() => add(queries, shape(text), performance.now() - t), () => add(queries, shape(text), performance.now() - t));
    } else if (first && typeof (first as { on?: unknown }).on === 'function') {
      // A Submittable (Pool.query passes callbacks; Prisma's adapter passes query configs).
      (first as { on(e: string, f: () => void): void }).on('end', () => add(queries, shape(text), performance.now() - t));
    }
    return result;
  };

  type ConnectFn = (this: pg.Pool, ...args: unknown[]) => unknown;
  const poolProto = pg.Pool.prototype as unknown as { connect: ConnectFn };
  const originalConnect = poolProto.connect;
  poolProto.connect = function tracedConnect(this: pg.Pool, ...args: unknown[]) {
    const t = performance.now();
    const note = () => {
      const ms = performance.now() - t;
      poolWaits.count++;
      poolWaits.ms += ms;
      poolWaits.max = Math.max(poolWaits.max, ms);
    };
    if (typeof args[0] === 'function') {
      const cb = args[0] as (...r: unknown[]) => void;
      return originalConnect.call(this, (...r: unknown[]) => {
        note();
        cb(...r);
      });
    }
    const result = originalConnect.apply(this, args) as Promise<unknown>;
    result.then(note, note);
    return result;
  };

  return {
    hook(app: FastifyInstance) {
      // From the request's first hook to its response written (Fastify's own clock).
      app.addHook('onResponse', async (request, reply) => {
        add(requests, `${request.method} ${request.routeOptions.url ?? request.url} ${reply.statusCode}`, reply.elapsedTime);
      });
    },
    async reset() {
      if (session) {
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      queries.clear();
      requests.clear();
      poolWaits.count = 0;
      poolWaits.ms = 0;
      poolWaits.max = 0;
      since = performance.now();
      elu = performance.eventLoopUtilization();
      backends0 = await backendCpu();
      cpu0 = process.cpuUsage();
      machine0 = machineCpu();
    },
    async report(): Promise<TraceReport> {
      const used = process.cpuUsage(cpu0);
      const machine = machineCpu();
      let backends = 0;
      for (const [pid, t] of await backendCpu()) backends += t - (backends0.get(pid) ?? 0);
      if (session && cpuProfileDir) {
        const { profile } = await session.post('Profiler.stop');
        fs.mkdirSync(cpuProfileDir, { recursive: true });
        fs.writeFileSync(path.join(cpuProfileDir, `timer-server-${process.pid}-${++profiles}.cpuprofile`), JSON.stringify(profile));
      }
      return {
        seconds: (performance.now() - since) / 1000,
        eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
        requests: Object.fromEntries(requests),
        queries: Object.fromEntries(queries),
        poolWaits: { ...poolWaits },
        cpu: { server: (used.user + used.system) / 1e6, serverSystem: used.system / 1e6, backends, machineBusy: machine.busy - machine0.busy, machineTotal: machine.total - machine0.total },
      };
    },
  };
}
