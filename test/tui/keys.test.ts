import { describe, expect, it } from 'vitest';
import { KeyRegistry, splitKeys } from '../../src/tui/keys.js';
import { BROWSER_KEYS, GLOBAL_KEYS, NAV_KEYS, NO_KEY, displayKeys, matchKey, matches } from '../../src/tui/keymap.js';
import { applyTextKey, textState } from '../../src/tui/components/TextInput.js';

const k = (over: Partial<typeof NO_KEY>) => ({ ...NO_KEY, ...over });

describe('key notation', () => {
  it('matches letters, specials and ctrl keys', () => {
    expect(matchKey('q', 'q', NO_KEY)).toBe(true);
    expect(matchKey('q', 'Q', k({ shift: true }))).toBe(false);
    expect(matchKey('G', 'G', k({ shift: true }))).toBe(true);
    expect(matchKey('enter', '', k({ return: true }))).toBe(true);
    expect(matchKey('shift+tab', '', k({ tab: true, shift: true }))).toBe(true);
    expect(matchKey('tab', '', k({ tab: true, shift: true }))).toBe(false);
    expect(matchKey('ctrl+s', 's', k({ ctrl: true }))).toBe(true);
    expect(matchKey('s', 's', k({ ctrl: true }))).toBe(false);
    expect(matchKey('space', ' ', NO_KEY)).toBe(true);
    // A letter key never fires on Enter, whatever the input text.
    expect(matchKey('q', 'q', k({ return: true }))).toBe(false);
  });

  it('shows keys the way the footer and help print them', () => {
    expect(displayKeys(NAV_KEYS.up)).toBe('↑/k');
    expect(displayKeys(GLOBAL_KEYS.prevTab)).toBe('S-Tab');
    expect(displayKeys(BROWSER_KEYS.toTree)).toBe('←/h/Esc');
    expect(matches(NAV_KEYS.down, 'j', NO_KEY)).toBe(true);
  });
});

describe('splitKeys', () => {
  it('splits a burst into single keys, Enter included', () => {
    const keys = splitKeys('jj\r', NO_KEY, false);
    expect(keys.map((p) => (p.key.return ? 'ENTER' : p.input))).toEqual(['j', 'j', 'ENTER']);
  });

  it('keeps typed text together for a text field', () => {
    const keys = splitKeys('hello world\r', NO_KEY, true);
    expect(keys.map((p) => (p.key.return ? 'ENTER' : p.input))).toEqual(['hello world', 'ENTER']);
  });

  it('turns control bytes into ctrl keys', () => {
    const [a, b] = splitKeys('a\u0013', NO_KEY, false);
    expect(a!.input).toBe('a');
    expect(b!.key.ctrl).toBe(true);
    expect(b!.input).toBe('s');
  });
});

describe('KeyRegistry', () => {
  it('offers a key to the top layer first and stops at a capturing layer', () => {
    const reg = new KeyRegistry();
    const log: string[] = [];
    reg.add({ scopeActive: true, spec: { title: 'screen', bindings: [{ def: NAV_KEYS.down, run: () => log.push('screen-down') }, { def: GLOBAL_KEYS.help, run: () => log.push('screen-?') }] } });
    const modal = reg.add({ scopeActive: true, spec: { title: 'form', level: 'modal', bindings: [{ def: NAV_KEYS.down, run: () => log.push('form-down') }] } });
    expect(reg.dispatch('j', NO_KEY)).toBe('handled');
    expect(reg.dispatch('x', NO_KEY)).toBe('captured');
    expect(log).toEqual(['form-down']);
    reg.remove(modal);
    expect(reg.dispatch('j', NO_KEY)).toBe('handled');
    expect(reg.dispatch('x', NO_KEY)).toBe('unhandled');
    expect(log).toEqual(['form-down', 'screen-down']);
  });

  it('skips layers of an inactive scope and bindings that are off', () => {
    const reg = new KeyRegistry();
    const log: string[] = [];
    reg.add({ scopeActive: false, spec: { title: 'hidden tab', bindings: [{ def: NAV_KEYS.down, run: () => log.push('hidden') }] } });
    reg.add({ scopeActive: true, spec: { title: 'shown', bindings: [{ def: NAV_KEYS.down, run: () => log.push('off'), when: false }] } });
    expect(reg.dispatch('j', NO_KEY)).toBe('unhandled');
    expect(log).toEqual([]);
  });
});

describe('text field editing', () => {
  it('inserts, moves and erases', () => {
    let s = textState('');
    s = applyTextKey(s, 'helo', NO_KEY)!;
    s = applyTextKey(s, '', k({ leftArrow: true }))!;
    s = applyTextKey(s, 'l', NO_KEY)!;
    expect(s).toEqual({ value: 'hello', cursor: 4 });
    s = applyTextKey(s, '', k({ end: true }))!;
    s = applyTextKey(s, '', k({ delete: true }))!;
    expect(s.value).toBe('hell');
    s = applyTextKey(s, 'w', k({ ctrl: true }))!;
    expect(s.value).toBe('');
  });

  it('leaves Enter, Esc and Tab to the form', () => {
    const s = textState('x');
    expect(applyTextKey(s, '', k({ return: true }))).toBeNull();
    expect(applyTextKey(s, '', k({ escape: true }))).toBeNull();
    expect(applyTextKey(s, '', k({ tab: true }))).toBeNull();
  });
});
