// Stores a new API token: only its sha-256 hash, never the token itself.
// params: $id, $name, $hash: string; $scopes: string[]; $now: ISO datetime string
// columns: id
CREATE (t:ApiToken {id: $id, name: $name, hash: $hash, scopes: $scopes, createdAt: $now})
RETURN t.id AS id
