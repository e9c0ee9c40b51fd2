// Stores a pending submission. :Submission is not :Entity, so no reader, search or graph view sees it.
// params: $props: map (id, kind, status, author, createdAt, reason, target, payload)
// columns: id
CREATE (s:Submission)
SET s = $props
RETURN s.id AS id
