import { describe, expect, it } from 'vitest';
import { itemNumbers, numberConflict, treeOrder, type NumberedItem } from './numbering.js';

const item = (id: string, position: number, number: string | null = null, parentId: string | null = null): NumberedItem & { title: string } => ({
  id,
  position,
  number,
  parentId,
  title: `Punkt ${id}`,
});

describe('item numbers', () => {
  it('numbers main items 1, 2, 3 and sub-items 2.1, 2.2 and 2.5.1, in tree order', () => {
    const items = [item('a', 1), item('b', 2), item('b2', 2, null, 'b'), item('b1', 1, null, 'b'), item('b1x', 1, null, 'b1'), item('c', 3)];
    expect(treeOrder(items).map((i) => i.id)).toEqual(['a', 'b', 'b1', 'b1x', 'b2', 'c']);
    expect(Object.fromEntries(itemNumbers(items))).toEqual({ a: '1', b: '2', b1: '2.1', b1x: '2.1.1', b2: '2.2', c: '3' });
  });

  it('keeps a typed number that is free and numbers the rest by place ("4 a" keeps 4 for the next item)', () => {
    const items = [item('a', 1), item('b', 2), item('c', 3, '4 a.'), item('d', 4)];
    expect([...itemNumbers(items).values()]).toEqual(['1', '2', '4 a', '4']);
  });

  it('never gives two items the same number: the collision of today ("1.", "1.", "3.", "4.", "2.1") cannot happen', () => {
    // Two typed "1", an untyped item whose place is a typed number elsewhere, and a sub-item.
    const items = [item('a', 1, '1.'), item('b', 2, '1'), item('c', 3), item('d', 4, '2'), item('e', 1, null, 'd')];
    const shown = itemNumbers(items);
    expect(new Set(shown.values()).size).toBe(items.length);
    expect(shown.get('a')).toBe('1');
    expect(shown.get('b')).not.toBe('1');
    expect(shown.get('e')).toBe('2.1');
  });

  it('gives unique numbers for any tree and any typed numbers', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const typed = ['1', '2', '2.1', '3', '4 a', '1.1', '2.1.1', null, null, null];
    for (let round = 0; round < 300; round++) {
      const items: NumberedItem[] = [];
      const count = 1 + random(14);
      for (let i = 0; i < count; i++) {
        const parent = i > 0 && random(3) === 0 ? items[random(i)]!.id : null;
        const position = items.filter((x) => x.parentId === parent).length + 1;
        items.push(item(`i${i}`, position, typed[random(typed.length)] ?? null, parent));
      }
      const shown = [...itemNumbers(items).values()].map((n) => n.toLowerCase());
      expect(new Set(shown).size, JSON.stringify(items)).toBe(items.length);
    }
  });

  it('names the item whose number a typed number would take', () => {
    const items = [item('a', 1), item('b', 2, '7'), item('c', 1, null, 'a')];
    expect(numberConflict(items, { number: '1' })?.item.id).toBe('a');
    expect(numberConflict(items, { number: '7.' })?.item.id).toBe('b');
    expect(numberConflict(items, { number: '1.1' })?.item.id).toBe('c');
    expect(numberConflict(items, { id: 'b', number: '7' })).toBeNull();
    expect(numberConflict(items, { number: '9' })).toBeNull();
    expect(numberConflict(items, { number: null })).toBeNull();
  });
});
