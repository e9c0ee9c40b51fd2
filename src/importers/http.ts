/**
 * A polite HTTP client for the public registries: one request at a time, at most one per
 * `minIntervalMs` (ClinicalTrials.gov asks for about 50 a minute, NCBI for 3 a second without a
 * key), retries with exponential backoff on 429, 5xx and network errors (honouring Retry-After),
 * and a clear error on anything else. Paging helpers follow the APIs' own continuation tokens.
 */
import { messageOf } from '../errors.js';
export interface HttpOptions {
  minIntervalMs: number;
  retries: number;
  backoffMs: number;
  userAgent: string;
  /** Injected in tests to avoid real waiting; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class PoliteClient {
  private nextSlot = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Every attempt made, for tests and the run summary. */
  readonly attempts: { url: string; status: number | 'network-error' }[] = [];

  constructor(private readonly opts: HttpOptions) {
    this.sleep = opts.sleep ?? defaultSleep;
  }

  private async waitForSlot(): Promise<void> {
    const now = Date.now();
    const wait = this.nextSlot - now;
    this.nextSlot = Math.max(now, this.nextSlot) + this.opts.minIntervalMs;
    if (wait > 0) await this.sleep(wait);
  }

  async getText(url: string): Promise<string> {
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.opts.retries; attempt += 1) {
      await this.waitForSlot();
      let res: Response;
      try {
        res = await fetch(url, { headers: { 'user-agent': this.opts.userAgent, accept: 'application/json, application/xml;q=0.9, */*;q=0.5' } });
      } catch (err) {
        this.attempts.push({ url, status: 'network-error' });
        lastProblem = `network error: ${messageOf(err)}`;
        await this.sleep(this.opts.backoffMs * 2 ** attempt);
        continue;
      }
      this.attempts.push({ url, status: res.status });
      if (res.ok) return res.text();
      const body = (await res.text()).slice(0, 200);
      if (res.status !== 429 && res.status < 500) throw new HttpError(url, res.status, `GET ${url} answered ${res.status}: ${body}`);
      lastProblem = `HTTP ${res.status}`;
      const retryAfter = Number(res.headers.get('retry-after'));
      await this.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : this.opts.backoffMs * 2 ** attempt);
    }
    throw new HttpError(url, 0, `GET ${url} failed after ${this.opts.retries + 1} attempts (${lastProblem})`);
  }
}

export const CTGOV_API = 'https://clinicaltrials.gov/api/v2';
export const EUTILS_API = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils';

/** One ClinicalTrials.gov study by NCT id: GET /studies/{nctId}. */
export async function fetchCtgovStudy(client: PoliteClient, nctId: string, base = CTGOV_API): Promise<string> {
  return client.getText(`${base}/studies/${encodeURIComponent(nctId)}?format=json`);
}

/**
 * Every page of a ClinicalTrials.gov search (GET /studies?query.term=…), following
 * nextPageToken until the API stops returning one. Yields each page's raw JSON text.
 */
export async function* ctgovSearchPages(client: PoliteClient, params: Record<string, string>, base = CTGOV_API, pageSize = 100): AsyncGenerator<string> {
  let token: string | undefined;
  do {
    const q = new URLSearchParams({ ...params, format: 'json', pageSize: String(pageSize) });
    if (token) q.set('pageToken', token);
    const text = await client.getText(`${base}/studies?${q.toString()}`);
    yield text;
    try {
      const parsed: unknown = JSON.parse(text);
      const next = parsed !== null && typeof parsed === 'object' && 'nextPageToken' in parsed ? parsed.nextPageToken : undefined;
      token = typeof next === 'string' && next ? next : undefined;
    } catch {
      token = undefined; // the page itself is rejected with its parse error downstream
    }
  } while (token);
}

/**
 * The search parameter for "last update posted on or after `date`" (API v2 Essie syntax:
 * AREA[LastUpdatePostDate]RANGE[date,MAX]). The date is checked, so a typo is an error here, not
 * an empty search.
 */
export function ctgovUpdatedSince(date: string): Record<string, string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Error(`--since: "${date}" is not a date (expected YYYY-MM-DD)`);
  return { 'filter.advanced': `AREA[LastUpdatePostDate]RANGE[${date},MAX]` };
}

/** PubMed records by PMID through efetch, in batches of 200 (XML). */
export async function* fetchPubmedXml(client: PoliteClient, pmids: string[], base = EUTILS_API, apiKey?: string): AsyncGenerator<string> {
  for (let i = 0; i < pmids.length; i += 200) {
    const q = new URLSearchParams({ db: 'pubmed', id: pmids.slice(i, i + 200).join(','), retmode: 'xml', tool: 'abscopal' });
    if (apiKey) q.set('api_key', apiKey);
    yield await client.getText(`${base}/efetch.fcgi?${q.toString()}`);
  }
}
