// The core's messages are shared with the command line, where "run `handoff doctor`" is the way. In the app the way is
// a screen: each known command becomes the place in the app that does the same, and flags become words.
const REWRITES: [RegExp, string][] = [
  [/(download|import) it with `handoff models (?:download|import)[^`]*`/g, '$1 it in Settings → Transcription models'],
  [/(?:Download|download) (?:a model|one) with `handoff models download [^`]*`(?:,? or import one with `handoff models import [^`]*`)?/g, 'Download a model in Settings → Transcription models'],
  [/`handoff models (?:download|import)[^`]*`/g, 'Settings → Transcription models'],
  [/(?:run|switch back with) `handoff workspace use-s3`/g, 'choose the S3 bucket in Settings → Workspace'],
  [/(?:run|see) `handoff doctor`(?: for how to install it| to see what is missing)?/g, 'reinstalling Handoff puts it back'],
  [/A --lasting link/g, 'A lasting link'],
  [/--encrypt links/g, 'end-to-end encrypted links'],
];

export function inUiWords(message: string): string {
  return REWRITES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
