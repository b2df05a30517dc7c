/**
 * The HTTP stage: the real server and the floor in child processes under the same autocannon load at
 * 1, 8 and 32 connections, alternating rounds. A server that another process stops from outside (exit
 * code 0 through its SIGTERM/SIGINT handler, or killed by a signal) is restarted once per round and the
 * round repeated; the event is reported. A crash (non-zero exit code) fails the stage.
 */
import { loadOnce, summarizeRuns, type LoadRun, type LoadSummary } from './load.js';
import { freePort, serverEnv, spawnServer, type ServerHandle } from './server-process.js';
import { round } from './stats.js';

export interface HttpStageResult {
  throughput: {
    chat_rps_1: number;
    chat_rps_8: number;
    chat_rps_32: number;
    floor_rps_1: number;
    floor_rps_8: number;
    floor_rps_32: number;
    ratio_to_floor_1: number;
    ratio_to_floor_8: number;
    ratio_to_floor_32: number;
    floor_body_bytes: number;
    duration_s: number;
    rounds: number;
    levels: Record<string, { chat: LoadSummary; floor: LoadSummary }>;
    /** Separate run at 8 connections with the answer cache on (ANSWER_CACHE_SIZE), warmed on every question. */
    cached_8: { chat: LoadSummary; ratio_to_floor: number } | null;
  };
  server: { cold_start_ms: number; floor_cold_start_ms: number; rss_mb_warm: number; rss_mb_after_load: number; peak_rss_mb: number; floor_rss_mb: number };
  /** Servers stopped from outside during the stage and restarted (empty on a quiet machine). */
  restarts: Array<{ target: 'chat' | 'floor'; connections: number; round: number; code: number | null; signal: string | null }>;
}

export interface HttpStageOptions {
  root: string;
  indexDir: string;
  bodies: string[];
  bodyBytes: number;
  durationS: number;
  rounds: number;
  warmupS: number;
  log: (line: string) => void;
  /** Server processes of both the real server (`WORKERS`) and the floor (default 1). */
  processes?: number;
  /** Also run the answer-cache round (default true). */
  cachedRun?: boolean;
}

/**
 * Runs the stage; throws when `/api/chat` has errors, timeouts or non-2xx answers at 32 connections.
 * @example
 * const { throughput } = await measureHttp({ root, indexDir, bodies, bodyBytes: 2300, durationS: 5, rounds: 3, warmupS: 2, log: console.error });
 */
