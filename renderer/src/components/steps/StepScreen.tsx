import type { ComponentType } from 'preact';
import type { TransactionStep } from '../../../../core/contract/transaction-view.ts';
import { FormScreen } from '../form/FormScreen.tsx';
import type { StepProps } from '../session/ui.ts';
import { ChooseScreen } from './ChooseScreen.tsx';
import { ConsentScreen } from './ConsentScreen.tsx';
import { EndingScreen } from './EndingScreen.tsx';
import { IneligibleScreen } from './IneligibleScreen.tsx';
import { MaterialsScreen } from './MaterialsScreen.tsx';
import { ProgressScreen } from './ProgressScreen.tsx';
import { RatingScreen } from './RatingScreen.tsx';
import { ReceiptScreen } from './ReceiptScreen.tsx';
import { ReidentifyScreen } from './ReidentifyScreen.tsx';
import { ReviewScreen } from './ReviewScreen.tsx';
import { SubmitFailedScreen } from './SubmitFailedScreen.tsx';

/** One screen per step of a session (the attract step is the kiosk's own screen). */
const SCREENS: Record<Exclude<TransactionStep, 'attract'>, ComponentType<StepProps>> = {
  reidentify: ReidentifyScreen,
  consent: ConsentScreen,
  gathering: ProgressScreen,
  choose: ChooseScreen,
  ineligible: IneligibleScreen,
  form: FormScreen,
  materials: MaterialsScreen,
  review: ReviewScreen,
  submitting: ProgressScreen,
  submitFailed: SubmitFailedScreen,
  printing: ProgressScreen,
  receiptOnScreen: ReceiptScreen,
  rating: RatingScreen,
  ending: EndingScreen,
};

/** Keyed by step: each step mounts afresh, with its own state, and its heading takes focus. */
export function StepScreen({ ui, view }: StepProps) {
  if (view.step === 'attract') return null;
  const Screen = SCREENS[view.step];
  return <Screen key={view.step} ui={ui} view={view} />;
}
