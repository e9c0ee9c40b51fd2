/**
 * The graph model as constants: node labels, relationship types and the relationship fields the
 * API exposes. Queries composed from these are built from this code only, never from input.
 */
export const LABELS = [
  'Study',
  'Trial',
  'Institution',
  'Investigator',
  'Disease',
  'Therapy',
  'Arm',
  'Outcome',
  'Biomarker',
  'Finding',
  'Source',
] as const;
export type Label = (typeof LABELS)[number];

export const REL_TYPES = [
  'ANALYZES',
  'AFFILIATED_WITH',
  'AUTHORED',
  'CONDUCTED_AT',
  'STUDIES',
  'IS_A',
  'HAS_ARM',
  'RECEIVED',
  'REPORTS',
  'FOR_ARM',
  'COMPARES',
  'HAS_FINDING',
  'ABOUT',
  'INVOLVES',
  'BASED_ON',
  'CONTRASTS',
  'IN_DISEASE',
  'SOURCED_FROM',
  // (Investigator)-[:LEADS {role}]->(Study): a registry's overall official (principal investigator, chair).
  'LEADS',
  // (Study)-[:SPONSORED_BY {role: LEAD_SPONSOR|COLLABORATOR}]->(Institution): a registry's sponsors.
  'SPONSORED_BY',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export function isLabel(value: string): value is Label {
  return (LABELS as readonly string[]).includes(value);
}

/** A node as the database layer hands it up: its label, id and plain properties. */
export interface NodeRecord {
  label: Label;
  id: string;
  props: Record<string, unknown>;
}

/** A neighbour reached over a relationship field, with the relationship's own properties. */
export interface EdgeHit {
  node: NodeRecord;
  rel: Record<string, unknown>;
}

/**
 * One relationship field. `pattern` is Cypher in which `p` is the parent (bound by id), `c` the
 * child and `r` the relationship (absent on multi-hop patterns, which return DISTINCT children).
 */
export interface EdgeSpec {
  from: Label;
  pattern: string;
  orderBy: string;
  multiHop?: boolean;
}

const out = (from: Label, rel: RelType, to: Label | 'Entity', orderBy = 'c.id'): EdgeSpec => ({
  from,
  pattern: `(p:${from} {id: key})-[r:${rel}]->(c:${to})`,
  orderBy,
});
const inn = (from: Label, rel: RelType, to: Label | 'Entity', orderBy = 'c.id'): EdgeSpec => ({
  from,
  pattern: `(p:${from} {id: key})<-[r:${rel}]-(c:${to})`,
  orderBy,
});
const hops = (from: Label, pattern: string, orderBy: string): EdgeSpec => ({ from, pattern, orderBy, multiHop: true });

const AUTHOR_ORDER = "CASE r.role WHEN 'FIRST' THEN 0 WHEN 'AUTHOR' THEN 1 ELSE 2 END, r.position, c.name";

export const EDGES = {
  'Study.trials': out('Study', 'ANALYZES', 'Trial'),
  'Study.institutions': out('Study', 'CONDUCTED_AT', 'Institution', 'c.name'),
  'Study.authors': inn('Study', 'AUTHORED', 'Investigator', AUTHOR_ORDER),
  'Study.diseases': out('Study', 'STUDIES', 'Disease'),
  'Study.arms': out('Study', 'HAS_ARM', 'Arm', 'c.id'),
  'Study.outcomes': out('Study', 'REPORTS', 'Outcome', 'c.measure, c.id'),
  'Study.findings': out('Study', 'HAS_FINDING', 'Finding', 'c.type, c.id'),
  'Study.sources': out('Study', 'SOURCED_FROM', 'Source'),
  'Trial.studies': inn('Trial', 'ANALYZES', 'Study', 'c.year, c.id'),
  'Trial.sources': out('Trial', 'SOURCED_FROM', 'Source'),
  'Institution.investigators': inn('Institution', 'AFFILIATED_WITH', 'Investigator', 'c.name'),
  'Institution.studies': inn('Institution', 'CONDUCTED_AT', 'Study', 'c.year, c.id'),
  'Institution.sources': out('Institution', 'SOURCED_FROM', 'Source'),
  'Investigator.institutions': out('Investigator', 'AFFILIATED_WITH', 'Institution', 'c.name'),
  'Investigator.studies': out('Investigator', 'AUTHORED', 'Study', 'c.year, c.id'),
  'Investigator.sources': out('Investigator', 'SOURCED_FROM', 'Source'),
  'Disease.studies': inn('Disease', 'STUDIES', 'Study', 'c.year, c.id'),
  'Disease.findings': inn('Disease', 'IN_DISEASE', 'Finding'),
  'Disease.broader': out('Disease', 'IS_A', 'Disease', 'c.name'),
  'Disease.narrower': inn('Disease', 'IS_A', 'Disease', 'c.name'),
  'Therapy.broader': out('Therapy', 'IS_A', 'Therapy', 'c.name'),
  'Therapy.narrower': inn('Therapy', 'IS_A', 'Therapy', 'c.name'),
  'Therapy.arms': inn('Therapy', 'RECEIVED', 'Arm'),
  'Therapy.findings': inn('Therapy', 'INVOLVES', 'Finding'),
  'Therapy.studies': hops('Therapy', '(p:Therapy {id: key})<-[:RECEIVED]-(:Arm)<-[:HAS_ARM]-(c:Study)', 'c.year, c.id'),
  'Arm.study': inn('Arm', 'HAS_ARM', 'Study'),
  'Arm.therapies': out('Arm', 'RECEIVED', 'Therapy', 'r.order, c.name'),
  'Arm.outcomes': hops('Arm', '(p:Arm {id: key})<-[:FOR_ARM|COMPARES]-(c:Outcome)', 'c.measure, c.id'),
  'Arm.sources': out('Arm', 'SOURCED_FROM', 'Source'),
  'Outcome.study': inn('Outcome', 'REPORTS', 'Study'),
  'Outcome.arm': out('Outcome', 'FOR_ARM', 'Arm'),
  'Outcome.comparedArms': out('Outcome', 'COMPARES', 'Arm', "CASE r.role WHEN 'EXPERIMENTAL' THEN 0 ELSE 1 END"),
  'Outcome.findings': inn('Outcome', 'BASED_ON', 'Finding'),
  'Outcome.sources': out('Outcome', 'SOURCED_FROM', 'Source'),
  'Biomarker.findings': inn('Biomarker', 'ABOUT', 'Finding', 'c.type, c.id'),
  'Biomarker.studies': hops('Biomarker', '(p:Biomarker {id: key})<-[:ABOUT]-(:Finding)<-[:HAS_FINDING]-(c:Study)', 'c.year, c.id'),
  'Finding.study': inn('Finding', 'HAS_FINDING', 'Study'),
  'Finding.biomarker': out('Finding', 'ABOUT', 'Biomarker'),
  'Finding.therapies': out('Finding', 'INVOLVES', 'Therapy', 'c.name'),
  'Finding.outcomes': out('Finding', 'BASED_ON', 'Outcome'),
  'Finding.arms': out('Finding', 'CONTRASTS', 'Arm'),
  'Finding.disease': out('Finding', 'IN_DISEASE', 'Disease'),
  'Finding.sources': out('Finding', 'SOURCED_FROM', 'Source'),
  'Source.supports': inn('Source', 'SOURCED_FROM', 'Entity'),
} as const satisfies Record<string, EdgeSpec>;

export type EdgeName = keyof typeof EDGES;

export const LABEL_OF = "[l IN labels(c) WHERE l <> 'Entity'][0]";

/** The batched query behind one relationship field: all parents in, rows tagged by parent key. */
export function edgeQuery(spec: EdgeSpec): string {
  const rel = spec.multiHop ? '{}' : 'properties(r)';
  return [
    'UNWIND $keys AS key',
    `MATCH ${spec.pattern}`,
    spec.multiHop ? `WITH DISTINCT key, c` : '',
    `RETURN key, ${LABEL_OF} AS label, properties(c) AS props, ${rel} AS rel`,
    `ORDER BY key, ${spec.orderBy}`,
  ]
    .filter(Boolean)
    .join('\n');
}
