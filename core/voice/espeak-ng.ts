/**
 * Speech from espeak-ng, run as a child process per utterance. The text goes in on stdin, never on the
 * command line, where any local user could read it in the process list.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locale } from '../contract/locale.ts';
import { parseWav, type Wav } from './wav.ts';

export interface Synthesizer {
  synthesize(text: string, language: Locale): Promise<Wav>;
}

export interface EspeakNgOptions {
  readonly command: string;
  /** espeak-ng voice per language: `cmn` is Mandarin (`espeak-ng --voices=zh` lists them). */
  readonly voices: Readonly<Record<Locale, string>>;
  /** Words per minute (espeak-ng's -s); elderly listeners follow a slower voice better. */
  readonly speed: number;
  readonly timeoutMs?: number;
}

/** An utterance of MAX_SPOKEN_CHARS at a slow speed is a few minutes of 22 kHz audio: ~15 MB. */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

export class SynthesisError extends Error {
  override readonly name = 'SynthesisError';
  constructor(
    message: string,
    /** The engine or the language's voice is not installed: no point trying again. */
    readonly missing = false,
  ) {
    super(message);
  }
}

/**
 * Whether `espeak-ng --voices` lists `voice` by language, by one of its other languages ("(zh 5)"), by name or
 * by file. Needed because espeak-ng, given an unknown voice, quietly reads Chinese with its English one.
 */
export function listsVoice(listing: string, voice: string): boolean {
  const wanted = voice.toLowerCase();
  return listing
    .split('\n')
    .slice(1)
    .some((line) => {
      const [, language, , name, file, ...others] = line.trim().toLowerCase().split(/\s+/);
      const otherLanguages = others.join(' ').match(/\(([^\s)]+) \d+\)/g)?.map((o) => o.slice(1).split(' ')[0]) ?? [];
      return [language, name, file, ...otherLanguages].includes(wanted);
    });
}

export function espeakNg(options: EspeakNgOptions): Synthesizer {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let listing: Promise<string> | undefined;
  const voiceOf = async (language: Locale): Promise<string> => {
    listing ??= promisify(execFile)(options.command, ['--voices'], { timeout: timeoutMs }).then(({ stdout }) => stdout);
    const voice = options.voices[language];
    let voices: string;
    try {
      voices = await listing;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SynthesisError(`cannot run ${options.command}: ${code ?? (error as Error).message}`, code === 'ENOENT');
    }
    if (!listsVoice(voices, voice)) throw new SynthesisError(`espeak-ng has no voice "${voice}" (espeak-ng --voices lists them)`, true);
    return voice;
  };
  return {
    synthesize: async (text, language) => {
      const voice = await voiceOf(language);
      return new Promise<Wav>((resolve, reject) => {
        const child = spawn(options.command, ['-v', voice, '-s', String(options.speed), '-b', '1', '--stdout'], {
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        let size = 0;
        let stderr = '';
        let failure: SynthesisError | undefined;
        const timer = setTimeout(() => {
          failure = new SynthesisError(`espeak-ng took longer than ${timeoutMs} ms`);
          child.kill('SIGKILL');
        }, timeoutMs);
        child.stdout.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_OUTPUT_BYTES) {
            failure ??= new SynthesisError('espeak-ng output too long');
            child.kill('SIGKILL');
          } else out.push(chunk);
        });
        child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-500)));
        child.on('error', (error: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(new SynthesisError(`cannot run ${options.command}: ${error.code ?? error.message}`, error.code === 'ENOENT'));
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          if (failure) return reject(failure);
          if (code !== 0 || size === 0 || stderr.trim() !== '') {
            return reject(new SynthesisError(`espeak-ng failed (exit ${code}): ${stderr.trim() || 'no audio'}`));
          }
          try {
            resolve(parseWav(Buffer.concat(out)));
          } catch (error) {
            reject(new SynthesisError(`espeak-ng wrote no usable WAV: ${(error as Error).message}`));
          }
        });
        child.stdin.on('error', () => undefined); // a child that died early: reported by 'close'
        child.stdin.end(text);
      });
    },
  };
}
