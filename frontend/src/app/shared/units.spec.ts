import {
  BYTES_PER_GB,
  bytesToGb,
  formatTimeAmount,
  fromSeconds,
  gbToBytes,
  parseAmount,
  toSeconds,
} from './units';

describe('units', () => {
  it('converts GB to whole bytes and back (1 GB = 1024³ bytes)', () => {
    expect(gbToBytes(1)).toBe(1_073_741_824);
    expect(gbToBytes(50)).toBe(50 * BYTES_PER_GB);
    expect(gbToBytes(1.5)).toBe(1_610_612_736);
    expect(gbToBytes(0.0000000001)).toBe(0);
    expect(gbToBytes(0)).toBe(0);
    expect(bytesToGb(1_073_741_824)).toBe(1);
    expect(bytesToGb(1_610_612_736)).toBe(1.5);
    expect(bytesToGb(500 * 1024 * 1024)).toBe(0.488);
  });

  it('converts minutes and hours to whole seconds', () => {
    expect(toSeconds(30, 'minutes')).toBe(1800);
    expect(toSeconds(6, 'hours')).toBe(21_600);
    expect(toSeconds(1.5, 'hours')).toBe(5400);
    expect(toSeconds(0.01, 'minutes')).toBe(1);
  });

  it('shows seconds in hours when whole, else in minutes', () => {
    expect(fromSeconds(21_600)).toEqual({ amount: 6, unit: 'hours' });
    expect(fromSeconds(1800)).toEqual({ amount: 30, unit: 'minutes' });
    expect(fromSeconds(5400)).toEqual({ amount: 90, unit: 'minutes' });
    expect(fromSeconds(100)).toEqual({ amount: 1.667, unit: 'minutes' });
    expect(fromSeconds(0)).toEqual({ amount: 0, unit: 'minutes' });
  });

  it('formats an amount of time for people', () => {
    expect(formatTimeAmount(0)).toBe('0 s');
    expect(formatTimeAmount(45.4)).toBe('45 s');
    expect(formatTimeAmount(125)).toBe('2 min 5 s');
    expect(formatTimeAmount(1800)).toBe('30 min');
    expect(formatTimeAmount(21_600)).toBe('6 h');
    expect(formatTimeAmount(5400)).toBe('1 h 30 min');
    expect(formatTimeAmount(null)).toBe('—');
    expect(formatTimeAmount(-1)).toBe('—');
  });

  it('reads a typed number: blank is null, junk is NaN', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('   ')).toBeNull();
    expect(parseAmount(null)).toBeNull();
    expect(parseAmount(' 1.5 ')).toBe(1.5);
    expect(parseAmount('1,5')).toBe(1.5);
    expect(parseAmount('.5')).toBe(0.5);
    expect(parseAmount('10')).toBe(10);
    expect(parseAmount('-2')).toBe(-2);
    for (const junk of ['abc', '1e3', '1.2.3', '5 GB', 'Infinity', '0x10']) {
      expect(parseAmount(junk)).toBeNaN();
    }
  });
});
