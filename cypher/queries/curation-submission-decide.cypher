// Records the review decision on a submission.
// params: $id: string; $props: map (status, reviewer, reviewedAt, reviewComment, revision)
// columns: submission (props)
MATCH (s:Submission {id: $id})
SET s += $props
RETURN properties(s) AS submission
