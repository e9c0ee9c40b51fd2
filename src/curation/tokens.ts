/**
 * API tokens: 32 random bytes shown once at creation, stored only as their sha-256 hash. A token
 * belongs to a name (a person or a bot); the name is who submissions and reviews are attributed
 * to, so a person's curate and review tokens share it and self-review stays refused.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/run.js';
import { userError } from '../errors.js';

export const Scope = z.enum(['curate', 'review']);
export type Scope = z.infer<typeof Scope>;

export interface Principal {
  tokenId: string;
  name: string;
  scopes: Scope[];
}

const TokenName = z.string().trim().min(1).max(100);
const TokenRow = z.object({ id: z.string(), name: z.string(), scopes: z.array(Scope) });
const TokenListRow = TokenRow.extend({ createdAt: z.string(), revokedAt: z.string().nullable() });
export type TokenInfo = z.infer<typeof TokenListRow>;

const PREFIX = 'abs_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token and returns it in clear, the only time it exists outside the caller's hands. */
export async function createToken(db: Db, name: string, scopes: readonly string[]): Promise<{ id: string; token: string; name: string; scopes: Scope[] }> {
  const parsedName = TokenName.parse(name);
  const parsedScopes = z
    .array(Scope)
    .min(1, 'give at least one --scope (curate, review)')
    .parse([...new Set(scopes)]);
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = `tok-${randomUUID()}`;
  await db.write((tx) => tx.run('curation-token-create', { id, name: parsedName, hash: hashToken(token), scopes: parsedScopes, now: new Date().toISOString() }));
  return { id, token, name: parsedName, scopes: parsedScopes };
}

export async function listTokens(db: Db): Promise<TokenInfo[]> {
  return (await db.read('curation-token-list')).map((r) => TokenListRow.parse(r));
}

/** Revokes by id; returns false when there is no such token. */
export async function revokeToken(db: Db, id: string): Promise<boolean> {
  const rows = await db.write((tx) => tx.run('curation-token-revoke', { id, now: new Date().toISOString() }));
  return rows.length > 0;
}

/**
 * The principal behind `Authorization: Bearer <token>`. Missing, malformed, unknown and revoked
 * tokens are all UNAUTHENTICATED (the message does not say which, so tokens cannot be probed).
 */
export async function authenticate(db: Db, request: Request | undefined): Promise<Principal> {
  const header = request?.headers.get('authorization') ?? null;
  if (header === null) throw userError('this operation needs an API token: send "Authorization: Bearer <token>"', 'UNAUTHENTICATED');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  if (token === undefined) throw userError('the Authorization header must be "Bearer <token>"', 'UNAUTHENTICATED');
  const rows = await db.read('curation-token-by-hash', { hash: hashToken(token) });
  const row = rows[0];
  if (row === undefined) throw userError('the API token is not valid (unknown or revoked)', 'UNAUTHENTICATED');
  const parsed = TokenRow.parse(row);
  return { tokenId: parsed.id, name: parsed.name, scopes: parsed.scopes };
}

export function requireScope(principal: Principal, scope: Scope): void {
  if (!principal.scopes.includes(scope)) {
    throw userError(`this operation needs a token with the "${scope}" scope; yours has ${principal.scopes.join(', ') || 'none'}`, 'FORBIDDEN', { scope });
  }
}
