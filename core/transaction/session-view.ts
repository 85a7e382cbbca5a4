/**
 * Projects a transaction snapshot onto the view the renderer may see (core/contract/transaction-view.ts):
 * the step, the merged form's relevant fields with personal values masked, the materials plan, what each
 * department receives, and the events the step accepts. Pure: the caller passes the time and the snapshot.
 */
import QRCode from 'qrcode';
import type { Bundle, Catalog, Field, Item } from '../../kiosk-config/catalog-schema.ts';
import type { ApplicantView, BundleView, FieldView, MaterialView, PolicySuggestion, TransactionStep, TransactionView } from '../contract/transaction-view.ts';
import type { LocalizedText } from '../contract/locale.ts';
import type { ReceiptCopiesView } from '../contract/transaction-view.ts';
import {
  departmentForm,
  evaluate,
  isMissing,
  mergeForm,
  questionsToAsk,
  relevantFields,
  validateValues,
  sharedValue,
  suggestedValue,
  suggestPolicies,
  type FieldValue,
  type MergedField,
  type MergedForm,
  type PlannedMaterial,
} from '../bundle/index.ts';
import { selfServiceBundles } from '../catalog/load-catalog.ts';
import { maskCode, maskIdNumber, maskName } from '../logging/redact.ts';
import { lookupKeys } from './exchange.ts';
import { nextSteps } from './next-steps.ts';
import { materialsPlanFor, transactionFacts } from './transaction-machine.ts';
import { cardOfferView, rangeView } from './field-aids.ts';
import { captureRoute, today } from './transaction-context.ts';
import type { Applicant, TransactionContext } from './transaction-types.ts';

/** The parts of an XState snapshot the view reads; keeps this module free of the machine's generics. */
export interface SnapshotLike {
  readonly value: unknown;
  readonly context: TransactionContext;
  can(event: { type: string; at: number }): boolean;
}

/** Events whose acceptance does not depend on a payload; the renderer greys out the others' buttons. */
const PROBES = ['user.next', 'user.back', 'user.retry', 'user.cancel', 'user.extend', 'user.submit'] as const;

function isLookingUp(value: unknown): boolean {
  const session = value && typeof value === 'object' && 'session' in value ? (value as { session: unknown }).session : undefined;
  return typeof session === 'object' && session !== null && (session as { form?: unknown }).form === 'lookingUp';
}

export function stepOf(value: unknown): TransactionStep {
  if (typeof value === 'string') return value === 'idle' || value === 'done' ? 'attract' : (value as TransactionStep);
  if (value && typeof value === 'object' && 'session' in value) {
    // A step with inner states (the form, while a record is looked up) is still that step on screen.
    const step = (value as { session: unknown }).session;
    return (typeof step === 'string' ? step : Object.keys(step as object)[0]) as TransactionStep;
  }
  return 'attract';
}

function bundleView(catalog: Catalog, bundle: Bundle): BundleView {
  return {
    code: bundle.code,
    name: bundle.name,
    theme: bundle.theme,
    lifeEvent: bundle.lifeEvent,
    ...(bundle.description ? { description: bundle.description } : {}),
    leadDepartment: bundle.leadDepartment,
    items: bundle.items.flatMap((entry) => {
      const item = catalog.items.get(entry.item);
      return item ? [itemView(item, entry.required, entry.note)] : [];
    }),
  };
}

function itemView(item: Item, required: boolean, note?: LocalizedText) {
  return {
    code: item.implementationCode,
    name: item.name,
    department: item.department,
    handlingType: item.handlingType,
    timeLimit: item.timeLimit,
    required,
    ...(note ? { note } : {}),
  };
}

/**
 * How the applicant signed, in the words the screens use (renderer/src/transaction/display.ts): by their own
 * hand, on the pad with a staff member's help (`sig1h:`), or by a commitment on the keypad (`pledge1:`).
 */
function signedDisplay(text: string): string {
  if (text.startsWith('pledge1:')) return '按键确认承诺';
  return text.startsWith('sig1h:') ? '协助签名' : '已签名';
}

/** How a value is shown on a public screen: personal values partly hidden, in the style of DESIGN.md §7. */
export function displayValue(field: Field, value: FieldValue | undefined): string | null {
  if (isMissing(value)) return null;
  const label = field.choices?.find((c) => c.value === String(value))?.label['zh-CN'];
  const text = label ?? String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (!field.personal || field.choices) return text;
  switch (field.type) {
    case 'id-number':
      return maskIdNumber(text);
    case 'phone':
      return text.length > 7 ? `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}` : '*'.repeat(text.length);
    case 'date':
      return `${text.slice(0, 4)}-**-**`;
    case 'signature':
      return signedDisplay(text);
    case 'address':
      return `${Array.from(text).slice(0, 6).join('')}****`;
    case 'number':
      return '*'.repeat(text.length);
    default:
      return maskName(text);
  }
}

