/**
 * Seeded, reproducible data for a preset: the personas, about 60 colleagues with names in several
 * scripts, every role and status, some online, varied activity (minutes to 400 days ago, and
 * some who never signed in), pending invitations (one expired), teams and assigned contacts, and
 * optionally many generated users for scale.
 */
import type { PermissionGrants, UserStatus } from '../api/types.js';
import type { PersistedState, StoredTemplate, StoredUser } from './model.js';
import { invitationEmail } from './outbox.js';
import type { StoredEmail } from './outbox.js';
import type { PresetConfig } from './presets.js';
import { createRandom } from './prng.js';
import type { Random } from './prng.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How long an invitation stays valid. */
export const INVITE_TTL_MS = 7 * DAY;

/** [display name, ASCII email local part] of the hand-picked colleagues. */
const PEOPLE: [string, string][] = [
  ['Zoë Lefèvre', 'zoe.lefevre'],
  ['Björn Ångström', 'bjorn.angstrom'],
  ['Łukasz Wiśniewski', 'lukasz.wisniewski'],
  ['Chloé Dubois', 'chloe.dubois'],
  ['João Gonçalves', 'joao.goncalves'],
  ['Ines Šimić', 'ines.simic'],
  ['Søren Kierkegaard', 'soren.k'],
  ['Dmitri Ivanov', 'dmitri.ivanov'],
  ['Анна Смирнова', 'anna.smirnova'],
  ['Игорь Кузнецов', 'igor.kuznetsov'],
  ['Мария Попова', 'maria.popova'],
  ['Олександр Шевченко', 'oleksandr.shevchenko'],
  ['محمد الأحمد', 'mohammed.alahmad'],
  ['فاطمة الزهراء', 'fatima.zahra'],
  ['يوسف حداد', 'youssef.haddad'],
  ['ليلى منصور', 'layla.mansour'],
  ['王伟', 'wang.wei'],
  ['李娜', 'li.na'],
  ['张敏', 'zhang.min'],
  ['陈杰', 'chen.jie'],
  ['佐藤健', 'sato.ken'],
  ['鈴木花子', 'suzuki.hanako'],
  ['김민준', 'kim.minjun'],
  ['이서연', 'lee.seoyeon'],
  ['प्रिया शर्मा', 'priya.sharma'],
  ['अर्जुन पटेल', 'arjun.patel'],
  ['अनन्या गुप्ता', 'ananya.gupta'],
  ['Νίκος Παπαδόπουλος', 'nikos.papadopoulos'],
  ['Ελένη Γεωργίου', 'eleni.georgiou'],
  ['דוד כהן', 'david.cohen'],
  ['Nguyễn Thị Hoa', 'nguyen.hoa'],
  ['Trần Văn Nam', 'tran.nam'],
  ['Ayşe Yılmaz', 'ayse.yilmaz'],
  ['Mehmet Öztürk', 'mehmet.ozturk'],
  ['Chidi Okafor', 'chidi.okafor'],
  ['Amara Nwosu', 'amara.nwosu'],
  ['Liam O’Brien', 'liam.obrien'],
  ['Siobhán Murphy', 'siobhan.murphy'],
  ['Emma Johansson', 'emma.johansson'],
  ['Noah Williams', 'noah.williams'],
  ['Olivia Brown', 'olivia.brown'],
  ['Mateo García', 'mateo.garcia'],
  ['Valentina Rossi', 'valentina.rossi'],
  ['Lorenzo Bianchi', 'lorenzo.bianchi'],
  ['Hana Novák', 'hana.novak'],
  ['Tomás Horváth', 'tomas.horvath'],
  ['Aaliyah Johnson', 'aaliyah.johnson'],
  ['Kofi Boateng', 'kofi.boateng'],
  ['Ngozi Adeyemi', 'ngozi.adeyemi'],
  ['Thabo Nkosi', 'thabo.nkosi'],
  ['Mei Lin', 'mei.lin'],
  ['Rafael Souza', 'rafael.souza'],
  ['Camille Laurent', 'camille.laurent'],
  ['Elif Demir', 'elif.demir'],
  ['Sakura Yamamoto', 'sakura.yamamoto'],
  ['Ravi Iyer', 'ravi.iyer'],
  ['Fatou Diop', 'fatou.diop'],
  ['Marek Dvořák', 'marek.dvorak'],
  ['Ingrid Halvorsen', 'ingrid.halvorsen'],
  ['Pedro Alves', 'pedro.alves'],
  ['Yara Haddad', 'yara.haddad'],
  ['Oskar Nieminen', 'oskar.nieminen'],
];

