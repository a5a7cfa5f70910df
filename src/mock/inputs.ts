/**
 * Shape checks of the request bodies and headers the mock accepts: each parser either returns a
 * typed, trimmed value or throws one `validation_failed` naming every bad field. State-dependent
 * checks (policy, uniqueness, seats) come later, in `workspace.ts`.
 */
import type {
  FlagValues,
  InvitationInput,
  PermissionGrants,
  RestrictionValues,
  RoleTemplateInput,
  UserPatch,
} from '../api/types.js';
import { MAX_DESCRIPTION_LENGTH, MAX_TEMPLATE_NAME_LENGTH } from '../api/rules.js';
import type { PresetConfig } from './presets.js';
import { fieldError, invalid } from './problems.js';
import {
  BodyReader,
  checkEmail,
  checkGrants,
  checkName,
  isBoolean,
  isFlagOrChoice,
} from './validate.js';

/** Reads the optional flag/restriction/permission parts shared by invitations and patches. */
function readAccess(
  config: PresetConfig,
  reader: BodyReader,
): {
  flags?: FlagValues;
  restrictions?: RestrictionValues;
  permissions?: PermissionGrants;
} {
  const flags = reader.record('flags', isBoolean, 'true or false');
  const restrictions = reader.record(
    'restrictions',
    isFlagOrChoice,
    'true, false or a choice value',
  );
  const permissions = reader.has('permissions')
    ? checkGrants(config, reader.body['permissions'], reader.errors)
    : undefined;
  return {
    ...(flags ? { flags } : {}),
    ...(restrictions ? { restrictions } : {}),
    ...(permissions ? { permissions } : {}),
  };
}

/** `POST /invitations` body. */
export function parseInvitation(config: PresetConfig, body: unknown): InvitationInput {
  const reader = BodyReader.of(body, [
    'email',
    'name',
    'role',
    'roleTemplateId',
    'flags',
    'restrictions',
    'permissions',
  ]);
  const email = reader.string('email', true);
  const name = reader.string('name');
  const role = reader.string('role', true);
  const roleTemplateId = reader.nullableString('roleTemplateId');
  const access = readAccess(config, reader);
  const input: InvitationInput = {
    email: email === undefined ? '' : checkEmail(email, reader.errors),
    role: role ?? '',
    ...access,
  };
  if (name !== undefined) input.name = checkName(name, reader.errors);
  if (roleTemplateId !== undefined) input.roleTemplateId = roleTemplateId;
  reader.done();
  return input;
}

/** `PATCH /users/{id}` body. */
export function parseUserPatch(config: PresetConfig, body: unknown): UserPatch {
  const reader = BodyReader.of(body, [
    'name',
    'email',
    'role',
    'status',
    'roleTemplateId',
    'flags',
    'restrictions',
    'permissions',
  ]);
  const patch: UserPatch = {};
  const name = reader.string('name');
  if (name !== undefined) patch.name = checkName(name, reader.errors);
  const email = reader.string('email');
  if (email !== undefined) patch.email = checkEmail(email, reader.errors);
  const role = reader.string('role');
  if (role !== undefined) patch.role = role;
  const status = reader.string('status');
  if (status === 'active' || status === 'suspended') patch.status = status;
  else if (status !== undefined)
    reader.errors.push(fieldError('status', 'invalid_choice', 'Must be "active" or "suspended".'));
  const roleTemplateId = reader.nullableString('roleTemplateId');
  if (roleTemplateId !== undefined) patch.roleTemplateId = roleTemplateId;
  Object.assign(patch, readAccess(config, reader));
  reader.done();
  return patch;
}