function originOf(context: TransactionContext, mf: MergedField, value: FieldValue | undefined): FieldView['origin'] {
  const { field } = mf;
  if (isMissing(value)) return null;
  if (field.source.kind === 'computed') return 'computed';
  if (field.source.kind === 'idcard' && context.applicant?.card[field.source.attribute]) return 'idcard';
  if (field.source.kind === 'shared' && value === sharedValue(mf, context.exchange?.datasets)) return 'shared';
  if (value === suggestedValue(mf, context.applicant?.card)) return 'idcard';
  return 'answer';
}

/** How finding a record by this key field went (the field is a certificate number the exchange looks up by). */
function lookupOf(form: MergedForm, key: string, context: TransactionContext, pending: boolean): FieldView['lookup'] {
  const datasets = [...lookupKeys(form)].filter(([, keyField]) => keyField === key).map(([dataset]) => dataset);
  if (datasets.length === 0) return undefined;
  if (pending) return 'pending';
  const results = datasets.map((dataset) => context.exchange?.lookups[dataset]?.result);
  return results.find((r) => r === 'failed') ?? results.find((r) => r === 'not-found') ?? results.find((r) => r === 'found');
}

function fieldViews(form: MergedForm, context: TransactionContext, lookingUp: boolean): FieldView[] {
  const facts = transactionFacts(context);
  const problems = new Map(validateValues(form, context.values, facts, today(context.now)).map((p) => [p.key, p]));
  return relevantFields(form, context.values, facts).map((mf) => {
    const { key, field, required } = mf;
    const value = context.values[key];
    const origin = originOf(context, mf, value);
    const lookup = lookupOf(form, key, context, lookingUp);
    const authoritative = (origin === 'idcard' && field.source.kind === 'idcard') || (origin === 'shared' && !(field.source.kind === 'shared' && field.source.correctable));
    const problem = problems.get(key);
    const { validation } = field;
    return {
      key,
      type: field.type,
      input: field.input,
      label: field.label,
      ...(field.hint ? { hint: field.hint } : {}),
      required,
      ...(field.choices ? { choices: field.choices } : {}),
      ...(validation
        ? {
            validation: {
              minLength: validation.minLength,
              maxLength: validation.maxLength,
              min: validation.min,
              max: validation.max,
              decimals: validation.decimals,
              pattern: validation.pattern,
            },
          }
        : {}),
      ...rangeView(form, mf, context.values, today(context.now)),
      ...cardOfferView(mf, context.applicant?.card, value),
      display: displayValue(field, value),
      ...(!field.personal && !isMissing(value) ? { value } : {}),
      origin,
      editable: field.source.kind !== 'computed' && field.input !== 'none' && !authoritative,
      ...(lookup ? { lookup } : {}),
      personal: field.personal,
      ...(problem ? { problem: { code: problem.code, message: problem.message } } : {}),
    };
  });
}

/**
 * The thumbnails one view carries at most (as data URLs): a view must stay a modest RPC message whatever
 * the catalog asks to capture. Pages beyond it are listed without their picture.
 */
export const THUMBNAILS_PER_VIEW = 96 * 1024;

function materialViews(catalog: Catalog, context: TransactionContext, thumbnails: ViewOptions['thumbnails']): MaterialView[] {
  const plan = materialsPlanFor(catalog, context);
  if (!plan) return [];
  const budget = { left: THUMBNAILS_PER_VIEW };
  return plan.materials.map((m) => {
    const needs =
      m.action === 'authorise' ? 'authorised' : m.action === 'sign-commitment' || m.action === 'self-declare' ? 'signed' : m.action === 'capture' ? 'captured' : null;
    return {
      key: m.key,
      name: m.material.name,
      ...(m.material.description ? { description: m.material.description } : {}),
      action: m.action,
      reason: m.reason,
      ...(m.route?.kind === 'commitment' ? { promise: m.route.promise } : {}),
      neededBy: m.neededBy.flatMap((code) => {
        const item = catalog.items.get(code);
        return item ? [item.name] : [];
      }),
      needs,
      required: m.required,
      done: needs === null || context.decisions[m.key] === needs || (needs === 'captured' && context.decisions[m.key] === 'at-window'),
      ...captureView(m, context, thumbnails, budget),
    };
  });
}

