/**
 * The submission as the outbox keeps it and the back office will receive it (sync issue): everything a
 * department needs to handle its item, and nothing more. The applicant is minimised to who they are and how
 * they were identified (no address, no photo); each item gets its department's form as a projection of the
 * merged answers; commitments are recorded with the exact promise the citizen signed.
 */
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { departmentForm, mergeForm, type FieldValue } from '../bundle/index.ts';
import { nextSteps } from './next-steps.ts';
import { applicantLicences, materialsPlanFor, transactionFacts } from './transaction-context.ts';
import type { Applicant, MaterialDecision, TransactionContext } from './transaction-types.ts';

export const SUBMISSION_FORMAT = 1;

export interface SubmissionRecord {
  readonly format: typeof SUBMISSION_FORMAT;
  readonly sessionId: string;
  readonly bundleCode: string;
  readonly optionalItems: readonly string[];
  readonly applicant: {
    readonly via: Applicant['via'];
    readonly helperId?: string;
    readonly idNumber: string;
    readonly name: string;
    readonly documentType?: string;
    /** The 外国人永久居留身份证's English name, and the 港澳台居民居住证's 通行证号码: the departments match them too. */
    readonly englishName?: string;
    readonly passNumber?: string;
  };
  /**
   * Each chosen item's department form: the relevant fields it lists, with their answers; and the next step
   * the receipt told the citizen (what the department is expected to do next, e.g. text the assessment date).
   */
  readonly items: readonly {
    readonly itemCode: string;
    readonly values: Readonly<Record<string, FieldValue>>;
    readonly nextStep?: { readonly when: string; readonly where: string; readonly bring?: string; readonly result: string };
  }[];
  readonly materials: readonly {
    readonly key: string;
    readonly action: string;
    /** Shared records the department checks after submission (the kiosk could not, e.g. offline). */
    readonly deferredCheck: boolean;
    readonly decision?: MaterialDecision;
    /** For a signed commitment (告知承诺): the promise as the citizen saw it. */
    readonly promise?: string;
    /** For a material spared by the applicant's e-licence: its number, for the department to retrieve it. */
    readonly licenceNumber?: string;
  }[];
  readonly consents: { readonly dataSharing: boolean };
  /** Whether the exchange answered during the session; offline, every shared check is deferred. */
  readonly exchange: 'online' | 'offline';
  readonly submittedAt: number;
}

export function submissionRecord(catalog: Catalog, context: TransactionContext, at: number): SubmissionRecord {
  const bundle = catalog.bundles.find((b) => b.code === context.bundleCode);
  const applicant = context.applicant;
  if (!bundle || !applicant) throw new Error('a submission needs a bundle and an identified applicant');
  const form = mergeForm(catalog, bundle, context.optionalItems);
  const facts = transactionFacts(context);
  const plan = materialsPlanFor(catalog, context);
  const licences = applicantLicences(context);
  const steps = new Map(nextSteps(catalog, context).map((step) => [step.itemCode, step]));
  return {
    format: SUBMISSION_FORMAT,
    sessionId: context.sessionId,
    bundleCode: bundle.code,
    optionalItems: context.optionalItems,
    applicant: {
      via: applicant.via,
      ...(applicant.helperId ? { helperId: applicant.helperId } : {}),
      idNumber: applicant.card.idNumber ?? '',
      name: applicant.card.name ?? '',
      ...(applicant.card.documentType ? { documentType: applicant.card.documentType } : {}),
      ...(applicant.card.englishName ? { englishName: applicant.card.englishName } : {}),
      ...(applicant.card.passNumber ? { passNumber: applicant.card.passNumber } : {}),
    },
    items: form.items.map((item) => {
      const projected = departmentForm(form, context.values, item.implementationCode, facts);
      const told = steps.get(item.implementationCode);
      return {
        itemCode: item.implementationCode,
        values: Object.fromEntries(projected.fields.flatMap((f) => (f.value === undefined ? [] : [[f.key, f.value]]))),
        ...(told
          ? {
              nextStep: {
                when: told.when['zh-CN'],
                where: told.where['zh-CN'],
                ...(told.bring ? { bring: told.bring['zh-CN'] } : {}),
                result: told.result['zh-CN'],
              },
            }
          : {}),
      };
    }),
    materials: (plan?.materials ?? []).map((m) => {
      const decision = context.decisions[m.key];
      return {
        key: m.key,
        action: m.action,
        deferredCheck: m.deferred === true,
        ...(decision ? { decision } : {}),
        ...(decision === 'signed' && m.route?.kind === 'commitment' ? { promise: m.route.promise['zh-CN'] } : {}),
        ...(m.route?.kind === 'e-license' && !m.route.provenByIdentification && licences.has(m.route.licenseType)
          ? { licenceNumber: licences.get(m.route.licenseType)!.number }
          : {}),
      };
    }),
    consents: { dataSharing: context.consented },
    exchange: context.exchange?.status ?? 'offline',
    submittedAt: at,
  };
}
