/**
 * Runs the built Worker bundle in workerd through Miniflare, configured from `wrangler.toml` (compatibility date and
 * flags, vars, ASSETS binding with the Worker first), as `wrangler dev` would. Used by tests and the bench.
 */
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';

const root = path.resolve(import.meta.dirname, '../..');

export interface WranglerSettings {
  compatibilityDate: string;
  compatibilityFlags: string[];
  vars: Record<string, string>;
  main: string;
}

/**
 * Reads `wrangler.toml` with wrangler's own parser.
 * @example
 * readWranglerSettings().compatibilityDate; // '2026-04-26'
 */
export function readWranglerSettings(configPath = path.join(root, 'wrangler.toml')): WranglerSettings {
  const config = unstable_readConfig({ config: configPath });
  if (!config.compatibility_date) throw new Error(`${configPath}: compatibility_date is missing.`);
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.vars ?? {})) vars[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return { compatibilityDate: config.compatibility_date, compatibilityFlags: config.compatibility_flags ?? [], vars, main: config.main ?? '' };
}

export interface RunningWorker {
  /** Where workerd listens (127.0.0.1, random port), for plain HTTP clients. */
  url: string;
  /** `fetch` against the Worker, e.g. `worker.fetch('/healthz')`. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  /** Writes an object into a local R2 bucket binding (declared with `r2Buckets`). */
  putR2(binding: string, key: string, value: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts workerd on a built bundle (`bundleWorker`) and its assets directory (`layoutWorkerAssets`).
 * @example
 * const worker = await startWorkerd({ script: 'dist/worker/worker.js', assetsDir: 'dist/worker-assets' });
 * const health = await (await worker.fetch('/healthz')).json();
 * await worker.close();
 */
export async function startWorkerd(options: { script: string; assetsDir: string; vars?: Record<string, string>; r2Buckets?: string[] }): Promise<RunningWorker> {
  const settings = readWranglerSettings();
  const mf = new Miniflare({
    modules: true,
    scriptPath: path.resolve(options.script),
    modulesRoot: path.dirname(path.resolve(options.script)),
    compatibilityDate: settings.compatibilityDate,
    compatibilityFlags: settings.compatibilityFlags,
    bindings: { ...settings.vars, ...options.vars },
    r2Buckets: options.r2Buckets ?? [],
    assets: { directory: path.resolve(options.assetsDir), binding: 'ASSETS', routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true } },
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return {
    url,
    fetch: async (pathname, init) => (await mf.dispatchFetch(`http://worker.test${pathname}`, init as never)) as unknown as Response,
    putR2: async (binding, key, value) => {
      const bucket = (await mf.getR2Bucket(binding)) as unknown as { put(key: string, value: string | ArrayBuffer): Promise<unknown> };
      await bucket.put(key, typeof value === 'string' ? value : Uint8Array.from(value).buffer);
    },
    close: () => mf.dispose(),
  };
}
