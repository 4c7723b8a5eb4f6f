// Signatures that real CRMScript uses where the API reference says otherwise. The reference
// contradicts itself in places (NSContactEntity.SetAddress is declared with NSLocalizedField[][]
// while its own example, and SuperOffice's script library, pass the NSAddress that GetAddress
// returns, as NSPersonEntity.SetAddress declares). Each entry is added beside the catalog's own
// overloads, so both forms type-check; natives implement them by the same 'name(T1,…)' key.
// User.setValue is listed with a third, garbled parameter while its own syntax line and the
// reference's user pages call it with (column, value).
export const USAGE_SIGNATURES: Record<string, string[]> = {
  NSContactEntity: ['Void SetAddress(NSAddress address)'],
  User: ['Void setValue(String column, String value)'],
};

/**
 * Global functions of CRMScript newer than the API reference (SuperOffice's own language-service
 * definitions list them): added to the catalog's Void class.
 */
export const NEWER_GLOBAL_SIGNATURES: string[] = ['String encodeBase32(Byte[] data)', 'Byte[] encodeHMACSHA1(Byte[] key, Byte[] value)', 'Void forceSaveTrace(Bool doSave)', 'Integer pauseTracing(Bool pause)'];