/** `POST /role-templates` body (`partial` for `PATCH`, where every field is optional). */
export function parseTemplate(
  config: PresetConfig,
  body: unknown,
  partial: boolean,
): Partial<RoleTemplateInput> {
  const reader = BodyReader.of(body, ['name', 'description', 'permissions']);
  const result: Partial<RoleTemplateInput> = {};
  const name = reader.string('name', !partial);
  if (name !== undefined) {
    result.name = checkName(name, reader.errors, 'name', false);
    if (result.name.length > MAX_TEMPLATE_NAME_LENGTH)
      reader.errors.push(
        fieldError('name', 'too_long', `At most ${MAX_TEMPLATE_NAME_LENGTH} characters.`),
      );
  }
  const description = reader.string('description');
  if (description !== undefined) {
    result.description = description.trim();
    if (result.description.length > MAX_DESCRIPTION_LENGTH)
      reader.errors.push(
        fieldError('description', 'too_long', `At most ${MAX_DESCRIPTION_LENGTH} characters.`),
      );
  }
  if (reader.has('permissions')) {
    const permissions = checkGrants(config, reader.body['permissions'], reader.errors);
    if (permissions) result.permissions = permissions;
  } else if (!partial)
    reader.errors.push(fieldError('permissions', 'required', '"permissions" is required.'));
  reader.done();
  return result;
}

/** `POST /mock/invitations/{token}/accept` body: the invitee's name, when they give one. */
export function parseAcceptance(body: unknown): { name?: string } {
  const reader = BodyReader.of(body, ['name']);
  const raw = reader.string('name');
  const name = raw === undefined ? undefined : checkName(raw, reader.errors, 'name', false);
  reader.done();
  return name === undefined ? {} : { name };
}

/** Highest seat limit `PATCH /mock/workspace` takes (as `--seat-limit`). */
const MAX_SEAT_LIMIT = 10_000_000;

/** `PATCH /mock/workspace` body: a plan of the preset's, a seat limit (null for none). */
export function parseWorkspacePatch(
  config: PresetConfig,
  body: unknown,
): { plan?: string; seatLimit?: number | null } {
  const reader = BodyReader.of(body, ['plan', 'seatLimit']);
  const result: { plan?: string; seatLimit?: number | null } = {};
  const plan = reader.string('plan');
  if (plan !== undefined) {
    if (config.plans.includes(plan)) result.plan = plan;
    else
      reader.errors.push(
        fieldError('plan', 'invalid_choice', `Must be one of: ${config.plans.join(', ')}.`),
      );
  }
  if (reader.has('seatLimit')) {
    const limit = reader.body['seatLimit'];
    if (
      limit === null ||
      (Number.isSafeInteger(limit) && (limit as number) >= 0 && (limit as number) <= MAX_SEAT_LIMIT)
    )
      result.seatLimit = limit as number | null;
    else
      reader.errors.push(
        fieldError(
          'seatLimit',
          typeof limit === 'number' ? 'out_of_range' : 'invalid_type',
          `Must be a whole number from 0 to ${MAX_SEAT_LIMIT}, or null for no limit.`,
        ),
      );
  }
  reader.done();
  return result;
}

/** A parsed `If-Match`: the versions that match, or `*` for any. */
export type IfMatch = readonly number[] | '*';

/**
 * Reads `If-Match`: `*`, or a list of entity tags compared strongly (RFC 9110 §13.1.1): only a
 * strong tag carrying exactly a version the mock issues (`"7"`, no leading zeros) can match; a
 * weak `W/"7"` or a `"07"` is a well-formed tag that never matches, so the request gets 412.
 * Missing or malformed → `validation_failed` on the field `If-Match`.
 */
export function parseIfMatch(header: string | null): IfMatch {
  if (header === null || header.trim() === '') {
    throw invalid([
      fieldError(
        'If-Match',
        'required',
        'Send the version you edited in If-Match (the ETag you read).',
      ),
    ]);
  }
  const value = header.trim();
  if (value === '*') return '*';
  const tags = value.split(',').map((tag) => tag.trim());
  // entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text
  if (!tags.every((tag) => /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/.test(tag)))
    throw invalid([fieldError('If-Match', 'invalid', 'If-Match must be an ETag such as "3".')]);
  return tags.flatMap((tag) => {
    const version = /^"(0|[1-9]\d{0,14})"$/.exec(tag)?.[1];
    return version === undefined ? [] : [Number(version)];
  });
}

/** Reads `Idempotency-Key`: 1–255 visible ASCII characters, or absent. */
export function parseIdempotencyKey(header: string | null): string | undefined {
  if (header === null) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw invalid([
      fieldError(
        'Idempotency-Key',
        'invalid',
        'Use 1 to 255 visible ASCII characters (e.g. a UUID).',
      ),
    ]);
  }
  return header;
}

/** JSON with object keys sorted, so equal bodies compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
