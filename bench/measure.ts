/**
 * Timing and memory: sequential latency (p50/p95), closed-loop throughput at a concurrency, and a
 * process's resident memory read from /proc (Linux; null elsewhere).
 */
import { readFileSync } from 'node:fs';

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  rounds: number;
}

export interface Throughput {
  concurrency: number;
  rps: number;
  completed: number;
  errors: number;
  firstError?: string;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** `rounds` requests one after another, stopping early (after at least 3) once `budgetMs` is spent. */
export async function sequential(request: () => Promise<unknown>, rounds: number, budgetMs: number): Promise<Latency> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) {
    const t0 = performance.now();
    await request();
    times.push(performance.now() - t0);
    if (i >= 2 && performance.now() - started > budgetMs) break;
  }
  times.sort((a, b) => a - b);
  return { p50Ms: quantile(times, 0.5), p95Ms: quantile(times, 0.95), rounds: times.length };
}

/**
 * `concurrency` workers each send a request as soon as their previous one is answered, for
 * `durationMs`; requests in flight at the end are awaited and counted. rps = completed / elapsed.
 */
export async function throughput(request: () => Promise<unknown>, concurrency: number, durationMs: number): Promise<Throughput> {
  const started = performance.now();
  const deadline = started + durationMs;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      try {
        await request();
        completed += 1;
      } catch (err) {
        errors += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
        // A failing system should not spin: one failure per worker ends its loop.
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { concurrency, rps: completed / elapsed, completed, errors, ...(firstError ? { firstError } : {}) };
}

/** Resident set size of `pid` in MiB, or null when /proc cannot tell. */
export function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples `pid`'s RSS every `everyMs` until stopped; returns the peak seen. */
export function rssSampler(pid: number | undefined, everyMs = 50): { stop(): number | null } {
  if (pid === undefined) return { stop: () => null };
  let peak: number | null = rssMiB(pid);
  const timer = setInterval(() => {
    const now = rssMiB(pid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const now = rssMiB(pid);
      if (now !== null && (peak === null || now > peak)) peak = now;
      return peak;
    },
  };
}

/** CPU time (user + system, seconds) `pid` has used so far, or null when /proc cannot tell. */
export function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name (which may contain spaces, hence the last ')'): utime is the
    // 12th and stime the 13th, in clock ticks (100 per second on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