/** A material to capture: its pages, its subject, what was taken (thumbnails from the store) or that it goes to the window. */
function captureView(m: PlannedMaterial, context: TransactionContext, thumbnails: ViewOptions['thumbnails'], budget: { left: number }): Pick<MaterialView, 'capture'> {
  const route = captureRoute(m);
  if (!route) return {};
  const taken = (context.captures[m.key] ?? []).map((p) => {
    const bytes = thumbnails?.get(p.sha256);
    const thumbnail = bytes && `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`;
    if (!thumbnail || thumbnail.length > budget.left) return { page: p.page };
    budget.left -= thumbnail.length;
    return { page: p.page, thumbnail };
  });
  return { capture: { ...route, taken, atWindow: context.decisions[m.key] === 'at-window' } };
}

function qrOf(text: string): { size: number; rows: string[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let r = 0; r < modules.size; r++) {
    let row = '';
    for (let c = 0; c < modules.size; c++) row += modules.get(r, c) ? '1' : '0';
    rows.push(row);
  }
  return { size: modules.size, rows };
}

export interface ViewOptions {
  readonly now: number;
  /** Why the last identification failed, until the next one. */
  readonly notice?: LocalizedText | null;
  /** On the receipt-on-screen step: the copies asked for instead of the paper (core reads them from the store). */
  readonly receiptCopies?: ReceiptCopiesView;
  /** The case numbers by item once the back office acknowledged the submission; absent before. */
  readonly delivered?: Readonly<Record<string, string>>;
  /** Thumbnails of the pages captured in this session, by the hash of their page (store/session-captures.ts). */
  readonly thumbnails?: ReadonlyMap<string, Uint8Array>;
}

function submissionView(catalog: Catalog, context: TransactionContext, receiptNumber: string, delivered: ViewOptions['delivered']): NonNullable<TransactionView['submission']> {
  return {
    receiptNumber,
    qr: qrOf(receiptNumber),
    delivery: delivered ? 'delivered' : 'pending',
    caseNumbers: Object.entries(delivered ?? {}).map(([code, caseNumber]) => ({ item: catalog.items.get(code)?.name ?? { 'zh-CN': code }, caseNumber })),
    nextSteps: nextSteps(catalog, context),
  };
}

function timerView(context: TransactionContext, now: number): TransactionView['timer'] {
  return {
    remainingMs: context.deadline === null ? null : Math.max(0, context.deadline - now),
    warning: context.warning,
    extensionsLeft: Math.max(0, context.timeouts.maxExtensions - context.extensions),
  };
}

/**
 * A resumed session waiting for its card: the clock and the way out, nothing of the person (not even which
 * bundle: a disability or a birth says something about them) until the same card is back on the reader.
 */
function reidentifyView(catalog: Catalog, snapshot: SnapshotLike, now: number): TransactionView {
  const { context } = snapshot;
  return {
    step: 'reidentify',
    timer: timerView(context, now),
    applicant: null,
    bundle: null,
    optionalItems: [],
    eligibility: [],
    fields: [],
    questionsLeft: 0,
    materials: [],
    departments: [],
    submission: null,
    submitFailure: null,
    receipt: null,
    rating: { indicators: catalog.rating.indicators, lowLevelReasons: catalog.rating.lowLevelReasons },
    endReason: null,
    exchange: null,
    allowed: PROBES.filter((type) => snapshot.can({ type, at: now } as never)),
    notice: null,
    reidentify: { otherCard: context.reidentify?.otherCard ?? false },
  };
}

const DOCUMENTS: Readonly<Record<string, NonNullable<ApplicantView['document']>>> = {
  resident: 'resident',
  'hmt-permit': 'hmtPermit',
  'foreign-2017': 'foreignPermanent',
  'foreign-2023': 'foreignPermanent',
};

/** Who was identified and by which document, masked; the J card's pass number and the I card's English name too. */
function applicantView({ via, card }: Applicant): ApplicantView {
  const document = via === 'qr' ? 'eid' : card.documentType ? DOCUMENTS[card.documentType] : undefined;
  return {
    via,
    name: maskName(card.name ?? ''),
    idNumber: maskIdNumber(card.idNumber ?? ''),
    ...(document ? { document } : {}),
    ...(card.englishName && card.englishName !== card.name ? { englishName: maskName(card.englishName) } : {}),
    ...(card.passNumber ? { passNumber: maskCode(card.passNumber) } : {}),
  };
}

