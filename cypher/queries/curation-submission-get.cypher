// One submission by id.
// params: $id: string
// columns: submission (props)
MATCH (s:Submission {id: $id})
RETURN properties(s) AS submission
