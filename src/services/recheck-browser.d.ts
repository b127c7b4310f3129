/**
 * recheck's pure JavaScript build (the package's `browser` entry). Unlike its `main` entry it never starts
 * the native or Java back end: `checkSync` runs the checker in the calling thread.
 */
declare module 'recheck/lib/browser.js' {
  export { checkSync } from 'recheck';
}
