/** A display text for a coded value, in the kiosk's two languages. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}
