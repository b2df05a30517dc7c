/** CPU profile of a workload through the inspector, summarised by self time (function and file). */
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { round } from './stats.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  sampled_ms: number;
  gc_share: number;
  top_functions: Array<{ name: string; self_share: number }>;
  top_files: Array<{ file: string; self_share: number }>;
}

function shortUrl(url: string, root: string): string {
  const p = url.startsWith('file://') ? url.slice(7) : url;
  if (!p) return '(native)';
  const rel = path.relative(root, p);
  return rel.startsWith('..') ? p : rel;
}

/**
 * Runs `work` under the V8 sampling profiler and returns where the self time went.
 * @example
 * const p = await profile(() => loop(), process.cwd());
 */
export async function profile(work: () => Promise<void>, root: string, top = 12): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    await work();
    const { profile: p } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
    let total = 0;
    let gc = 0;
    const fns = new Map<string, number>();
    const files = new Map<string, number>();
    for (const [id, us] of self) {
      const { functionName, url } = byId.get(id)!.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') continue;
      total += us;
      if (functionName === '(garbage collector)') gc += us;
      const file = functionName.startsWith('(') ? functionName : shortUrl(url, root);
      const name = `${functionName || '(anonymous)'} ${file}`;
      fns.set(name, (fns.get(name) ?? 0) + us);
      files.set(file, (files.get(file) ?? 0) + us);
    }
    const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
    return {
      sampled_ms: round(total / 1000, 1),
      gc_share: round(gc / Math.max(1, total), 3),
      top_functions: rank(fns).map(([name, us]) => ({ name, self_share: round(us / total, 3) })),
      top_files: rank(files).map(([file, us]) => ({ file, self_share: round(us / total, 3) })),
    };
  } finally {
    session.disconnect();
  }
}
