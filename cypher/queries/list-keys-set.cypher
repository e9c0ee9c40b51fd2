// Stores the derived list keys (sortName, sortYearAsc, sortYearDesc, findText; src/db/list-keys.ts)
// on nodes written before they existed: start-up backfills them, a batch at a time.
// params: $rows: [{id: string, keys: map of string}]
// columns: updated
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.keys
RETURN count(n) AS updated
