/**
 * The two narrowings TypeScript cannot make on its own, written once each: whether a string is
 * one of a constant list's members, and an object's own keys typed as its keys.
 */

/** Whether `value` is one of `list`'s members (a type guard, so the value is typed as one). */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  // includes() on a readonly T[] accepts only a T; any string may be asked about.
  return (list as readonly string[]).includes(value);
}

/** An object's own keys, typed as its keys: for objects built from a known shape (not arbitrary input). */
export function keysOf<T extends object>(o: T): (keyof T & string)[] {
  // Object.keys says string[] because an object may hold more keys than its type names.
  return Object.keys(o) as (keyof T & string)[];
}
