/** A run of text in one style; a row is a list of them (one terminal line). */
export interface Segment {
  text: string;
  color?: 'green' | 'yellow' | 'red' | 'cyan' | 'gray' | 'magenta' | 'blue' | 'white';
  bold?: boolean;
  dim?: boolean;
}

export type Row = Segment[];

export const plain = (text: string): Segment => ({ text });

export function rowText(row: Row): string {
  return row.map((segment) => segment.text).join('');
}
