import { NgxDropzoneComponent } from 'ngx-dropzone';

/**
 * ngx-dropzone ships its look as component styles, which Angular injects as a <style> element;
 * the strict Content-Security-Policy (style-src 'self') refuses that and logs an error on every
 * page that shows a drop zone. Its look lives in styles.css instead, so the inline copy is
 * dropped before the first drop zone renders.
 */
export function dropInlineDropzoneStyles(): void {
  const definition = (NgxDropzoneComponent as unknown as { ɵcmp?: { styles?: unknown[] } }).ɵcmp;
  if (definition?.styles) definition.styles = [];
}
