import { describe, expect, it } from 'vitest';
import { allEvents, concreteInputs, eventGroups, findEvent, requireEvent, searchEvents, suggestEvents } from '../../src/triggers/catalog.js';

describe('trigger catalog', () => {
  it('holds the 96 events with their groups, phases and value names', () => {
    expect(allEvents()).toHaveLength(96);
    expect(eventGroups()).toEqual(['chat', 'mail', 'sales', 'service-screen', 'system', 'ticket']);
    const sale = findEvent('SalesBeforeSaveSale')!;
    expect(sale).toMatchObject({ id: 1008, group: 'sales', phase: 'before', blockable: true });
    expect(sale.inputs).toContain('SaleEntity.Amount');
    expect(findEvent('ScheduledTaskFailed')!.inputs).toEqual([
      'entryId',
      'retries',
      'disabled',
      'errorMessage',
      'nextExecution',
      'executionTime',
      'scriptId',
      'scriptName',
      'scriptIncludeId',
    ]);
    // only "before" events can be blocked
    expect(allEvents().filter((e) => e.blockable).every((e) => e.phase === 'before')).toBe(true);
  });

  it('finds events regardless of letter case and suggests close names', () => {
    expect(findEvent(' newticket ')?.name).toBe('NewTicket');
    expect(findEvent('Nope')).toBeUndefined();
    expect(suggestEvents('NewTiket')[0]).toBe('NewTicket');
    expect(suggestEvents('SalesBeforeSaveSales')[0]).toBe('SalesBeforeSaveSale');
    expect(suggestEvents('zzzzzzzzzzzz')).toEqual([]);
    expect(() => requireEvent('ChatNewSesion')).toThrow('There is no trigger event named "ChatNewSesion". Did you mean "ChatNewSession"?');
  });

  it('searches by name words and group, best matches first', () => {
    const hits = searchEvents('beforesave sale');
    expect(hits[0]!.name).toBe('SalesBeforeSaveSale');
    expect(hits.every((e) => e.name.toLowerCase().includes('beforesave'))).toBe(true);
    // names starting with the word first; containing it or its letters in order also match
    // a whole word of the name ranks first: "sale" → the ...Sale events before SalesAfterSaveQuote
    expect(searchEvents('sale').slice(0, 2).map((e) => e.name)).toEqual(['SalesAfterSaveSale', 'SalesBeforeSaveSale']);
    expect(searchEvents('ticket', { group: 'ticket' })[0]!.name).toBe('NewTicket');
    const byPrefix = searchEvents('newt').map((e) => e.name);
    expect(byPrefix[0]).toBe('NewTicket');
    expect(byPrefix.slice(0, 6).every((n) => n.startsWith('NewTicket'))).toBe(true);
    expect(byPrefix.length).toBeGreaterThan(6); // e.g. ServiceScreenNewTicket... contains it
    expect(searchEvents('sbss').map((e) => e.name)).toContain('SalesBeforeSaveSale');
    const chat = searchEvents('', { group: 'chat' });
    expect(chat.map((e) => e.name)).toEqual(['ChatAfterSaveNewMessage', 'ChatBeforeSaveNewMessage', 'ChatNewSession', 'ChatSessionChangedStatus']);
    expect(searchEvents('message', { group: 'chat' }).every((e) => e.group === 'chat')).toBe(true);
    expect(searchEvents('qqq')).toEqual([]);
  });

  it('leaves pattern names out of the pre-filled inputs', () => {
    const names = concreteInputs(findEvent('SalesBeforeSaveSale')!);
    expect(names).toContain('SaleEntity.Amount');
    expect(names.some((n) => n.includes('*') || n.includes('[]'))).toBe(false);
  });
});
