/**
 * npm run soak [-- --concurrency 8 --duration 60 --kill-at 20]: the soak and fault run on
 * loopback (scripts/soak-run.ts), printed as a table. Bounded: --duration plus at most
 * --recovery-wait seconds, and --max-requests requests.
 */
import { Command } from 'commander';
import { runSoak } from './soak-run.js';

const program = new Command()
  .name('soak')
  .option('--concurrency <n>', 'requests in flight at once', '8')
  .option('--duration <s>', 'seconds of workload', '60')
  .option('--kill-at <s>', 'seconds into the run when the local Neo4j is killed', '20')
  .option('--recovery-wait <s>', 'at most this many extra seconds to see recovery', '120')
  .option('--max-requests <n>', 'stop after this many requests', '50000')
  .parse();
const o = program.opts<{ concurrency: string; duration: string; killAt: string; recoveryWait: string; maxRequests: string }>();

const report = await runSoak({
  concurrency: Number(o.concurrency),
  durationMs: Number(o.duration) * 1000,
  killAtMs: Number(o.killAt) * 1000,
  recoveryWaitMs: Number(o.recoveryWait) * 1000,
  maxRequests: Number(o.maxRequests),
  progress: (line) => console.error(line),
});
const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v} ms`);
const rows: [string, string][] = [
  ['concurrency', String(report.concurrency)],
  ['run time', `${report.seconds} s`],
  ['requests sent', String(report.sent)],
  ['answered', String(report.answered)],
  ['answered with data', String(report.withData)],
  [
    'failed, by code',
    Object.entries(report.failedByCode)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none',
  ],
  ['connections lost', String(report.connectionLost)],
  ['in flight at SIGTERM / lost during drain', `${report.inFlightAtSigterm} / ${report.lostDuringDrain}`],
  ['non-GraphQL 5xx', String(report.nonGraphQL5xx)],
  ['latency p50 / p95', `${report.p50Ms} ms / ${report.p95Ms} ms`],
  ['kill → first SERVICE_UNAVAILABLE', ms(report.firstUnavailableAfterKillMs)],
  ['slowest SERVICE_UNAVAILABLE answer', ms(report.slowestUnavailableMs)],
  ['recovery (kill → data again)', ms(report.recoveryMs)],
  ['server restarted', report.serverRestarted ? 'yes' : 'no'],
  ['server exit after SIGTERM', `code ${report.serverExit.code}${report.serverExit.signal ? `, signal ${report.serverExit.signal}` : ''}`],
];
console.log('| measure | value |\n|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
const ok = report.nonGraphQL5xx === 0 && report.lostDuringDrain === 0 && report.recoveryMs !== undefined && !report.serverRestarted && report.serverExit.code === 0;
process.exit(ok ? 0 : 1);
