// CRMScript's TimeZone, as getLocalTimeZone() returns it: the host's zone name and its current
// offset from UTC in seconds.
import type { NativeClass, NativeGlobals } from './registry.js';

export class CrmTimeZone {
  constructor(
    readonly name: string,
    readonly offsetSecs: number,
  ) {}
}

function local(): CrmTimeZone {
  return new CrmTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC', -new Date().getTimezoneOffset() * 60);
}

export const TimeZoneClass: NativeClass = {
  name: 'TimeZone',
  ctors: { '()': () => local() },
  methods: {
    'getTimeZone()': (z: CrmTimeZone) => z.name,
    'getTimeZoneSecs()': (z: CrmTimeZone) => z.offsetSecs,
  },
  defaultValue: () => local(),
};

export const timeZoneGlobals: NativeGlobals = {
  'getLocalTimeZone()': () => local(),
};
