/**
 * The back office's exchange as citizen sessions call it (ExchangeSource), over the back-office client.
 * Anything but an answer is a failure, which the session takes as "offline". Only what the session uses
 * of a licence is kept: its type, number, holder, trust level and validity.
 */
import type { ExchangeApi } from '../sync/client-types.ts';
import type { DatasetRecord, ExchangeAnswer, ExchangeSource } from './transaction-types.ts';

export class ExchangeUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`the exchange did not answer: ${reason}`);
    this.name = 'ExchangeUnavailable';
  }
}

export function exchangeSource(api: ExchangeApi): ExchangeSource {
  return {
    async person({ sessionId, idNumber, bundleCode }, signal): Promise<ExchangeAnswer> {
      const purpose = { sessionId, ...(bundleCode ? { bundleCode } : {}) };
      const result = await api.exchangePerson({ idNumber, purpose }, { signal });
      if (result.kind !== 'ok') throw new ExchangeUnavailable(result.reason);
      return {
        datasets: result.value.datasets,
        eLicences: result.value.eLicences.map(({ licenseType, number, holderIdNumber, trustLevel, validTo }) => ({
          licenseType,
          number,
          holderIdNumber,
          trustLevel,
          ...(validTo ? { validTo } : {}),
        })),
      };
    },
    async lookup({ sessionId, idNumber, request }, signal): Promise<DatasetRecord | null> {
      const { dataset, keyField, value } = request;
      const result = await api.exchangeLookup({ dataset, keyField, value, idNumber, purpose: { sessionId } }, { signal });
      if (result.kind !== 'ok') throw new ExchangeUnavailable(result.reason);
      return result.value?.record ?? null;
    },
  };
}
