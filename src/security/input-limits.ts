/**
 * Every argument value bounded and coded, checked against the schema before anything executes.
 *
 * One plugin instead of a check in each resolver: it walks the operation with the schema's types,
 * so every String/ID argument (at any depth, in lists and input objects) and every list has a
 * bound, including fields added later, and the schema files stay free of these checks. What is
 * too long answers BAD_USER_INPUT naming the argument and the limit, before Neo4j is touched (a
 * 100 KB search string would otherwise reach Lucene and fail there).
 */
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type OperationDefinitionNode,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { userError, withExtensions } from '../errors.js';

/** The limits, in one place. Lengths are in UTF-16 code units (what String.length counts). */
export const INPUT_LIMITS = {
  /** Any String or ID argument not named below: names, slugs, ids, filters. */
  maxStringLength: 200,
  /** Any list argument not named below. */
  maxListLength: 100,
  /**
   * Relay cursors: opaque base64 the server handed out, never longer than this. A root list's
   * keyset cursor carries its sort key (at most 100 characters of name or title, then the id).
   */
  maxCursorLength: 600,
  /** Overrides by `Type.field.argument` (or `Input.field` for input object fields). */
  strings: { 'Query.search.text': 200 } as Readonly<Record<string, number>>,
  lists: { 'Query.nodes.ids': 100, 'Query.neighborhood.ids': 50 } as Readonly<Record<string, number>>,
} as const;

const CURSOR_ARGS = new Set(['after', 'before']);
const OFFSET_PREFIX = 'OffsetConnection:';

/**
 * Pothos' offset cursors are base64 of `OffsetConnection:<n>`; a forged one with a negative or
 * non-integer n would reach Cypher's SKIP and fail there. Other cursor formats pass untouched.
 */
function offsetCursorIsSane(cursor: string): boolean {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(OFFSET_PREFIX)) return true;
  return /^\d{1,9}$/.test(text.slice(OFFSET_PREFIX.length));
}
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

interface Where {
  /** Key for the limit tables, e.g. Query.search.text or StudyFilter.text. */
  key: string;
  /** For messages, e.g. `search(text:)` or `studies(filter.text)`. */
  label: string;
  cursor: boolean;
}

function tooLong(where: Where, what: string, got: number, max: number): GraphQLError {
  return userError(`${where.label}: ${what} is too long (${got}), at most ${max}`, 'BAD_USER_INPUT', { argument: where.label, max });
}

function checkValue(value: unknown, type: GraphQLInputType, where: Where, errors: GraphQLError[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    checkValue(value, type.ofType, where, errors);
    return;
  }
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    const max = INPUT_LIMITS.lists[where.key] ?? INPUT_LIMITS.maxListLength;
    if (items.length > max) return void errors.push(tooLong(where, 'list', items.length, max));
    // A list input type's item type is an input type.
    items.forEach((item, i) => checkValue(item, type.ofType as GraphQLInputType, { ...where, label: `${where.label}[${i}]` }, errors));
    return;
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    for (const field of Object.values(type.getFields())) {
      const v: unknown = Reflect.get(value, field.name);
      checkValue(v, field.type, { key: `${type.name}.${field.name}`, label: `${where.label}.${field.name}`, cursor: false }, errors);
    }
    return;
  }
  if (isScalarType(type) && typeof value === 'string') {
    if (where.cursor) {
      if (value.length > INPUT_LIMITS.maxCursorLength || !BASE64.test(value) || !offsetCursorIsSane(value)) {
        errors.push(userError(`${where.label}: not a cursor this server handed out`, 'BAD_USER_INPUT', { argument: where.label }));
      }
      return;
    }
    const max = INPUT_LIMITS.strings[where.key] ?? INPUT_LIMITS.maxStringLength;
    if (value.length > max) errors.push(tooLong(where, 'text', value.length, max));
  }
}

/** Every limit the operation's arguments break (empty when all hold). */
export function checkArgumentLimits(schema: GraphQLSchema, document: DocumentNode, inputs: Record<string, unknown>, operationName?: string | null): GraphQLError[] {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && (!operationName || d.name?.value === operationName));
  if (!operation) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  // Variables that do not coerce (wrong type, unknown enum value, Int out of range): graphql-js
  // says so precisely but without a code; they are the client's input, so BAD_USER_INPUT.
  if (coerced.errors) return coerced.errors.map((e) => withExtensions(e, { code: 'BAD_USER_INPUT' }));
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!def || !parent) return;
        for (const argNode of node.arguments ?? []) {
          const arg = def.args.find((a) => a.name === argNode.name.value);
          if (!arg) continue;
          const value = valueFromAST(argNode.value, arg.type, coerced.coerced);
          const cursor = CURSOR_ARGS.has(arg.name) && getNamedType(arg.type).name === 'String';
          checkValue(value, arg.type, { key: `${parent.name}.${def.name}.${arg.name}`, label: `${def.name}(${arg.name})`, cursor }, errors);
        }
      },
    }),
  );
  return errors;
}

/**
 * An error about the request itself that carries no code: Pothos' cursor decoding
 * (PothosValidationError) or its global-ID lookup ("X has not been implemented" for a forged
 * type), both GraphQL-level. Errors with any other cause are bugs and stay masked as internal.
 */
function isUncodedInputError(e: GraphQLError): boolean {
  if (e.extensions?.['code'] !== undefined) return false;
  const cause = e.originalError;
  return cause === undefined || cause === null || cause.name === 'PothosValidationError' || cause.name === 'GraphQLError';
}

/**
 * The plugin: limits before execution, and errors that only a bad argument can cause (a cursor
 * that decodes to nothing the pager knows) coded BAD_USER_INPUT instead of masked as internal.
 */
export function useInputLimits(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      // yoga has coerced the variables into a plain object by the time execution starts.
      const errors = checkArgumentLimits(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName);
      if (errors.length > 0) {
        setResultAndStopExecution({ errors });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors?.some(isUncodedInputError)) return;
          setResult({
            ...result,
            errors: result.errors.map((e) =>
              e.originalError?.name === 'PothosValidationError'
                ? withExtensions(new GraphQLError(`not a cursor this server handed out (${e.message})`, { path: e.path ?? null, nodes: e.nodes ?? null }), {
                    code: 'BAD_USER_INPUT',
                  })
                : isUncodedInputError(e)
                  ? withExtensions(e, { code: 'BAD_USER_INPUT' })
                  : e,
            ),
          });
        },
      };
    },
  };
}
