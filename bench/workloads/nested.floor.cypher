// The nested query as one hand-written Cypher returning the same JSON (one row per study).
// params: none
// columns: study
MATCH (s:Study)
WITH s ORDER BY s.year DESC, s.id LIMIT 100
RETURN s {
  slug: s.id, .shortName, .year,
  arms: COLLECT {
    MATCH (s)-[:HAS_ARM]->(a:Arm)
    WITH a ORDER BY a.id
    RETURN a {
      slug: a.id, .name,
      therapies: COLLECT {
        MATCH (a)-[r:RECEIVED]->(t:Therapy)
        WITH r, t ORDER BY r.order, t.name
        RETURN { order: r.order, therapy: t { slug: t.id, .name, broader: COLLECT { MATCH (t)-[:IS_A]->(b:Therapy) WITH b ORDER BY b.name RETURN b { slug: b.id, .name } } } }
      },
      outcomes: COLLECT {
        MATCH (a)<-[:FOR_ARM|COMPARES]-(o:Outcome)
        WITH DISTINCT o ORDER BY o.measure, o.id
        RETURN o { slug: o.id, .measure, .value, .hr }
      }
    }
  },
  findings: COLLECT {
    MATCH (s)-[:HAS_FINDING]->(f:Finding)
    WITH f ORDER BY f.type, f.id
    RETURN f {
      slug: f.id, .statement,
      biomarker: COLLECT { MATCH (f)-[:ABOUT]->(b:Biomarker) RETURN b { slug: b.id, .name } }[0],
      sources: COLLECT { MATCH (f)-[:SOURCED_FROM]->(src:Source) WITH src ORDER BY src.id RETURN src { slug: src.id, .url } }
    }
  }
} AS study
