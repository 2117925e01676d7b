// The ora spinner on stderr. ora is loaded only when a spinner is really shown, and
// only on a real terminal stream where a spinner can redraw its line.
import { noProgress, type OutStream, type Progress } from './io.js';

type Spinner = { text: string; stop(): void };

export function createSpinner(stream: OutStream): Progress {
  const raw = stream.raw;
  if (!raw || !stream.animates) return noProgress;
  let spinner: Spinner | undefined;
  let text: string | undefined;
  let ora: ((options: object) => { start(): Spinner }) | undefined;
  let loading = false;

  const show = (): void => {
    if (text === undefined) return;
    if (spinner) spinner.text = text;
    else if (ora) spinner = ora({ text, stream: raw, discardStdin: false, isEnabled: true }).start();
    else if (!loading) {
      loading = true;
      void import('ora').then((module) => {
        ora = module.default as unknown as typeof ora;
        show();
      });
    }
  };
  return {
    update(next) {
      text = next;
      show();
    },
    clear() {
      text = undefined;
      spinner?.stop();
      spinner = undefined;
    },
  };
}
