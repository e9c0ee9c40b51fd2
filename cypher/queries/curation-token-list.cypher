// Every token's metadata (never the hash), oldest first.
// params: none
// columns: id, name, scopes, createdAt, revokedAt
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.scopes AS scopes, t.createdAt AS createdAt, t.revokedAt AS revokedAt
ORDER BY t.createdAt, t.id