const FIRST = [
  'Ana',
  'Ben',
  'Chen',
  'Dara',
  'Emil',
  'Farah',
  'Goran',
  'Hiro',
  'Ivana',
  'Jamal',
  'Kenji',
  'Lena',
  'Malik',
  'Nadia',
  'Omar',
  'Petra',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zofia',
  'Éva',
  'Ørjan',
  'Алексей',
  'Светлана',
  'أحمد',
  'سارة',
  '明',
  '美咲',
  'राहुल',
  'सीता',
];
const LAST = [
  'Abe',
  'Berg',
  'Costa',
  'Diaz',
  'Eriksen',
  'Fischer',
  'Gomez',
  'Hansen',
  'Ito',
  'Jovanović',
  'Kowalski',
  'Lopez',
  'Meyer',
  'Nakamura',
  'Okoro',
  'Park',
  'Quinn',
  'Reyes',
  'Singh',
  'Tanaka',
  'Ueda',
  'Vargas',
  'Weber',
  'Xu',
  'Yamada',
  'Zhang',
  'Ødegaard',
  'Иванова',
  'Соколов',
  'الحسن',
  '田中',
  'वर्मा',
];

/** What the state needs from the options to seed. */
interface SeedOptions {
  seed: number;
  /** Extra generated users. */
  users: number;
  seatLimit: number | null | undefined;
  now: number;
}

/** Builds the initial state of a preset. */
export function seedState(config: PresetConfig, options: SeedOptions): PersistedState {
  const random = createRandom(options.seed);
  // Its own stream, so that choosing who never signed in leaves the rest of the data as it was.
  const dormancy = createRandom(options.seed ^ 0x1d1e);
  /** Some active colleagues never signed in (an account made for them, unused so far). */
  const maybeNeverSignedIn = (user: StoredUser) => {
    if (user.status === 'active' && !user.online && dormancy.chance(NEVER_SIGNED_IN))
      Object.assign(user, { lastActiveAt: null, lastLoginAt: null });
  };
  const domain = config.personas[0]?.email.split('@')[1] ?? 'example.test';
  const iso = (ms: number) => new Date(ms).toISOString();
  const users: StoredUser[] = [];
  const personas: Record<string, string> = {};
  const templates = config.features.roleTemplates ? seedTemplates(iso(options.now - 90 * DAY)) : [];
  let counter = 0;

  const make = (
    name: string,
    email: string,
    role: string,
    status: UserStatus,
    extra: Partial<StoredUser> = {},
  ): StoredUser => {
    counter++;
    const invitedAt = options.now - random.int(1, 700) * DAY;
    const online = config.features.presence && status === 'active' && random.chance(0.25);
    const lastActive =
      status === 'active' || status === 'suspended'
        ? options.now - activityAge(random, online)
        : null;
    const crm = config.features.flags.includes('crmAccess');
    const roleDef = config.roles.find((r) => r.id === role);
    return {
      id: `u_${counter}`,
      email,
      name,
      avatarUrl: random.chance(0.3) ? silhouette((counter * 47) % 360) : null,
      role,
      roleTemplateId: null,
      status,
      flags: crm
        ? { crmAccess: roleDef?.forcedFlags.includes('crmAccess') || random.chance(0.6) }
        : {},
      restrictions: defaultRestrictions(config, role),
      permissions: {},
      team: role === config.roles[0]?.id ? null : random.pick(config.teams),
      assignedContacts: status === 'invited' ? 0 : random.int(0, 140),
      online,
      lastActiveAt: lastActive === null ? null : iso(lastActive),
      lastLoginAt: lastActive === null ? null : iso(lastActive - random.int(0, 3 * DAY)),
      invitedAt: iso(invitedAt),
      inviteExpiresAt: status === 'invited' ? iso(invitedAt + INVITE_TTL_MS) : null,
      createdAt: iso(invitedAt),
      updatedAt: iso(invitedAt),
      version: 1,
      ...extra,
    };
  };

  for (const persona of config.personas) {
    const user = make(persona.name, persona.email, persona.role, 'active', {
      team: persona.team,
      restrictions: { ...defaultRestrictions(config, persona.role), ...persona.restrictions },
      permissions: config.features.permissions ? (persona.permissions ?? {}) : {},
      ...(config.features.flags.includes('crmAccess') ? { flags: { crmAccess: true } } : {}),
    });
    personas[persona.token] = user.id;
    users.push(user);
  }

  const roleIds = config.roles.map((role) => role.id);
  PEOPLE.forEach(([name, local], index) => {
    const status = statusFor(config, index);
    // The top role stays rare; the rest spread over the other roles.
    const role =
      index % 15 === 0
        ? roleIds[0]!
        : (roleIds[1 + (index % (roleIds.length - 1 || 1))] ?? roleIds[0]!);
    const user = make(name, `${local}@${domain}`, role, status);
    if (status === 'invited') {
      // Pending invitations: recent ones, and one that has already expired.
      const invitedAt =
        options.now -
        (index === 3 ? 10 * DAY : random.int(1, 5) * DAY) -
        random.int(0, 600) * MINUTE;
      Object.assign(user, {
        invitedAt: iso(invitedAt),
        createdAt: iso(invitedAt),
        updatedAt: iso(invitedAt),
        inviteExpiresAt: iso(invitedAt + INVITE_TTL_MS),
      });
    }
    if (config.features.permissions && role !== roleIds[0]) {
      user.permissions = random.chance(0.5)
        ? { conversations: ['view', 'create', 'edit'] }
        : { analytics: ['view'] };
      if (templates.length > 0 && random.chance(0.4))
        user.roleTemplateId = random.pick(templates).id;
    }
    maybeNeverSignedIn(user);
    users.push(user);
  });

  // The emails of the colleagues' pending invitations, sent by the first persona (generated
  // users' invitations were sent before the outbox began). Their tokens are random, as every
  // link's is: the only part of the seed that differs from one start to the next.
  const inviter = users[0];
  const outbox: StoredEmail[] = users
    .filter((user) => user.status === 'invited')
    .map((user) => invitationEmail('invitation', user, inviter?.name ?? null))
    // Kept in the order sent: the outbox reads newest first from its end.
    .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));

  for (let n = 0; n < options.users; n++) {
    const name = `${random.pick(FIRST)} ${random.pick(LAST)}`;
    const status: UserStatus = random.chance(0.05)
      ? 'invited'
      : config.features.suspension && random.chance(0.03)
        ? 'suspended'
        : 'active';
    const role = random.chance(0.02)
      ? roleIds[0]!
      : random.pick(roleIds.slice(1).length > 0 ? roleIds.slice(1) : roleIds);
    const user = make(name, `user${n + 1}@${domain}`, role, status);
    maybeNeverSignedIn(user);
    users.push(user);
  }

  const seeded = users.length;
  const seatLimit =
    options.seatLimit !== undefined
      ? options.seatLimit
      : config.seatLimit === null
        ? null
        : Math.max(config.seatLimit, seeded + 10);
  return {
    format: 'roster-mock',
    version: 1,
    preset: config.name,
    seatLimit,
    personas,
    users,
    templates,
    idempotency: [],
    counters: { user: counter, template: templates.length },
    outbox,
  };
}

