import { describe, expect, it } from 'vitest';
import { remember } from '../src/match/remember.js';

describe('remember', () => {
  it('makes a value once and keeps it', () => {
    const kept = new Map<string, number>();
    let made = 0;
    const make = () => ++made;
    expect(remember(kept, 'a', make)).toBe(1);
    expect(remember(kept, 'a', make)).toBe(1);
    expect(made).toBe(1);
  });

  it('keeps false and 0, which are values, not misses', () => {
    const kept = new Map<string, boolean | number>();
    let made = 0;
    remember(kept, 'f', () => (made++, false));
    remember(kept, 'f', () => (made++, false));
    remember(kept, 'z', () => (made++, 0));
    remember(kept, 'z', () => (made++, 0));
    expect(made).toBe(2);
  });

  it('clears a bounded map once it holds more than its limit', () => {
    const kept = new Map<number, number>();
    for (let i = 0; i <= 3; i++) remember(kept, i, () => i, 3);
    expect(kept.size).toBe(4);
    remember(kept, 9, () => 9, 3);
    expect([...kept.keys()]).toEqual([9]);
  });

  it('keeps values per object in a WeakMap', () => {
    const kept = new WeakMap<object, string>();
    const a = {};
    expect(remember(kept, a, () => 'x')).toBe('x');
    expect(remember(kept, a, () => 'y')).toBe('x');
  });
});
