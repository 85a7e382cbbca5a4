/**
 * The paper side of the virtual printer: the line buffer (characters with their styles, wrapped when the
 * line is full, as a printer does) and the blocks printed since the last cut.
 */
import type { Align } from '../escpos/commands.ts';
import { DOTS_PER_COLUMN } from '../escpos/text-width.ts';
import { textBlock, type ReceiptBlock, type ReceiptDocument, type TextRun } from '../document.ts';

export interface RenderedReceipt extends ReceiptDocument {
  readonly cut: true;
  readonly cutMode: 'full' | 'partial';
  /** The printer went offline (paper, cover, error) while this receipt was being printed. */
  readonly interrupted: boolean;
}

export interface CharStyle {
  readonly bold: boolean;
  readonly width: number;
  readonly height: number;
}

/** Default tab stops every 8 characters of the normal font. */
const TAB_DOTS = 8 * DOTS_PER_COLUMN;

export class Paper {
  private blocks: ReceiptBlock[] = [];
  private runs: TextRun[] = [];
  private lineAlign: Align = 'left';
  private lineDots = 0;
  interrupted = false;
  /** Lines the printer had to wrap because they were wider than the paper. */
  autoWraps = 0;

  constructor(readonly widthDots: number) {}

  /** True when the line buffer holds characters (ESC a and block commands care). */
  get lineStarted(): boolean {
    return this.runs.length > 0;
  }

  /** True when something has been printed since the last cut. */
  get hasContent(): boolean {
    return this.blocks.length > 0 || this.lineStarted;
  }

  /** Adds a character; `cells` is 1 for single-byte glyphs (12 dots) and 2 for GB double-byte (24 dots). */
  addChar(text: string, cells: number, style: CharStyle, align: Align): void {
    const dots = cells * DOTS_PER_COLUMN * style.width;
    if (this.lineStarted && this.lineDots + dots > this.widthDots) {
      this.autoWraps++;
      this.endLine();
    }
    if (!this.lineStarted) this.lineAlign = align;
    const last = this.runs[this.runs.length - 1];
    if (last && last.bold === style.bold && last.width === style.width && last.height === style.height) {
      this.runs[this.runs.length - 1] = { ...last, text: last.text + text };
    } else {
      this.runs.push({ text, ...style });
    }
    this.lineDots += dots;
  }

  /** HT: spaces up to the next tab stop. */
  tab(style: CharStyle, align: Align): void {
    const target = (Math.floor(this.lineDots / TAB_DOTS) + 1) * TAB_DOTS;
    while (this.lineDots < target && this.lineDots + DOTS_PER_COLUMN * style.width <= this.widthDots) this.addChar(' ', 1, style, align);
  }

  /** Prints the line buffer, if any, without feeding further. */
  endLine(): void {
    if (!this.lineStarted) return;
    this.blocks.push(textBlock(this.runs, this.lineAlign));
    this.runs = [];
    this.lineDots = 0;
  }

  /** LF: prints the line, or feeds one blank line when the buffer is empty. */
  lineFeed(): void {
    if (this.lineStarted) this.endLine();
    else this.feed(1);
  }

  /** ESC d n: prints the line buffer and feeds n lines in all (the printed line counts as one). */
  feedLines(n: number): void {
    if (this.lineStarted) {
      this.endLine();
      this.feed(n - 1);
    } else {
      this.feed(n);
    }
  }

  /** ESC @ clears the line buffer without printing it. */
  clearLine(): void {
    this.runs = [];
    this.lineDots = 0;
  }

  addBlock(block: ReceiptBlock): void {
    this.endLine();
    this.blocks.push(block);
  }

  cut(mode: 'full' | 'partial'): RenderedReceipt {
    this.endLine();
    const receipt: RenderedReceipt = { blocks: this.blocks, cut: true, cutMode: mode, interrupted: this.interrupted };
    this.blocks = [];
    this.interrupted = false;
    return receipt;
  }

  private feed(lines: number): void {
    if (lines > 0) this.blocks.push({ kind: 'feed', lines });
  }
}