/** Every 12th colleague is pending an invitation; every 9th (when suspension exists) suspended. */
function statusFor(config: PresetConfig, index: number): UserStatus {
  if (index % 12 === 3) return 'invited';
  if (config.features.suspension && index % 9 === 5) return 'suspended';
  return 'active';
}

/** Share of active colleagues (not online) who never signed in. */
const NEVER_SIGNED_IN = 0.08;

/**
 * Milliseconds since last activity: minutes for people online; otherwise a quarter each within
 * the hour, the day, the month, and 30 to 400 days ago (accounts the inactivity filter finds).
 */
function activityAge(random: Random, online: boolean): number {
  if (online) return random.int(0, 5) * MINUTE;
  return random.pick([
    random.int(10, 59) * MINUTE,
    random.int(1, 23) * 60 * MINUTE,
    random.int(1, 29) * DAY,
    random.int(30, 400) * DAY,
  ]);
}

/** Default values of the restrictions the role declares (none when the preset has no restrictions). */
function defaultRestrictions(
  config: PresetConfig,
  roleId: string,
): Record<string, boolean | string> {
  if (!config.features.restrictions) return {};
  const role = config.roles.find((r) => r.id === roleId);
  return Object.fromEntries(
    (role?.restrictions ?? []).map((definition) => [definition.id, definition.default]),
  );
}

function seedTemplates(at: string): StoredTemplate[] {
  const template = (
    n: number,
    name: string,
    description: string,
    permissions: PermissionGrants,
  ): StoredTemplate => ({
    id: `tpl_${n}`,
    name,
    description,
    permissions,
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  return [
    template(1, 'Support agent', 'Works conversations end to end.', {
      conversations: ['view', 'create', 'edit'],
    }),
    template(2, 'Analyst', 'Reads dashboards and reports.', {
      analytics: ['view'],
      experiments: ['view'],
    }),
    template(3, 'Integrations lead', 'Connects and maintains integrations.', {
      integrations: ['view', 'create', 'edit', 'delete', 'manage'],
      settings: ['view'],
    }),
  ];
}

/**
 * A picture for seeded users: a silhouette on a coloured square, as an inline SVG `data:` URL,
 * so the demo shows avatar images offline and under a strict CSP (`img-src 'self' data:`).
 */
function silhouette(hue: number): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">` +
    `<rect width="40" height="40" fill="hsl(${hue} 45% 38%)"/>` +
    `<circle cx="20" cy="16" r="7" fill="hsl(${hue} 60% 88%)"/>` +
    `<path d="M6 40a14 14 0 0 1 28 0z" fill="hsl(${hue} 60% 88%)"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
