/**
 * The contract as openapi.yaml states it, turned into checks on real responses: is the status
 * documented for the operation, is the content type one it lists, do the body and the required
 * headers validate against its schemas.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under tsx its default export arrives either as the function or as a
// namespace holding it, depending on the loader, so take whichever is callable.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

const DOCUMENT_ID = 'roster-openapi';

/** What a response looked like, as far as the contract cares. */
export interface ObservedResponse {
  status: number;
  headers: Headers;
  /** The media type without parameters, lower-cased (`application/json`). */
  mediaType: string;
  /** The parsed JSON body, the text body, or undefined when there is none. */
  body: unknown;
}

interface HeaderSpec {
  required?: boolean;
  schema?: { type?: string };
}

interface ResponseSpec {
  headers?: Record<string, HeaderSpec | { $ref: string }>;
  content?: Record<string, unknown>;
}

type JsonObject = Record<string, unknown>;

/** Escapes one JSON-pointer segment. */
function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The loaded contract, with validators compiled on first use. */
export class Contract {
  private readonly doc: JsonObject;
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(path = fileURLToPath(new URL('../../openapi.yaml', import.meta.url))) {
    this.doc = parse(readFileSync(path, 'utf8')) as JsonObject;
    // Not strict: the document carries OpenAPI keywords (`example`) that JSON Schema does not know.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.doc, DOCUMENT_ID);
  }

  /** Validates `value` against the schema at a JSON pointer of the document; returns the problems. */
  validatePointer(pointer: string, value: unknown): string[] {
    let validate = this.validators.get(pointer);
    if (!validate) {
      const found = this.ajv.getSchema(`${DOCUMENT_ID}#${pointer}`);
      if (!found) return [`openapi.yaml has no schema at ${pointer}`];
      validate = found;
      this.validators.set(pointer, validate);
    }
    if (validate(value)) return [];
    // Array indexes become `*`, so one fault repeated over a list reads as one line.
    const messages = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '(body)'} ${e.message ?? 'is invalid'}`,
    );
    return [...new Set(messages)];
  }

  /** Validates against a named component schema, e.g. `LiveEvent`. */
  validateSchema(name: string, value: unknown): string[] {
    return this.validatePointer(`/components/schemas/${pointerSegment(name)}`, value);
  }

  /**
   * Checks one response of `method pathTemplate` against the document: status documented,
   * content type listed, body valid, required headers present and valid, and for problems that
   * `status` in the body matches the HTTP status.
   */
  checkResponse(method: string, pathTemplate: string, res: ObservedResponse): string[] {
    const where = `${method.toUpperCase()} ${pathTemplate} → ${res.status}`;
    const opPointer = `/paths/${pointerSegment(pathTemplate)}/${method.toLowerCase()}`;
    const operation = this.resolve(opPointer) as JsonObject | undefined;
    if (!operation) return [`${method.toUpperCase()} ${pathTemplate} is not in openapi.yaml`];
    const responses = operation['responses'] as Record<string, unknown>;
    const statusKey = String(res.status);
    if (!(statusKey in responses)) return [`${where}: status not documented for this operation`];
    let respPointer = `${opPointer}/responses/${statusKey}`;
    const ref = (responses[statusKey] as { $ref?: string }).$ref;
    if (ref) respPointer = ref.slice(1);
    const spec = this.resolve(respPointer) as ResponseSpec;
    return [
      ...this.checkHeaders(where, spec, res.headers),
      ...this.checkContent(where, respPointer, spec, res),
    ];
  }

  private checkHeaders(where: string, spec: ResponseSpec, headers: Headers): string[] {
    const issues: string[] = [];
    for (const [name, raw] of Object.entries(spec.headers ?? {})) {
      const header = ('$ref' in raw ? this.resolve(raw.$ref.slice(1)) : raw) as HeaderSpec;
      const value = headers.get(name);
      if (value === null) {
        if (header.required) issues.push(`${where}: missing required header ${name}`);
        continue;
      }
      const typed = header.schema?.type === 'integer' ? Number(value) : value;
      const problems = this.ajv.validate(header.schema ?? {}, typed)
        ? []
        : [`${where}: header ${name}: ${JSON.stringify(value)} ${this.ajv.errorsText()}`];
      issues.push(...problems);
    }
    return issues;
  }

  private checkContent(
    where: string,
    respPointer: string,
    spec: ResponseSpec,
    res: ObservedResponse,
  ): string[] {
    const content = spec.content;
    if (!content) {
      return res.body === undefined || res.body === ''
        ? []
        : [`${where}: expected no body, got ${res.mediaType || 'one'}`];
    }
    if (!(res.mediaType in content)) {
      return [
        `${where}: content type "${res.mediaType}" is not one of ${Object.keys(content).join(', ')}`,
      ];
    }
    if (res.mediaType === 'text/event-stream') return [];
    const schemaPointer = `${respPointer}/content/${pointerSegment(res.mediaType)}/schema`;
    const issues = this.validatePointer(schemaPointer, res.body).map((m) => `${where}: ${m}`);
    if (res.mediaType === 'application/problem+json') {
      const status = (res.body as { status?: unknown } | null)?.status;
      if (status !== res.status) {
        issues.push(`${where}: problem body says status ${String(status)}`);
      }
    }
    return issues;
  }

  private resolve(pointer: string): unknown {
    let node: unknown = this.doc;
    for (const raw of pointer.split('/').slice(1)) {
      const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as JsonObject)[key];
    }
    return node;
  }
}
