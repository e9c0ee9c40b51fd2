/** The explorer's only way to the data: the public GraphQL API at /graphql. */
import type { EntityType, EvidenceReport, Neighborhood, NodeDetails, SearchHit } from './model.js';

export type ApiErrorKind = 'graphql' | 'http' | 'network';

/** A failed call, with what a person needs to know: the API's message and its extensions.code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly code: string | undefined,
  ) {
    super(message);
  }

  /** One line for the error area, e.g. "API error (BAD_USER_INPUT): depth must be …". */
  describe(): string {
    if (this.kind === 'network') return `Network error: ${this.message}`;
    if (this.kind === 'http') return `Server error: ${this.message}`;
    return `API error${this.code ? ` (${this.code})` : ''}: ${this.message}`;
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

export const ENDPOINT = '/graphql';

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export async function gql<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(`could not reach the API (${err instanceof Error ? err.message : String(err)})`, 'network', undefined);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(`${res.status} ${res.statusText || ''} — the answer was not JSON`.trim(), 'http', undefined);
  }
  const errors = body.errors ?? [];
  if (errors.length > 0) {
    const first = errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    throw new ApiError(errors.map((e) => e.message).join('; '), 'graphql', code);
  }
  if (!res.ok) throw new ApiError(`${res.status} ${res.statusText}`, 'http', undefined);
  if (body.data === undefined || body.data === null) throw new ApiError('the API answered without data', 'graphql', undefined);
  return body.data;
}

const SEARCH = /* GraphQL */ `
  query ExplorerSearch($text: String!, $first: Int) {
    search(text: $text, first: $first) { score type id slug label }
  }
`;

export async function search(text: string, signal?: AbortSignal, first = 12): Promise<SearchHit[]> {
  return (await gql<{ search: SearchHit[] }>(SEARCH, { text, first }, signal)).search;
}

const NEIGHBORHOOD = /* GraphQL */ `
  query ExplorerNeighborhood($ids: [ID!]!, $depth: Int, $limit: Int, $types: [EntityType!]) {
    neighborhood(ids: $ids, depth: $depth, limit: $limit, types: $types) {
      nodes { id slug type label properties { key value } }
      edges { id source target type label }
      truncated
    }
  }
`;

export interface NeighborhoodArgs {
  ids: string[];
  depth?: number;
  limit?: number;
  types?: EntityType[];
}

export async function neighborhood(args: NeighborhoodArgs, signal?: AbortSignal): Promise<Neighborhood> {
  return (await gql<{ neighborhood: Neighborhood }>(NEIGHBORHOOD, { ...args }, signal)).neighborhood;
}

const SOURCE_FIELDS = 'id slug kind secondary title publisher published url links';
/** The quote behind a figure, with its source's canonical link first (so a reviewer lands on the record). */
const QUOTE_FIELDS = `quote { text sourceSlug source { id slug kind secondary title publisher published canonicalLink links } }`;

/** Per type, the fields the details panel shows (one small query per type keeps within the token limit). */
const DETAIL_FIELDS: Record<EntityType, string> = {
  Study: `shortName title year published journal kind phase design enrolled analysed citation doi pmid pmcid links summary omittedFacts sources { ${SOURCE_FIELDS} }`,
  Trial: `name title nctId phase sponsor registryUrl otherIds sources { ${SOURCE_FIELDS} }`,
  Institution: `name city country aliases sources { ${SOURCE_FIELDS} }`,
  Investigator: `name title aliases sources { ${SOURCE_FIELDS} }`,
  Disease: `name stage setting aliases`,
  Therapy: `name kind description aliases`,
  Arm: `name role n schedule description ${QUOTE_FIELDS} sources { ${SOURCE_FIELDS} }`,
  Outcome: `status statusReason measure value unit ciLow ciHigh ciNote hr hrCiLow hrCiHigh p population timepoint note secondaryOnly ${QUOTE_FIELDS} sources { ${SOURCE_FIELDS} }`,
  Biomarker: `name kind description aliases`,
  Finding: `status statusReason statement type level direction significance biomarkerState contrast schedule patients exploratory therapyInteraction ${QUOTE_FIELDS} sources { ${SOURCE_FIELDS} }`,
  Source: `kind title publisher published register doi pmid nctId canonicalLink links readAt { url kind register note } primary secondary note`,
};

function nodeQuery(type: EntityType): string {
  return `query ExplorerNode($id: ID!) { node(id: $id) { __typename id ... on ${type} { slug ${DETAIL_FIELDS[type]} } } }`;
}

export async function nodeDetails(id: string, type: EntityType, signal?: AbortSignal): Promise<NodeDetails> {
  const data = await gql<{ node: NodeDetails | null }>(nodeQuery(type), { id }, signal);
  if (!data.node) throw new ApiError(`node "${id}" does not exist`, 'graphql', 'NOT_FOUND');
  return data.node;
}

const EVIDENCE = /* GraphQL */ `
  query ExplorerBiomarkerEvidence {
    biomarkerEvidence {
      rule
      ranking {
        rank verdict score patients bestLevel
        biomarker { id name slug }
        supporting { id type statement biomarkerState schedule level study { id shortName } sources { id slug kind secondary title publisher published links } }
        contradicting { id type statement biomarkerState schedule level study { id shortName } sources { id slug kind secondary title publisher published links } }
        otherFindings { id type statement biomarkerState level study { id shortName } }
        studies { id shortName year institutions { name } }
        sources { id slug kind secondary title publisher published links }
      }
    }
  }
`;

export async function biomarkerEvidence(signal?: AbortSignal): Promise<EvidenceReport> {
  return (await gql<{ biomarkerEvidence: EvidenceReport }>(EVIDENCE, {}, signal)).biomarkerEvidence;
}

/** Every document the explorer can send: `npm run trusted-documents` puts them in the production manifest. */
export function explorerDocuments(): string[] {
  return [SEARCH, NEIGHBORHOOD, EVIDENCE, ...(Object.keys(DETAIL_FIELDS) as EntityType[]).map(nodeQuery)];
}
