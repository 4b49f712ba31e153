import { Text } from 'ink';
import type { Row } from './segments.js';

/** One terminal line: cut at the pane's edge, never wrapped (so the pane's height is known). */
export function RowText({ row }: { row: Row }) {
  return (
    <Text wrap="truncate-end">
      {row.map((segment, i) => (
        <Text key={i} color={segment.color} bold={segment.bold} dimColor={segment.dim}>
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}
