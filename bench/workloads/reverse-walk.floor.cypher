// The reverse walk as one hand-written Cypher returning the same JSON.
// params: $biomarker: string (biomarker id)
// columns: biomarker
MATCH (b:Biomarker {id: $biomarker})
RETURN b {
  slug: b.id, .name,
  findings: COLLECT {
    MATCH (b)<-[:ABOUT]-(f:Finding)
    WITH f ORDER BY f.type, f.id
    RETURN f {
      slug: f.id, .statement,
      study: COLLECT {
        MATCH (f)<-[:HAS_FINDING]-(s:Study)
        RETURN s {
          slug: s.id, .shortName, .year,
          institutions: COLLECT { MATCH (s)-[:CONDUCTED_AT]->(i:Institution) WITH i ORDER BY i.name RETURN i { slug: i.id, .name, .city } },
          authors: COLLECT { MATCH (s)<-[r:AUTHORED]-(v:Investigator) WITH r, v ORDER BY r.position RETURN { role: r.role, investigator: v { slug: v.id, .name } } }
        }
      }[0]
    }
  }
} AS biomarker