/** 政策找人: the rules that hold over the card and the departments' records, by name; a bundle only if offered here. */
function suggestionViews(catalog: Catalog, context: TransactionContext): PolicySuggestion[] {
  const exchange = context.exchange;
  const records = exchange?.status === 'online' ? Object.assign({}, ...Object.values(exchange.datasets)) : {};
  const offered = new Set(selfServiceBundles(catalog).map((b) => b.code));
  return suggestPolicies(catalog.policies ?? [], context.applicant?.facts ?? {}, records).map((policy) => ({
    key: policy.key,
    name: policy.name,
    about: policy.about,
    ...(policy.bundle && offered.has(policy.bundle) ? { bundle: policy.bundle } : {}),
  }));
}

/** The steps on which the applicant reads and changes their answers. */
const CHECKING_STEPS: readonly TransactionStep[] = ['form', 'review', 'submitFailed'];

/**
 * One of the applicant's own answers in full, asked for one field at a time (the question they edit, a held
 * "显示"), while they fill in or check the form. Only a personal value they typed or chose here and may
 * change: whatever came from the ID card (an offered 户籍地址 too) or a department's record keeps its
 * masking, a signature is never sent back, and anything else is shown in full in the view already. Null
 * when none may be shown.
 */
export function ownAnswer(catalog: Catalog, snapshot: SnapshotLike, key: string): FieldValue | null {
  const { context } = snapshot;
  const bundle = catalog.bundles.find((b) => b.code === context.bundleCode);
  if (!bundle || !CHECKING_STEPS.includes(stepOf(snapshot.value))) return null;
  const field = fieldViews(mergeForm(catalog, bundle, context.optionalItems), context, false).find((f) => f.key === key);
  if (!field?.editable || !field.personal || field.origin !== 'answer' || field.type === 'signature') return null;
  return context.values[key] ?? null;
}

export function transactionView(catalog: Catalog, snapshot: SnapshotLike, options: ViewOptions): TransactionView {
  const { context } = snapshot;
  const step = stepOf(snapshot.value);
  if (step === 'reidentify') return reidentifyView(catalog, snapshot, options.now);
  const bundle = catalog.bundles.find((b) => b.code === context.bundleCode) ?? null;
  const form = bundle ? mergeForm(catalog, bundle, context.optionalItems) : undefined;
  const facts = transactionFacts(context);
  const beforeForm = step === 'consent' || step === 'gathering' || step === 'choose' || step === 'ineligible';
  return {
    step,
    timer: timerView(context, options.now),
    applicant: context.applicant ? applicantView(context.applicant) : null,
    ...(step === 'choose' ? { bundles: selfServiceBundles(catalog).map((b) => bundleView(catalog, b)), suggestions: suggestionViews(catalog, context) } : {}),
    bundle: bundle ? bundleView(catalog, bundle) : null,
    optionalItems: [...context.optionalItems],
    eligibility: bundle
      ? bundle.eligibility.filter((rule) => !evaluate(rule.unless, facts)).map((rule) => ({ level: rule.level, message: rule.message }))
      : [],
    fields: form && !beforeForm ? fieldViews(form, context, isLookingUp(snapshot.value)) : [],
    // Only the required ones: an optional question left empty does not hold the form back.
    questionsLeft: form && !beforeForm ? questionsToAsk(form, context.values, facts).filter((f) => f.required).length : 0,
    materials: bundle && !beforeForm ? materialViews(catalog, context, options.thumbnails) : [],
    departments:
      form && (step === 'review' || step === 'submitFailed')
        ? form.items.map((item) => {
            const projected = departmentForm(form, context.values, item.implementationCode, facts);
            const required = bundle?.items.find((e) => e.item === item.implementationCode)?.required ?? true;
            return {
              item: itemView(item, required),
              fields: projected.fields
                .filter((f) => f.relevant)
                .map((f) => ({ key: f.key, label: f.label, display: displayValue(catalog.fields.get(f.key)!, f.value) })),
            };
          })
        : [],
    submission: context.submission ? submissionView(catalog, context, context.submission.receiptNumber, options.delivered) : null,
    // Snapshots saved before the field existed have none: any failure then reads as a plain one.
    submitFailure: step === 'submitFailed' ? (context.submitFailure ?? 'failed') : null,
    receipt: context.receipt,
    ...(step === 'receiptOnScreen' && options.receiptCopies ? { receiptCopies: options.receiptCopies } : {}),
    rating: { indicators: catalog.rating.indicators, lowLevelReasons: catalog.rating.lowLevelReasons },
    endReason: context.endReason,
    exchange: context.exchange?.status ?? null,
    allowed: PROBES.filter((type) => snapshot.can({ type, at: options.now } as never)),
    notice: options.notice ?? null,
  };
}
