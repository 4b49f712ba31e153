/**
 * A value for a filter option inside a -filter_complex graph: escaped once for the option
 * parser (`\ ' :`) and once for the graph parser (`\ ' [ ] , ;`), as ffmpeg-filters(1) says.
 */
export function filterValue(value: string): string {
  const option = value.replace(/[\\':]/g, '\\$&');
  return option.replace(/[\\'[\],;]/g, '\\$&');
}
