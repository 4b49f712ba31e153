/**
 * Splits a command line the way a POSIX shell would for plain words: whitespace separates,
 * single quotes keep everything, double quotes keep all but `\"` and `\\`, a backslash outside
 * quotes escapes the next character. No expansion of any kind.
 */
export function splitShellArgs(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) current += line[++i];
      else current += char;
    } else if (/\s/.test(char)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      inWord = true;
      if (char === "'" || char === '"') quote = char;
      else if (char === '\\') {
        if (i + 1 >= line.length) throw new Error('ends with a lone backslash');
        current += line[++i];
      } else current += char;
    }
  }
  if (quote) throw new Error(`has an unclosed ${quote === "'" ? 'single' : 'double'} quote`);
  if (inWord) args.push(current);
  return args;
}
