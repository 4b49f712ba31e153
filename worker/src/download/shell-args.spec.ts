import { splitShellArgs } from './shell-args.js';

describe('splitShellArgs', () => {
  it.each([
    ['', []],
    ['  ', []],
    ['--a b  --c', ['--a', 'b', '--c']],
    [`--add-header 'Accept-Language: en'`, ['--add-header', 'Accept-Language: en']],
    [`--ua "Mozilla \\"5\\" \\\\ x"`, ['--ua', 'Mozilla "5" \\ x']],
    [`a\\ b c`, ['a b', 'c']],
    [`--x=''`, ['--x=']],
    [`''`, ['']],
    [`'$HOME' "*"`, ['$HOME', '*']],
    [`pre'fix'"es"`, ['prefixes']],
  ])('splits %p', (line, expected) => {
    expect(splitShellArgs(line)).toEqual(expected);
  });

  it('refuses unbalanced quotes and a trailing backslash', () => {
    expect(() => splitShellArgs(`'open`)).toThrow('has an unclosed single quote');
    expect(() => splitShellArgs(`"open`)).toThrow('has an unclosed double quote');
    expect(() => splitShellArgs(`a\\`)).toThrow('ends with a lone backslash');
  });
});
