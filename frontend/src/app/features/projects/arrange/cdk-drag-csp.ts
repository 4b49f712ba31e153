import { _CdkPrivateStyleLoader } from '@angular/cdk/private';
import type { Type } from '@angular/core';

type StyleLoader = { load(loader: Type<unknown>): void };
const patched = Symbol('cf-inline-styles-dropped');

/**
 * The CDK adds its drag-and-drop reset rules, on the first drag, as a component whose styles
 * Angular injects as a <style> element; the strict Content-Security-Policy (style-src 'self')
 * refuses that and logs an error. The same rules live in arrange.css instead, so the inline copy
 * of every style loader the CDK asks for is dropped before it is created. (Positions during a
 * drag are set through the CSSOM, which the policy allows.)
 */
export function dropInlineCdkStyles(): void {
  const prototype = _CdkPrivateStyleLoader.prototype as StyleLoader & { [patched]?: true };
  if (prototype[patched]) return;
  const load = prototype.load;
  prototype.load = function (this: StyleLoader, loader: Type<unknown>) {
    const definition = (loader as { ɵcmp?: { styles?: unknown[] } }).ɵcmp;
    if (definition?.styles) definition.styles = [];
    return load.call(this, loader);
  };
  prototype[patched] = true;
}
