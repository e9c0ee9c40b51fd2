// One revision by id.
// params: $id: string
// columns: revision (props)
MATCH (r:Revision {id: $id})
RETURN properties(r) AS revision
