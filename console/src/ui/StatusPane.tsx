import { Box } from 'ink';
import { RowText } from './RowText.js';
import type { Row } from './segments.js';

export function StatusPane({ rows }: { rows: Row[] }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="blue" paddingX={1} flexShrink={0}>
      {rows.map((row, i) => (
        <RowText key={i} row={row} />
      ))}
    </Box>
  );
}
