import type { JsParsedFile } from './parse';

/** Helpers the JS/TS adapter gives rules as `context.lang`. */
export class JsHelpers {
  constructor(readonly parsed: JsParsedFile) {}
}
