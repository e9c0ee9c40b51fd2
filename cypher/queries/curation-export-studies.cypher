// Studies with everything they own (arms, outcomes, findings and their links), for writing the
// graph back in the seed format and for the before/after of a revision. $ids null = all.
// params: $ids: string[]|null
// columns: props, sources, trials [{trial, rel}], institutions, diseases, authors [{investigator, rel}],
//          arms [{props, sources, therapies [{therapy, rel}]}], outcomes [{props, sources, arm, comparison [{arm, role}]}],
//          findings [{props, sources, biomarker, therapies, outcomes, arms, disease}]
MATCH (s:Study)
WHERE $ids IS NULL OR s.id IN $ids
RETURN properties(s) AS props,
       [(s)-[:SOURCED_FROM]->(x) | x.id] AS sources,
       [(s)-[r:ANALYZES]->(t) | {trial: t.id, rel: properties(r)}] AS trials,
       [(s)-[:CONDUCTED_AT]->(x) | x.id] AS institutions,
       [(s)-[:STUDIES]->(x) | x.id] AS diseases,
       [(i)-[r:AUTHORED]->(s) | {investigator: i.id, rel: properties(r)}] AS authors,
       [(s)-[:HAS_ARM]->(a) | {
          props: properties(a),
          sources: [(a)-[:SOURCED_FROM]->(x) | x.id],
          therapies: [(a)-[r:RECEIVED]->(t) | {therapy: t.id, rel: properties(r)}]}] AS arms,
       [(s)-[:REPORTS]->(o) | {
          props: properties(o),
          sources: [(o)-[:SOURCED_FROM]->(x) | x.id],
          arm: [(o)-[:FOR_ARM]->(x) | x.id],
          comparison: [(o)-[r:COMPARES]->(x) | {arm: x.id, role: r.role}]}] AS outcomes,
       [(s)-[:HAS_FINDING]->(f) | {
          props: properties(f),
          sources: [(f)-[:SOURCED_FROM]->(x) | x.id],
          biomarker: [(f)-[:ABOUT]->(x) | x.id],
          therapies: [(f)-[:INVOLVES]->(x) | x.id],
          outcomes: [(f)-[:BASED_ON]->(x) | x.id],
          arms: [(f)-[:CONTRASTS]->(x) | x.id],
          disease: [(f)-[:IN_DISEASE]->(x) | x.id]}] AS findings
ORDER BY s.id
