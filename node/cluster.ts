/**
 * Multi-process mode (`WORKERS=n`): the primary forks `n` server processes that share the listening port
 * (node:cluster hands connections out round-robin), restarts a worker that crashes (up to `maxRestarts`
 * times) and stops them all on SIGTERM/SIGINT. Each worker loads its own index (memory × n).
 */
import cluster from 'node:cluster';
import os from 'node:os';

/**
 * The process count `WORKERS` means: `0` (`auto`) is one per core.
 * @example
 * clusterSize(0); // 2 on a 2-core machine
 */
export function clusterSize(workers: number, cores = os.availableParallelism()): number {
  return workers > 0 ? workers : cores;
}

/**
 * In the primary of a multi-process run, forks the workers and returns true (the caller then does
 * nothing else); in a worker, or when `workers` is 1, returns false and the caller serves.
 * @example
 * if (!forkWorkers(clusterSize(config.workers), log)) serve(app);
 */
export function forkWorkers(workers: number, log: (line: string) => void, maxRestarts = 5): boolean {
  if (workers <= 1 || !cluster.isPrimary) return false;
  let stopping = false;
  let restarts = 0;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    const alive = Object.keys(cluster.workers ?? {}).length;
    if (stopping) {
      if (alive === 0) process.exit(0);
      return;
    }
    if (restarts < maxRestarts) {
      restarts++;
      log(`Worker ${worker.process.pid} stopped (code ${code}, signal ${signal}); starting another (${restarts}/${maxRestarts}).`);
      cluster.fork();
      return;
    }
    log(`Worker ${worker.process.pid} stopped (code ${code}, signal ${signal}); ${maxRestarts} restarts used, not restarting.`);
    if (alive === 0) process.exit(1);
  });
  const stop = () => {
    stopping = true;
    const list = Object.values(cluster.workers ?? {});
    if (list.length === 0) process.exit(0);
    for (const w of list) w?.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  log(`Multi-process mode: ${workers} server processes share the port.`);
  return true;
}
