// A small JSON Schema (2020-12 subset) checker, enough to hold real API responses against
// the served OpenAPI document: $ref, type (also lists), enum, const, properties, required,
// additionalProperties, items, min/maxLength, minimum/maximum, pattern, allOf/anyOf/oneOf,
// format date-time. Returns a list of "path: problem" strings (empty = valid).

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function resolveRef(root, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref supported: ${ref}`);
  let node = root;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(root, schema, value, path = '$', out = []) {
  if (schema === true || schema === undefined) return out;
  if (schema === false) {
    out.push(`${path}: not allowed`);
    return out;
  }
  if (schema.$ref) validate(root, resolveRef(root, schema.$ref), value, path, out);
  const t = typeOf(value);
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((x) => x === t || (x === 'number' && t === 'integer'));
    if (!ok) {
      out.push(`${path}: type ${t}, schema wants ${types.join('|')}`);
      return out;
    }
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(`${path}: ${JSON.stringify(value)} not in enum ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    out.push(`${path}: not const ${JSON.stringify(schema.const)}`);
  }
  if (t === 'string') {
    const len = [...value].length;
    if (schema.maxLength !== undefined && len > schema.maxLength) out.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.minLength !== undefined && len < schema.minLength) out.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) out.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !TIME_RE.test(value)) out.push(`${path}: not a date-time`);
  }
  if (t === 'integer' || t === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: above ${schema.maximum}`);
  }
  if (t === 'object') {
    for (const r of schema.required || []) if (!(r in value)) out.push(`${path}: required property ${r} missing`);
    const props = schema.properties || {};
    for (const [k, v] of Object.entries(value)) {
      if (k in props) validate(root, props[k], v, `${path}.${k}`, out);
      else if (schema.additionalProperties !== undefined) validate(root, schema.additionalProperties, v, `${path}.${k}`, out);
    }
  }
  if (t === 'array' && schema.items) value.forEach((v, i) => validate(root, schema.items, v, `${path}[${i}]`, out));
  for (const s of schema.allOf || []) validate(root, s, value, path, out);
  if (schema.anyOf && !schema.anyOf.some((s) => validate(root, s, value, path, []).length === 0)) {
    out.push(`${path}: matches none of anyOf`);
  }
  if (schema.oneOf && schema.oneOf.filter((s) => validate(root, s, value, path, []).length === 0).length !== 1) {
    out.push(`${path}: does not match exactly one of oneOf`);
  }
  return out;
}
