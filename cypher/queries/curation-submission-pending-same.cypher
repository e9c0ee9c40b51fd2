// A pending submission of this kind, target and payload, if one exists: proposing the same change
// twice (a registry re-import with --review run again) finds the first instead of adding another.
// params: $kind: string, $target: string, $payload: string
// columns: submission (props)
MATCH (s:Submission {kind: $kind, status: 'PENDING', target: $target})
WHERE s.payload = $payload
RETURN properties(s) AS submission
ORDER BY s.createdAt
LIMIT 1