export async function measureHttp(o: HttpStageOptions): Promise<HttpStageResult> {
  const probeBody = o.bodies[0];
  const start = {
    chat: async () => {
      const port = await freePort();
      return spawnServer({ root: o.root, args: ['server/node.ts'], env: { ...serverEnv(o.indexDir, port), WORKERS: String(o.processes ?? 1) }, port, probePath: '/api/chat', probeBody });
    },
    floor: async () => {
      const port = await freePort();
      return spawnServer({ root: o.root, args: ['bench/lib/floor-server.ts', String(port), String(o.bodyBytes), String(o.processes ?? 1)], port, probePath: '/api/chat', probeBody });
    },
  };
  const servers: Record<'chat' | 'floor', ServerHandle | null> = { chat: null, floor: null };
  const restarts: HttpStageResult['restarts'] = [];
  try {
    servers.chat = await start.chat();
    servers.floor = await start.floor();
    const coldChat = servers.chat.coldStartMs;
    const coldFloor = servers.floor.coldStartMs;
    o.log(`  servers up: real cold start ${coldChat.toFixed(0)} ms, floor ${coldFloor.toFixed(0)} ms; warming up`);
    for (const t of ['chat', 'floor'] as const) await loadOnce({ url: servers[t]!.url, path: '/api/chat', bodies: o.bodies, connections: 8, durationS: o.warmupS });
    const rssWarm = servers.chat.memory()?.rssMb ?? Number.NaN;

    const run = async (target: 'chat' | 'floor', connections: number, r: number, offset: number): Promise<LoadRun> => {
      for (let attempt = 0; ; attempt++) {
        const s = servers[target]!;
        const result = await loadOnce({ url: s.url, path: '/api/chat', bodies: o.bodies, connections, durationS: o.durationS, offset });
        const died = s.exitInfo();
        if (!died) return result;
        const stoppedFromOutside = died.code === 0 || died.signal !== null;
        const detail = `the ${target === 'chat' ? 'real server' : 'floor server'} exited during the load at ${connections} connections, round ${r + 1} (code ${died.code}, signal ${died.signal}); last output: ${s.output().slice(-1200) || '(none)'}`;
        if (!stoppedFromOutside || attempt >= 1) throw new Error(detail);
        restarts.push({ target, connections, round: r + 1, code: died.code, signal: died.signal });
        o.log(`  WARNING ${detail.split(';')[0]}: stopped from outside the bench; restarting it and repeating the round`);
        servers[target] = await start[target]();
        await loadOnce({ url: servers[target]!.url, path: '/api/chat', bodies: o.bodies, connections: 8, durationS: o.warmupS });
      }
    };

    const levels: HttpStageResult['throughput']['levels'] = {};
    let offset = 0;
    for (const connections of [1, 8, 32]) {
      const chatRuns: LoadRun[] = [];
      const floorRuns: LoadRun[] = [];
      for (let r = 0; r < o.rounds; r++) {
        chatRuns.push(await run('chat', connections, r, offset));
        floorRuns.push(await run('floor', connections, r, offset));
        offset += 17;
      }
      levels[String(connections)] = { chat: summarizeRuns(chatRuns), floor: summarizeRuns(floorRuns) };
      const c = levels[String(connections)].chat;
      o.log(`  ${connections} connections: chat ${c.rps} req/s (p50 ${c.p50_ms} ms, p99 ${c.p99_ms} ms), floor ${levels[String(connections)].floor.rps} req/s`);
    }
    let cached_8: HttpStageResult['throughput']['cached_8'] = null;
    if (o.cachedRun !== false) {
      const cachePort = await freePort();
      const cachedServer = await spawnServer({
        root: o.root,
        args: ['server/node.ts'],
        env: { ...serverEnv(o.indexDir, cachePort), ANSWER_CACHE_SIZE: String(Math.max(1000, o.bodies.length * 2)) },
        port: cachePort,
        probePath: '/api/chat',
        probeBody,
      });
      try {
        await loadOnce({ url: cachedServer.url, path: '/api/chat', bodies: o.bodies, connections: 8, durationS: o.warmupS });
        const cachedRuns: LoadRun[] = [];
        for (let r = 0; r < o.rounds; r++) cachedRuns.push(await loadOnce({ url: cachedServer.url, path: '/api/chat', bodies: o.bodies, connections: 8, durationS: o.durationS, offset: r * 17 }));
        const summary = summarizeRuns(cachedRuns);
        cached_8 = { chat: summary, ratio_to_floor: round(summary.rps / levels['8'].floor.rps, 4) };
        o.log(`  8 connections, answer cache on: chat ${summary.rps} req/s (ratio ${cached_8.ratio_to_floor})`);
      } finally {
        await cachedServer.stop();
      }
    }
    const mem = servers.chat!.memory();
    const rps = (c: string, k: 'chat' | 'floor') => levels[c][k].rps;
    const result: HttpStageResult = {
      throughput: {
        chat_rps_1: rps('1', 'chat'),
        chat_rps_8: rps('8', 'chat'),
        chat_rps_32: rps('32', 'chat'),
        floor_rps_1: rps('1', 'floor'),
        floor_rps_8: rps('8', 'floor'),
        floor_rps_32: rps('32', 'floor'),
        ratio_to_floor_1: round(rps('1', 'chat') / rps('1', 'floor'), 4),
        ratio_to_floor_8: round(rps('8', 'chat') / rps('8', 'floor'), 4),
        ratio_to_floor_32: round(rps('32', 'chat') / rps('32', 'floor'), 4),
        floor_body_bytes: o.bodyBytes,
        duration_s: o.durationS,
        rounds: o.rounds,
        levels,
        cached_8,
      },
      server: {
        cold_start_ms: round(coldChat, 1),
        floor_cold_start_ms: round(coldFloor, 1),
        rss_mb_warm: round(rssWarm, 1),
        rss_mb_after_load: round(mem?.rssMb ?? Number.NaN, 1),
        peak_rss_mb: round(mem?.hwmMb ?? Number.NaN, 1),
        floor_rss_mb: round(servers.floor!.memory()?.rssMb ?? Number.NaN, 1),
      },
      restarts,
    };
    const at32 = levels['32'].chat;
    if (at32.errors + at32.timeouts + at32.non2xx)
      throw Object.assign(new Error(`/api/chat at 32 connections: ${at32.errors} errors, ${at32.timeouts} timeouts, ${at32.non2xx} non-2xx of ${at32.requests}`), { partial: result });
    if (!at32.requests) throw Object.assign(new Error('/api/chat at 32 connections: no request completed'), { partial: result });
    return result;
  } finally {
    await servers.chat?.stop();
    await servers.floor?.stop();
  }
}
