// Records an accepted change. :Revision is not :Entity: the audit trail is read through
// revisions(entity:) and Study.revisions only.
// params: $props: map (id, at, kind, submission, author, reviewer, reason, reviewComment, nodeIds, studyIds, changes, units, revertOf)
// columns: id
CREATE (r:Revision)
SET r = $props
RETURN r.id AS id
