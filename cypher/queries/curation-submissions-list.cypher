// Submissions, newest first, optionally of one status.
// params: $status: string|null; $limit: int
// columns: submission (props)
MATCH (s:Submission)
WHERE $status IS NULL OR s.status = $status
RETURN properties(s) AS submission
ORDER BY s.createdAt DESC, s.id
LIMIT toInteger($limit)
