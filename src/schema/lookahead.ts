/**
 * Selection-set lookahead for relationship fields. When a resolver of a small relationship field
 * runs, it reads the query's selection below it and asks for the field together with every small
 * relationship field selected further down (a study's arms → their therapies → broader classes,
 * their outcomes) as one tree (db/tree.ts): one Cypher round trip for the whole subtree instead
 * of one per level. Growing (paged) fields are not part of a tree; their resolvers page on their
 * own and the small fields below them start trees of their own.
 *
 * The table below names, per GraphQL field, the relationship field its resolver reads. It only
 * decides what is read ahead: resolvers look for prefetched children by relationship field, so
 * an entry that disagreed with its resolver would cost a round trip, never change an answer.
 */
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { EdgeName } from '../db/model.js';
import { isPrefetchable, mergePlans, type TreePlan } from '../db/tree.js';

interface FieldEdge {
  edge: EdgeName;
  /** For fields that wrap each child (a therapy use, an authorship): the wrapper's field holding the node. */
  via?: string;
}

/** GraphQL field ("Type.field") → the relationship field its resolver loads. */
export const FIELD_EDGES: Readonly<Record<string, FieldEdge>> = {
  'Study.trials': { edge: 'Study.trials', via: 'trial' },
  'Study.institutions': { edge: 'Study.institutions' },
  'Study.investigators': { edge: 'Study.authors' },
  'Study.authors': { edge: 'Study.authors', via: 'investigator' },
  'Study.diseases': { edge: 'Study.diseases' },
  'Study.arms': { edge: 'Study.arms' },
  'Study.outcomes': { edge: 'Study.outcomes' },
  'Study.findings': { edge: 'Study.findings' },
  'Study.sources': { edge: 'Study.sources' },
  'Trial.sources': { edge: 'Trial.sources' },
  'Institution.sources': { edge: 'Institution.sources' },
  'Investigator.institutions': { edge: 'Investigator.institutions' },
  'Investigator.sources': { edge: 'Investigator.sources' },
  'Disease.broader': { edge: 'Disease.broader' },
  'Disease.narrower': { edge: 'Disease.narrower' },
  'Therapy.broader': { edge: 'Therapy.broader' },
  'Therapy.narrower': { edge: 'Therapy.narrower' },
  'Arm.study': { edge: 'Arm.study' },
  'Arm.therapies': { edge: 'Arm.therapies', via: 'therapy' },
  'Arm.outcomes': { edge: 'Arm.outcomes' },
  'Arm.sources': { edge: 'Arm.sources' },
  'Outcome.study': { edge: 'Outcome.study' },
  'Outcome.arm': { edge: 'Outcome.arm' },
  'Outcome.experimentalArm': { edge: 'Outcome.comparedArms' },
  'Outcome.controlArm': { edge: 'Outcome.comparedArms' },
  'Outcome.findings': { edge: 'Outcome.findings' },
  'Outcome.sources': { edge: 'Outcome.sources' },
  'Finding.study': { edge: 'Finding.study' },
  'Finding.biomarker': { edge: 'Finding.biomarker' },
  'Finding.therapies': { edge: 'Finding.therapies' },
  'Finding.outcomes': { edge: 'Finding.outcomes' },
  'Finding.arms': { edge: 'Finding.arms' },
  'Finding.disease': { edge: 'Finding.disease' },
  'Finding.sources': { edge: 'Finding.sources' },
};

/** How deep a tree may reach: deeper fields load through their own batched loaders. */
const MAX_DEPTH = 6;

function included(node: { directives?: readonly unknown[] | undefined }, info: GraphQLResolveInfo): boolean {
  const n = node as Parameters<typeof getDirectiveValues>[1];
  if (getDirectiveValues(GraphQLSkipDirective, n, info.variableValues)?.['if'] === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, n, info.variableValues)?.['if'] === false) return false;
  return true;
}

/** The fields selected on `type`, through fragments whose condition `type` meets, honouring @skip/@include. */
function collectFields(sets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType, info: GraphQLResolveInfo, out: FieldNode[] = [], seen = new Set<string>()): FieldNode[] {
  const applies = (cond: string | undefined): boolean => cond === undefined || cond === type.name || type.getInterfaces().some((i) => i.name === cond);
  for (const set of sets) {
    for (const sel of set?.selections ?? []) {
      if (!included(sel, info)) continue;
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (applies(sel.typeCondition?.name.value)) collectFields([sel.selectionSet], type, info, out, seen);
      } else {
        const name = sel.name.value;
        const frag = info.fragments[name];
        if (frag && !seen.has(name) && applies(frag.typeCondition.name.value)) {
          seen.add(name);
          collectFields([frag.selectionSet], type, info, out, seen);
        }
      }
    }
  }
  return out;
}

/** The object type a field returns (lists and non-null unwrapped), or null for scalars, enums, interfaces. */
function objectTypeOf(type: GraphQLObjectType, field: string): GraphQLObjectType | null {
  const t = type.getFields()[field]?.type;
  const named = t ? getNamedType(t) : null;
  return named instanceof GraphQLObjectType ? named : null;
}

/** The selection sets below `nodes` on `type`, stepping through the wrapper field when there is one. */
function childSelections(nodes: readonly FieldNode[], type: GraphQLObjectType, via: string | undefined, info: GraphQLResolveInfo): { sets: (SelectionSetNode | undefined)[]; type: GraphQLObjectType } | null {
  if (!via) return { sets: nodes.map((n) => n.selectionSet), type };
  const inner = objectTypeOf(type, via);
  if (!inner) return null;
  const sets = collectFields(nodes.map((n) => n.selectionSet), type, info)
    .filter((f) => f.name.value === via)
    .map((f) => f.selectionSet);
  return { sets, type: inner };
}

function plansBelow(sets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType, info: GraphQLResolveInfo, depth: number): TreePlan[] {
  if (depth >= MAX_DEPTH) return [];
  const plans: TreePlan[] = [];
  for (const field of collectFields(sets, type, info)) {
    const entry = FIELD_EDGES[`${type.name}.${field.name.value}`];
    const target = objectTypeOf(type, field.name.value);
    if (!entry || !target || !isPrefetchable(entry.edge)) continue;
    const below = childSelections([field], target, entry.via, info);
    plans.push({ edge: entry.edge, children: below ? plansBelow(below.sets, below.type, info, depth + 1) : [] });
  }
  return mergePlans(plans);
}

/**
 * The tree to read for the relationship field `edge` that the resolver described by `info` is
 * resolving: the field and the small relationship fields selected below it.
 */
export function planFor(edge: EdgeName, info: GraphQLResolveInfo): TreePlan {
  const parent = info.parentType;
  const entry = FIELD_EDGES[`${parent.name}.${info.fieldName}`];
  const target = objectTypeOf(parent, info.fieldName);
  if (!entry || entry.edge !== edge || !target) return { edge, children: [] };
  const below = childSelections(info.fieldNodes, target, entry.via, info);
  return { edge, children: below ? plansBelow(below.sets, below.type, info, 1) : [] };
}
