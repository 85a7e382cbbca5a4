import { afterEach, expect, it } from 'vitest';
import { problemsAfter, removeCatalogCopies } from './catalog-test-dir.ts';

afterEach(removeCatalogCopies);

it('a next step reads only fields its item asks: a typo or another item’s field is reported where it is', async () => {
  const problems = await problemsAfter({
    'items.yaml': (doc) => {
      doc.setIn(['items', 0, 'nextStep', 'result', 0, 'answer'], 'delivery.adress');
      doc.setIn(['items', 0, 'nextStep', 'result', 0, 'relevantWhen'], { fact: 'answer.vaccination.clinic', op: 'eq', value: 'east' });
    },
  });
  expect(problems).toEqual([
    'items.yaml: items.0.nextStep.result.0: the next step reads "vaccination.clinic", which this item does not list',
    'items.yaml: items.0.nextStep.result.0: unknown field "delivery.adress"',
  ]);
});
