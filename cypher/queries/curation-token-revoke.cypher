// Revokes a token; revoking twice changes nothing.
// params: $id: string; $now: ISO datetime string
// columns: id, revokedAt
MATCH (t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, $now)
RETURN t.id AS id, t.revokedAt AS revokedAt
