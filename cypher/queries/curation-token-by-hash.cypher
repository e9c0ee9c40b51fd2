// The live (unrevoked) token with this hash, if any.
// params: $hash: string (sha-256 hex of the presented bearer token)
// columns: id, name, scopes
MATCH (t:ApiToken {hash: $hash})
WHERE t.revokedAt IS NULL
RETURN t.id AS id, t.name AS name, t.scopes AS scopes
