// The revisions that changed a node, or any node of a study, newest first.
// params: $entity: string
// columns: revision (props)
MATCH (r:Revision)
WHERE $entity IN r.nodeIds OR $entity IN r.studyIds
RETURN properties(r) AS revision
ORDER BY r.at DESC, r.id DESC
