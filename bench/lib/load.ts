/** HTTP load with autocannon (programmatic API), cycling through a list of request bodies. */
import autocannon, { type Result } from 'autocannon';
import { median, percentile, round } from './stats.js';

export interface LoadRun {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  /** Latency percentiles from autocannon's per-response timings (µs resolution), ms. */
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface LoadSummary {
  connections: number;
  rounds: number;
  /** Medians over the rounds, with min–max spread of the throughput. */
  rps: number;
  rps_min: number;
  rps_max: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  runs: LoadRun[];
}

/**
 * One autocannon run against `POST url+path`, each request taking the next body of `bodies` (shared
 * counter across connections, so consecutive requests differ).
 * @example
 * const run = await loadOnce({ url: 'http://127.0.0.1:8787', path: '/api/chat', bodies: ['{"question":"…"}'], connections: 8, durationS: 5 });
 */
export async function loadOnce(options: { url: string; path: string; bodies: string[]; connections: number; durationS: number; offset?: number }): Promise<LoadRun> {
  const { bodies } = options;
  let next = options.offset ?? 0;
  const times: number[] = [];
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: options.path,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status >= 200 && status < 300) times.push(responseTime);
    });
  });
  const total = result['2xx'] + result.non2xx;
  return {
    connections: options.connections,
    durationS: result.duration,
    requests: total,
    rps: round(total / result.duration, 1),
    p50_ms: round(percentile(times, 50), 3),
    p99_ms: round(percentile(times, 99), 3),
    mean_ms: round(times.reduce((s, v) => s + v, 0) / Math.max(1, times.length), 3),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Median of several runs at a connection count.
 * @example
 * const s = summarizeRuns([run1, run2, run3]);
 */
export function summarizeRuns(runs: LoadRun[]): LoadSummary {
  const rps = runs.map((r) => r.rps);
  return {
    connections: runs[0]?.connections ?? 0,
    rounds: runs.length,
    rps: round(median(rps), 1),
    rps_min: round(Math.min(...rps), 1),
    rps_max: round(Math.max(...rps), 1),
    p50_ms: round(median(runs.map((r) => r.p50_ms)), 3),
    p99_ms: round(median(runs.map((r) => r.p99_ms)), 3),
    requests: runs.reduce((s, r) => s + r.requests, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    timeouts: runs.reduce((s, r) => s + r.timeouts, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    runs,
  };
}
